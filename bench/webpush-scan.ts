/**
 * Issue 12: what Web Push costs the server. After each accepted push the
 * server folds the lines that hold a subscribed participant's open ticket
 * (webpush/dispatch.ts) to find who became 3rd; on SQLite that work runs on
 * the event loop, so it is time no request is served. This fills an event
 * with `tickets` waiting tickets per domain (4 domains), every participant
 * subscribed (a worst case), the push service unreachable (a venue without
 * internet: refused at once, then the sender rests), then has desk K1 call
 * `calls` tickets one at a time and prints, per call, the commit time (the
 * desk's request) and the time until the messages were decided and handed
 * to the sender (the scan, after the answer).
 *
 *   npx tsx bench/webpush-scan.ts [tickets=150] [calls=100]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeHlc } from "../src/core/hlc.ts";
import { newId } from "../src/core/ids.ts";
import type { Actor, Operation } from "../src/core/operation.ts";
import { demoEvent } from "../src/server/seed.ts";
import { openSqliteStore } from "../src/server/store/sqlite.ts";
import { createWebPush } from "../src/server/webpush/dispatch.ts";
import { loadOrCreateVapidKeys } from "../src/server/webpush/keys.ts";
import { fmt, quantile } from "./measure.ts";

const perDomain = Number(process.argv[2] ?? 150);
const calls = Number(process.argv[3] ?? 100);
const dir = mkdtempSync(join(tmpdir(), "loket-bench-webpush-"));
const store = openSqliteStore(join(dir, "loket.sqlite"));
const event = demoEvent();
await store.putEvent(event, { participantCode: "AAAA", organizerCode: "BBBB", deskCodes: { K1: "CCCC" } });
const allow = { eventId: event.id, now: Date.now(), authorize: () => null };
let wall = Date.now() - 3600_000;
const stamp = (node: string) => encodeHlc({ wall: ++wall, counter: 0, node });
const dead = "http://127.0.0.1:9"; // the discard port: refused at once
const push = createWebPush(store, () => {}, {
  vapid: loadOrCreateVapidKeys(dir),
  subject: "mailto:bench@loket.invalid",
  extraOrigins: [dead],
});

const kTickets: string[] = [];
let n = 0;
for (const domain of ["K", "S", "A", "P"] as const) {
  const ops: Operation[] = [];
  for (let i = 0; i < perDomain; i++) {
    const participantId = `PBENCH${String(n++).padStart(6, "0")}`;
    const actor: Actor = { deviceId: `D${participantId}`, role: "participant", participantId };
    const ticketId = newId();
    if (domain === "K") kTickets.push(ticketId);
    ops.push({
      id: newId(),
      eventId: event.id,
      hlc: stamp(actor.deviceId),
      actor,
      type: "ticket.created",
      ticketId,
      domain,
      participantId,
      question: { topic: "SAKIP", text: "Bagaimana menyusun indikator kinerja utama?" },
      priority: false,
    });
    // a browser's keys are not checked until a message is encrypted: the dead service refuses before that matters
    await store.savePushSubscription({
      eventId: event.id,
      participantId,
      endpoint: `${dead}/${participantId}`,
      p256dh: "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U",
      auth: "tBHItJI5svbpez7KI4CCXg",
      lang: "id",
      createdAt: 0,
    });
  }
  await store.push(ops, allow);
}

const desk: Actor = { deviceId: "DBENCHDESK01", role: "desk", deskId: "K1" };
const commitMs: number[] = [];
const scanMs: number[] = [];
for (const ticketId of kTickets.slice(0, calls)) {
  const op: Operation = {
    id: newId(),
    eventId: event.id,
    hlc: stamp(desk.deviceId),
    actor: desk,
    type: "ticket.called",
    ticketId,
    deskId: "K1",
  };
  const t0 = performance.now();
  await store.push([op], allow);
  const t1 = performance.now();
  push.afterCommit(event.id, [op]);
  await new Promise((r) => setImmediate(r));
  await push.idle();
  commitMs.push(t1 - t0);
  scanMs.push(performance.now() - t1);
}
await store.close();

const show = (name: string, xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(34)} p50 ${quantile(s, 0.5).toFixed(1)} ms   p99 ${quantile(s, 0.99).toFixed(1)} ms   max ${(s.at(-1) ?? 0).toFixed(1)} ms`,
  );
};
console.log(`${fmt(perDomain * 4)} waiting tickets, all subscribed, push service unreachable; ${fmt(calls)} calls at desk K1`);
show("desk's call, commit (the request)", commitMs);
show("after it: scan and hand-off", scanMs);
