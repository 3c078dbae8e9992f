/**
 * In-process profile of the push path: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-push.ts [count]`.
 * Pushes `count` organizer operations (batches of 500, 4 in flight) through
 * `createApp(...).app.fetch` on a real SQLite file, then reads the whole log
 * back; prints the times. Read the .cpuprofile with bench/profile-summary.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/server/app.ts";
import { seedDemoEvent } from "../src/server/seed.ts";
import { openSqliteStore } from "../src/server/store/sqlite.ts";
import { clientFor } from "../test/api/client.ts";
import { CODES } from "../test/api/server-process.ts";
import { fmt, pullAll, pushAll, ticketLifeBatches } from "./measure.ts";

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "loket-profile-"));
const store = openSqliteStore(join(dir, "loket.sqlite"));
await seedDemoEvent(store, { codes: CODES });
const app = createApp({ store, log: () => {}, rateLimit: false });
const client = clientFor("http://loket.test", (input, init) => Promise.resolve(app.app.fetch(new Request(input, init))));
const org = await client.signIn("organizer");
const batches = ticketLifeBatches(org.actor, count);
const pushMs = await pushAll(client, org, batches);
const { ops, ms: pullMs } = await pullAll(client, org);
console.log(
  `push ${fmt((count / pushMs) * 1000)} ops/s (${fmt(pushMs)} ms)   pull ${fmt((ops / pullMs) * 1000)} ops/s (${fmt(ops)} ops, ${fmt(pullMs)} ms)`,
);
app.close();
await store.close();
