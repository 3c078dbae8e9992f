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
import { encodeHlc } from "../src/core/hlc.ts";
import { newId } from "../src/core/ids.ts";
import type { Actor, Operation } from "../src/core/operation.ts";
import { API, type AuthResponse, LIMITS, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../src/core/protocol.ts";
import { clientFor } from "../test/api/client.ts";
import { CODES, EVENT, startServer } from "../test/api/server-process.ts";

const DOMAINS = ["K", "S", "A", "P"] as const;
let tick = Date.now() - 3600_000;
const hlc = (node: string) => encodeHlc({ wall: ++tick, counter: 0, node });

/** A ticket's life as an organizer's device records it: 5 operations. */
function ticketLife(actor: Actor, i: number): Operation[] {
  const ticketId = newId();
  const domain = DOMAINS[i % 4] ?? "K";
  const deskId = `${domain}1`;
  const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(actor.deviceId), actor, ticketId });
  return [
    {
      ...base(),
      type: "ticket.created",
      domain,
      participantId: null,
      question: { topic: "SAKIP", text: `Pertanyaan nomor ${i}` },
      priority: i % 17 === 0,
    },
    { ...base(), type: "ticket.called", deskId },
    { ...base(), type: "ticket.started", deskId },
    { ...base(), type: "ticket.noteAdded", deskId, text: "Catatan konsultasi singkat untuk uji beban." },
    { ...base(), type: "ticket.closed", deskId, outcome: { kind: "answered", topic: "SAKIP", advice: "Gunakan pohon kinerja." } },
  ];
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await run(item);
      }
    }),
  );
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function throughput(count: number): Promise<void> {
  const server = await startServer({ LOKET_RATE_LIMIT: "0" });
  try {
    const client = clientFor(server.base);
    const org = await client.signIn("organizer");
    const ops = Array.from({ length: count / 5 }, (_, i) => ticketLife(org.actor, i)).flat();
    const batches = chunks(ops, LIMITS.maxOpsPerPush);
    const t0 = performance.now();
    await inParallel(batches, 4, async (batch) => {
      const res = await client.push(org, batch);
      if (res.results.some((r) => r.status !== "accepted"))
        throw new Error(`not accepted: ${JSON.stringify(res.results.find((r) => r.status !== "accepted"))}`);
    });
    const pushMs = performance.now() - t0;

    const t1 = performance.now();
    let pulled = 0;
    let after = 0;
    for (;;) {
      const page = await client.pullPage(org, after, LIMITS.maxPullPage);
      pulled += page.res.ops.length;
      after = page.res.cursor;
      if (!page.res.more) break;
    }
    const pullMs = performance.now() - t1;

    const phone = await client.signIn("participant");
    const t2 = performance.now();
    let filtered = 0;
    after = 0;
    for (;;) {
      const page = await client.pullPage(phone, after, LIMITS.maxPullPage);
      filtered += page.res.ops.length;
      after = page.res.cursor;
      if (!page.res.more) break;
    }
    const phoneMs = performance.now() - t2;
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
        const deviceId = newId();
        const r = await conn.post(
          API.auth,
          { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
          JSON.stringify({ role: "participant", eventId: EVENT, code: CODES.participantCode, deviceId }),
        );
        const auth = JSON.parse(r.text) as AuthResponse;
        const actor: Actor = { deviceId, role: "participant", participantId: auth.participantId ?? "" };
        return { conn, actor, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${auth.token}` } };
      }),
    );
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      phones.map(async (phone, p) => {
        for (let b = 0; b < batchesEach; b++) {
          const batch: Operation[] = [];
          for (let i = 0; i < batchSize / 2; i++) {
            const ticketId = newId();
            const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(phone.actor.deviceId), actor: phone.actor, ticketId });
            batch.push(
              {
                ...base(),
                type: "ticket.created",
                domain: DOMAINS[(p + i) % 4] ?? "K",
                participantId: phone.actor.participantId ?? null,
                question: { topic: "SDM", text: "Formasi" },
                priority: false,
              },
              { ...base(), type: "ticket.questionEdited", question: { topic: "SDM", text: "Formasi dan jabatan fungsional" } },
            );
          }
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
    const client = clientFor(server.base);
    const phone = await client.signIn("participant");
    const desk = await client.signIn({ desk: "K1" });
    const res = await fetch(`${server.base}${API.live}?token=${encodeURIComponent(phone.auth.token)}&protocol=1`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let latest = 0;
    const waiters: { seq: number; resolve: () => void }[] = [];
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const data = buffer
            .slice(0, end)
            .split("\n")
            .find((l) => l.startsWith("data:"));
          buffer = buffer.slice(end + 2);
          if (data) latest = Math.max(latest, (JSON.parse(data.slice(5)) as { seq: number }).seq);
          for (const w of waiters.splice(0))
            if (latest >= w.seq) w.resolve();
            else waiters.push(w);
        }
      }
    })();
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(desk.actor.deviceId), actor: desk.actor });
      const ticketId = newId();
      await client.push(desk, [
        {
          ...base(),
          type: "ticket.created",
          ticketId,
          domain: "K",
          participantId: null,
          question: { topic: "K", text: "?" },
          priority: false,
        },
      ]);
      const start = performance.now();
      const pushed = await client.push(desk, [{ ...base(), type: "ticket.called", ticketId, deskId: "K1" }]);
      const first = pushed.results[0];
      const seq = first && first.status === "accepted" ? first.seq : Number.POSITIVE_INFINITY;
      if (latest < seq) await new Promise<void>((resolve) => waiters.push({ seq, resolve }));
      times.push(performance.now() - start);
    }
    await reader.cancel();
    times.sort((a, b) => a - b);
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
