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
 *   npx tsx bench/transfer-stall.ts [operations=10000]
 */
import { Worker } from "node:worker_threads";
import { encodeHlc } from "../src/core/hlc.ts";
import { newId } from "../src/core/ids.ts";
import type { Operation } from "../src/core/operation.ts";
import { API } from "../src/core/protocol.ts";
import { clientFor } from "../test/api/client.ts";
import { EVENT, startServer } from "../test/api/server-process.ts";
import { fmt, quantile } from "./measure.ts";

const total = Number(process.argv[2] ?? 10_000);
const server = await startServer({ LOKET_RATE_LIMIT: "0" });
let monitor: Worker | undefined;
try {
  const client = clientFor(server.base);
  const desk = await client.signIn({ desk: "K1" });
  let wall = Date.now() - 3600_000;
  const base = (ticketId: string) => ({
    id: newId(),
    eventId: EVENT,
    hlc: encodeHlc({ wall: ++wall, counter: 0, node: "BENCH" }),
    actor: desk.actor,
    ticketId,
  });
  const ticketId = newId();
  const setup: Operation[] = [
    {
      ...base(ticketId),
      type: "ticket.created",
      domain: "K",
      participantId: null,
      question: { topic: "SAKIP", text: "?" },
      priority: false,
    },
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
    `transfer stall: ${fmt(total)} operations by desk S1 on one transferred ticket in ${seconds.toFixed(1)} s; ` +
      `/api/health meanwhile ${summary(during)}`,
  );
} catch (e) {
  console.error(server.output().slice(-3000));
  throw e;
} finally {
  await monitor?.terminate();
  await server.stop();
}
