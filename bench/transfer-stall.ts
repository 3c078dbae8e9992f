/**
 * Issue 9, point 6: no request may stall the server. One desk pushes 10,000
 * operations (notes and calls, in batches of 500) on ONE transferred ticket,
 * while a monitor asks /api/health every 10 ms; prints the health latency,
 * and first the same probes for 3 s with nothing pushed: on a shared machine
 * that baseline is the floor the figure under load cannot go below.
 * Before issue 9 every operation on a transferred ticket re-read and re-folded
 * the ticket's whole history inside the synchronous SQLite transaction
 * (quadratic: 3,000 operations pushed health to 6 s). Target: p99 ≤ 50 ms.
 *
 * `subscribed`: the ticket is a participant's whose phone takes push
 * messages (from a stand-in push service here), as at an event using Web
 * Push: after each push the server looks at the call and folds the line the
 * ticket is in, long history and all (webpush/dispatch.ts).
 *
 *   npx tsx bench/transfer-stall.ts [operations=10000] [plain|subscribed]
 */
import { createECDH, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { encodeHlc } from "../src/core/hlc.ts";
import { newId } from "../src/core/ids.ts";
import type { Operation } from "../src/core/operation.ts";
import { API } from "../src/core/protocol.ts";
import { clientFor } from "../test/api/client.ts";
import { EVENT, startServer } from "../test/api/server-process.ts";
import { fmt, quantile } from "./measure.ts";

const total = Number(process.argv[2] ?? 10_000);
const subscribed = process.argv[3] === "subscribed";
let messages = 0;
// a push service that takes every message (201), on this machine
const pushService = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    messages++;
    res.writeHead(201).end();
  });
});
await new Promise<void>((r) => pushService.listen(0, "127.0.0.1", r));
const pushOrigin = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
const server = await startServer({ LOKET_RATE_LIMIT: "0", LOKET_WEB_PUSH_ENDPOINTS: pushOrigin });
let monitor: Worker | undefined;
try {
  const client = clientFor(server.base);
  const desk = await client.signIn({ desk: "K1" });
  const phone = subscribed ? await client.signIn("participant") : null;
  if (phone) {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const keys = { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") };
    const res = await client.call(API.webPush, {
      method: "PUT",
      headers: { ...phone.headers, "content-type": "application/json" },
      body: JSON.stringify({ subscription: { endpoint: `${pushOrigin}/phone`, keys }, lang: "id" }),
    });
    if (res.status !== 200) throw new Error(`subscribing failed: ${res.status} ${await res.text()}`);
  }
  let wall = Date.now() - 3600_000;
  const base = (ticketId: string) => ({
    id: newId(),
    eventId: EVENT,
    hlc: encodeHlc({ wall: ++wall, counter: 0, node: "BENCH" }),
    actor: desk.actor,
    ticketId,
  });
  const ticketId = newId();
  const creation: Operation = {
    ...base(ticketId),
    ...(phone ? { actor: phone.actor } : {}),
    type: "ticket.created",
    domain: "K",
    participantId: phone?.actor.participantId ?? null,
    question: { topic: "SAKIP", text: "?" },
    priority: false,
  };
  if (phone) await client.push(phone, [creation]);
  const setup: Operation[] = [
    ...(phone ? [] : [creation]),
    { ...base(ticketId), type: "ticket.called", deskId: "K1" },
    { ...base(ticketId), type: "ticket.transferred", deskId: "K1", toDomain: "S" },
  ];
  await client.push(desk, setup);
  // desk S1 works the ticket in its new domain: each of its operations is
  // authorized by the domain the ticket was in at that moment (core/domain-at.ts)
  const deskS1 = await client.signIn({ desk: "S1" });

  // The probes run in a worker thread: its own event loop, so building and
  // sending the batches here never delays a probe (the figure is the server's).
  monitor = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     let list = [];
     parentPort.on("message", () => { parentPort.postMessage(list); list = []; });
     (async () => {
       for (;;) {
         const t = performance.now();
         // a failed probe (a connection reset) counts as an infinite wait
         try { await (await fetch(workerData)).arrayBuffer(); list.push(performance.now() - t); }
         catch (e) { console.error("health probe failed:", e.cause?.code ?? e.message); list.push(Infinity); }
         await new Promise((r) => setTimeout(r, 10));
       }
     })();`,
    { eval: true, workerData: `${server.base}${API.health}` },
  );
  const take = () =>
    new Promise<number[]>((resolve) => {
      monitor?.once("message", resolve);
      monitor?.postMessage("take");
    });
  const summary = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return (
      `(${sorted.length} probes): p50 ${quantile(sorted, 0.5).toFixed(1)} ms, ` +
      `p99 ${quantile(sorted, 0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`
    );
  };
  await new Promise((r) => setTimeout(r, 3000));
  console.log(`idle: /api/health ${summary(await take())}`);
  const t0 = performance.now();
  for (let done = 0; done < total; done += 500) {
    const batch: Operation[] = Array.from({ length: Math.min(500, total - done) }, (_, i) =>
      i % 2 === 0
        ? { ...base(ticketId), type: "ticket.noteAdded", deskId: "S1", text: `Catatan ${done + i}` }
        : { ...base(ticketId), type: "ticket.recalled", deskId: "S1" },
    );
    const res = await client.push(
      deskS1,
      batch.map((op) => ({ ...op, actor: deskS1.actor })),
    );
    const accepted = res.results.filter((r) => r.status === "accepted").length;
    if (accepted !== batch.length) throw new Error(`only ${accepted} of ${batch.length} accepted`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const during = await take();
  console.log(
    `transfer stall${subscribed ? " (subscribed)" : ""}: ${fmt(total)} operations by desk S1 on one transferred ticket in ${seconds.toFixed(1)} s; ` +
      `/api/health meanwhile ${summary(during)}${subscribed ? `; ${messages} push messages so far` : ""}`,
  );
} catch (e) {
  console.error(server.output().slice(-3000));
  throw e;
} finally {
  await monitor?.terminate();
  await server.stop();
  pushService.close();
}
