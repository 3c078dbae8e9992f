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
 * The measuring code is bench/measure.ts, shared with bench/sync.ts.
 */
import { clientFor, type Device } from "../test/api/client.ts";
import { type ServerProcess, startServer } from "../test/api/server-process.ts";
import { startPgServer, stopTestPostgres, testPostgres } from "../test/pg/pg-server-process.ts";
import { callToPhoneTimes, chunks, fmt, phoneBatch, pullAll, pushAll, quantile, ticketLifeBatches } from "./measure.ts";

type Start = () => Promise<ServerProcess[]>;

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
    const pushMs = await pushAll(client, org, ticketLifeBatches(org.actor, count));
    const { ops: pulled, ms: pullMs } = await pullAll(client, org);
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
          const batch = phoneBatch(device.actor, p, batchSize);
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
    const times = await callToPhoneTimes(deskServer.base, phoneServer.base, rounds);
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
