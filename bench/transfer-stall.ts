/**
 * Issue 9, point 6: no request may stall the server. One desk pushes 10,000
 * operations (notes and calls, in batches of 500) on ONE transferred ticket,
 * while a monitor asks /api/health every 20 ms; prints the health latency.
 * Before issue 9 every operation on a transferred ticket re-read and re-folded
 * the ticket's whole history inside the synchronous SQLite transaction
 * (quadratic: 3,000 operations pushed health to 6 s). Target: p99 ≤ 50 ms.
 *
 *   npx tsx bench/transfer-stall.ts [operations=10000]
 */
import { encodeHlc } from "../src/core/hlc.ts";
import { newId } from "../src/core/ids.ts";
import type { Operation } from "../src/core/operation.ts";
import { API } from "../src/core/protocol.ts";
import { clientFor } from "../test/api/client.ts";
import { EVENT, startServer } from "../test/api/server-process.ts";
import { fmt, quantile } from "./measure.ts";

const total = Number(process.argv[2] ?? 10_000);
const server = await startServer({ LOKET_RATE_LIMIT: "0" });
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
  const organizer = await client.signIn("organizer");

  const latencies: number[] = [];
  let pushing = true;
  const monitor = (async () => {
    while (pushing) {
      const t = performance.now();
      try {
        await (await fetch(`${server.base}${API.health}`)).arrayBuffer();
      } catch (e) {
        console.error("health failed", e, server.output().slice(-2000));
        throw e;
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  for (let done = 0; done < total; done += 500) {
    const batch: Operation[] = Array.from({ length: Math.min(500, total - done) }, (_, i) =>
      i % 2 === 0
        ? { ...base(ticketId), type: "ticket.noteAdded", deskId: "S1", text: `Catatan ${done + i}` }
        : { ...base(ticketId), type: "ticket.recalled", deskId: "S1" },
    );
    const res = await client.push(
      organizer,
      batch.map((op) => ({ ...op, actor: organizer.actor })),
    );
    const accepted = res.results.filter((r) => r.status === "accepted").length;
    if (accepted !== batch.length) throw new Error(`only ${accepted} of ${batch.length} accepted`);
  }
  const seconds = (performance.now() - t0) / 1000;
  pushing = false;
  await monitor;
  const sorted = latencies.sort((a, b) => a - b);
  console.log(
    `transfer stall: ${fmt(total)} operations on one transferred ticket in ${seconds.toFixed(1)} s; ` +
      `/api/health meanwhile (${sorted.length} probes): p50 ${quantile(sorted, 0.5).toFixed(1)} ms, ` +
      `p99 ${quantile(sorted, 0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
  );
} catch (e) {
  console.error(server.output().slice(-3000));
  throw e;
} finally {
  await server.stop();
}
