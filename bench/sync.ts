/**
 * `npm run bench:sync`: figures of the sync server on embedded SQLite, over
 * real HTTP to a real server process on 127.0.0.1. A script that prints, not
 * a test: nothing here passes or fails.
 *
 * 1. push ops/s and pull ops/s, for 10,000 and for 100,000 operations
 *    (batches of 500, the protocol's maximum, 4 in flight);
 * 2. p50/p99 latency of 50-operation pushes, 200 devices pushing at once;
 * 3. time from a desk's call push to its `seq` on a connected phone's live stream.
 */
import { Agent, request as httpRequest } from "node:http";
import { loadavg } from "node:os";
import type { Actor } from "../src/core/operation.ts";
import { API, type AuthResponse, type ChallengeResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../src/core/protocol.ts";
import { createDeviceKey, signInProof } from "../src/sync/device-key.ts";
import { clientFor } from "../test/api/client.ts";
import { CODES, EVENT, startServer } from "../test/api/server-process.ts";
import { callToPhoneTimes, fmt, phoneBatch, pullAll, pushAll, quantile, ticketLifeBatches } from "./measure.ts";

async function throughput(count: number): Promise<void> {
  const server = await startServer({ LOKET_RATE_LIMIT: "0" });
  try {
    const client = clientFor(server.base);
    const org = await client.signIn("organizer");
    const pushMs = await pushAll(client, org, ticketLifeBatches(org.actor, count));
    const { ops: pulled, ms: pullMs } = await pullAll(client, org);
    const phone = await client.signIn("participant");
    const { ops: filtered, ms: phoneMs } = await pullAll(client, phone);
    console.log(
      `${fmt(count).padStart(8)} ops  push ${fmt((count / pushMs) * 1000).padStart(8)} ops/s (${fmt(pushMs)} ms, +${fmt(count / 5)} server numbers)` +
        `   pull ${fmt((pulled / pullMs) * 1000).padStart(8)} ops/s (${fmt(pulled)} ops, ${fmt(pullMs)} ms)` +
        `   pull as participant ${fmt((pulled / phoneMs) * 1000).padStart(8)} ops/s scanned (${fmt(filtered)} visible)`,
    );
  } finally {
    await server.stop();
  }
}

/** One keep-alive connection per device, as a phone has: a request over node:http, the body read whole. */
function deviceConnection(base: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(base);
  return {
    post(path: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path,
            method: "POST",
            agent,
            headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (c: string) => {
              text += c;
            });
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

async function concurrentDevices(devices: number, batchesEach: number, batchSize: number): Promise<void> {
  const server = await startServer({ LOKET_RATE_LIMIT: "0" });
  try {
    // Each device signs in over its own connection first, so that the timed
    // part measures pushes, not 200 TCP handshakes at once.
    const phones = await Promise.all(
      Array.from({ length: devices }, async () => {
        const conn = deviceConnection(server.base);
        const key = await createDeviceKey();
        const h = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
        const { challenge } = JSON.parse((await conn.post(API.authChallenge, h, "")).text) as ChallengeResponse;
        const proof = await signInProof(key, { challenge, eventId: EVENT, role: "participant" });
        const r = await conn.post(
          API.auth,
          h,
          JSON.stringify({ role: "participant", eventId: EVENT, code: CODES.participantCode, ...proof, challenge }),
        );
        const auth = JSON.parse(r.text) as AuthResponse;
        const actor: Actor = { deviceId: key.deviceId, role: "participant", participantId: auth.participantId ?? "" };
        return { conn, actor, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${auth.token}` } };
      }),
    );
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      phones.map(async (phone, p) => {
        for (let b = 0; b < batchesEach; b++) {
          const batch = phoneBatch(phone.actor, p, batchSize);
          const body = JSON.stringify({ ops: batch });
          const s = performance.now();
          const r = await phone.conn.post(API.push, phone.headers, body);
          latencies.push(performance.now() - s);
          if (r.status !== 200) throw new Error(`push answered ${r.status}: ${r.text}`);
        }
      }),
    );
    const total = performance.now() - t0;
    for (const p of phones) p.conn.close();
    latencies.sort((a, b) => a - b);
    const ops = devices * batchesEach * batchSize;
    console.log(
      `${devices} devices x ${batchesEach} pushes of ${batchSize} ops at once: p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms; ${fmt((ops / total) * 1000)} ops/s overall`,
    );
  } finally {
    await server.stop();
  }
}

async function callToPhone(rounds: number): Promise<void> {
  const server = await startServer({ LOKET_RATE_LIMIT: "0" });
  try {
    const times = await callToPhoneTimes(server.base, server.base, rounds);
    console.log(
      `desk call -> phone's live stream (push sent to seq event received), ${rounds} calls: median ${quantile(times, 0.5).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms`,
    );
  } finally {
    await server.stop();
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
console.log(`Loket sync bench: Node ${process.version}, embedded SQLite (WAL, synchronous=NORMAL), server process on 127.0.0.1`);
console.log(`load average before: ${load()} (figures fall when other work shares the CPUs)\n`);
const started = performance.now();
await throughput(10_000);
await throughput(100_000);
await concurrentDevices(200, 5, 50);
await callToPhone(30);
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s; load average after: ${load()}`);
