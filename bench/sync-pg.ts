/**
 * `npm run bench:sync:pg`: the figures of `npm run bench:sync`, on PostgreSQL
 * and on embedded SQLite side by side, over real HTTP to real server
 * processes on 127.0.0.1. PostgreSQL is the embedded one the tests use
 * (test/pg/embedded.ts: fsync off, so these are figures of the server's
 * work, not of a disk), or DATABASE_URL when set. A script that prints, not
 * a test.
 *
 * 1. push ops/s and pull ops/s, for 10,000 and 100,000 operations (batches of
 *    500, the protocol's maximum, 4 in flight);
 * 2. p50/p99 latency of 50-operation pushes, 200 devices pushing at once
 *    (on PostgreSQL also with the devices split over two instances);
 * 3. time from a desk's call push to its `seq` on a connected phone's live
 *    stream (on PostgreSQL also with desk and phone on different instances).
 *
 * Written beside bench/sync.ts so as not to touch it while it changes; once
 * that file exports its measurements with the server to start as a
 * parameter, this one can shrink to the PostgreSQL runs.
 */
import { encodeHlc } from "../src/core/hlc.ts";
import { newId } from "../src/core/ids.ts";
import type { Actor, Operation } from "../src/core/operation.ts";
import { API, LIMITS } from "../src/core/protocol.ts";
import { clientFor, type Device } from "../test/api/client.ts";
import { EVENT, type ServerProcess, startServer } from "../test/api/server-process.ts";
import { startPgServer, stopTestPostgres, testPostgres } from "../test/pg/pg-server-process.ts";

type Start = () => Promise<ServerProcess[]>;

const DOMAINS = ["K", "S", "A", "P"] as const;
let tick = Date.now() - 3600_000;
const hlc = (node: string) => encodeHlc({ wall: ++tick, counter: 0, node });
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

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
      while (next < items.length) await run(items[next++] as T);
    }),
  );
}

async function withServers<T>(start: Start, run: (servers: ServerProcess[]) => Promise<T>): Promise<T> {
  const servers = await start();
  try {
    return await run(servers);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function throughput(start: Start, count: number): Promise<string> {
  return withServers(start, async ([server]) => {
    const client = clientFor((server as ServerProcess).base);
    const org = await client.signIn("organizer");
    const batches = chunks(Array.from({ length: count / 5 }, (_, i) => ticketLife(org.actor, i)).flat(), LIMITS.maxOpsPerPush);
    const t0 = performance.now();
    await inParallel(batches, 4, async (batch) => {
      const res = await client.push(org, batch);
      if (res.results.some((r) => r.status !== "accepted")) throw new Error("not accepted");
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
    return `push ${fmt((count / pushMs) * 1000)} ops/s, pull ${fmt((pulled / pullMs) * 1000)} ops/s`;
  });
}

async function concurrentDevices(start: Start, devices: number, batchesEach: number, batchSize: number): Promise<string> {
  return withServers(start, async (servers) => {
    const clients = servers.map((s) => clientFor(s.base));
    const phones: { client: ReturnType<typeof clientFor>; device: Device }[] = [];
    for (const group of chunks(
      Array.from({ length: devices }, (_, i) => i),
      50,
    )) {
      phones.push(
        ...(await Promise.all(
          group.map(async (i) => {
            const client = clients[i % clients.length] as ReturnType<typeof clientFor>;
            return { client, device: await client.signIn("participant") };
          }),
        )),
      );
    }
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      phones.map(async ({ client, device }, p) => {
        for (let b = 0; b < batchesEach; b++) {
          const batch: Operation[] = [];
          for (let i = 0; i < batchSize / 2; i++) {
            const ticketId = newId();
            const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(device.actor.deviceId), actor: device.actor, ticketId });
            batch.push(
              {
                ...base(),
                type: "ticket.created",
                domain: DOMAINS[(p + i) % 4] ?? "K",
                participantId: device.actor.participantId ?? null,
                question: { topic: "SDM", text: "Formasi" },
                priority: false,
              },
              { ...base(), type: "ticket.questionEdited", question: { topic: "SDM", text: "Formasi dan jabatan fungsional" } },
            );
          }
          const s = performance.now();
          await client.push(device, batch);
          latencies.push(performance.now() - s);
        }
      }),
    );
    const total = performance.now() - t0;
    latencies.sort((a, b) => a - b);
    return `p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms, ${fmt(((devices * batchesEach * batchSize) / total) * 1000)} ops/s`;
  });
}

async function callToPhone(start: Start, rounds: number): Promise<string> {
  return withServers(start, async (servers) => {
    const deskServer = servers[0] as ServerProcess;
    const phoneServer = servers.at(-1) as ServerProcess;
    const deskClient = clientFor(deskServer.base);
    const phone = await clientFor(phoneServer.base).signIn("participant");
    const desk = await deskClient.signIn({ desk: "K1" });
    const res = await fetch(`${phoneServer.base}${API.live}?token=${encodeURIComponent(phone.auth.token)}&protocol=1`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let latest = 0;
    const waiters: { seq: number; resolve: () => void }[] = [];
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
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
      await deskClient.push(desk, [
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
      const t = performance.now();
      const pushed = await deskClient.push(desk, [{ ...base(), type: "ticket.called", ticketId, deskId: "K1" }]);
      const first = pushed.results[0];
      const seq = first && first.status === "accepted" ? first.seq : Number.POSITIVE_INFINITY;
      if (latest < seq) await new Promise<void>((resolve) => waiters.push({ seq, resolve }));
      times.push(performance.now() - t);
    }
    await reader.cancel();
    times.sort((a, b) => a - b);
    return `median ${quantile(times, 0.5).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms`;
  });
}

const env = { LOKET_RATE_LIMIT: "0" };
const sqlite: Start = async () => [await startServer(env)];
const pgOne: Start = async () => [await startPgServer(env)];
const pgTwo: Start = async () => {
  const url = await (await testPostgres()).newDatabase();
  return Promise.all([startPgServer(env, url), startPgServer(env, url)]);
};

const rows: [string, Start, Start | null, (s: Start) => Promise<string>][] = [
  ["10,000 ops", sqlite, pgOne, (s) => throughput(s, 10_000)],
  ["100,000 ops", sqlite, pgOne, (s) => throughput(s, 100_000)],
  ["200 devices x 5 pushes of 50 ops", sqlite, pgOne, (s) => concurrentDevices(s, 200, 5, 50)],
  ["  the same, devices on 2 instances", sqlite, pgTwo, (s) => concurrentDevices(s, 200, 5, 50)],
  ["desk call -> phone's live stream (30)", sqlite, pgOne, (s) => callToPhone(s, 30)],
  ["  desk on one instance, phone on the other", sqlite, pgTwo, (s) => callToPhone(s, 30)],
];

console.log(
  `Loket sync bench, SQLite vs PostgreSQL: Node ${process.version}, server processes on 127.0.0.1, PostgreSQL ${(await testPostgres()).describe}\n`,
);
const started = performance.now();
try {
  for (const [name, onSqlite, onPg, measure] of rows) {
    const left = name.startsWith("  ") ? "(one process only)" : await measure(onSqlite);
    const right = onPg ? await measure(onPg) : "";
    console.log(`${name}\n  SQLite      ${left}\n  PostgreSQL  ${right}`);
  }
} finally {
  await stopTestPostgres();
}
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
