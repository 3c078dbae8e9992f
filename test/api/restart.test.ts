import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Operation, OpOf } from "../../src/core/operation.ts";
import { clientFor, ops } from "./client.ts";
import { pushThenKill, type ServerProcess, startServer } from "./server-process.ts";

/**
 * Restart safety: the server is killed with SIGKILL right after a push has
 * been sent, while it is storing or answering it. After a restart on the same
 * file, the device retries the same batch: every operation is there exactly
 * once and no queue number was given twice.
 */
let server: ServerProcess;
const DOMAINS = ["K", "S", "A", "P"] as const;

beforeAll(async () => {
  server = await startServer({ LOKET_TEST_HOLD_PUSH_MS: "300" });
});
afterAll(async () => {
  await server.stop();
});

describe("restart safety", () => {
  it("a push cut by kill -9 and retried after restart stores every operation exactly once", async () => {
    const outcomes: string[] = [];
    const sent: Operation[] = [];
    for (let round = 0; round < 4; round++) {
      const client = clientFor(server.base);
      const desk = await client.signIn({ desk: "K1" });
      // 50 phones' tickets: one per domain on each of 13 phones (one open ticket per domain: fair use)
      const phones = await Promise.all(Array.from({ length: 13 }, () => client.signIn("participant")));
      const batch: Operation[] = [];
      for (let i = 0; i < 100; i++) {
        const j = Math.floor(i / 2);
        const phone = phones[Math.floor(j / 4)];
        if (!phone) throw new Error("no phone");
        const t = i % 2 ? ops.created(desk, "K") : ops.created(phone, DOMAINS[j % 4] ?? "K");
        batch.push(t);
        if (i % 2) batch.push(ops.called(desk, t.ticketId));
      }
      sent.push(...batch);
      const mine = batch.filter((o) => o.actor.deviceId === desk.actor.deviceId);
      const outcome = await pushThenKill(server, desk, mine, [0, 5, 100, 150][round] ?? 0);
      await new Promise<void>((r) =>
        server.child.exitCode !== null || server.child.signalCode !== null ? r() : server.child.once("exit", () => r()),
      );
      await server.restart();
      const again = clientFor(server.base);
      // the device's token survives the restart; it retries both devices' outboxes
      const retryDesk = await again.push(
        desk,
        batch.filter((o) => o.actor.deviceId === desk.actor.deviceId),
      );
      const retryPhones = await Promise.all(
        phones.map((phone) =>
          again.push(
            phone,
            batch.filter((o) => o.actor.deviceId === phone.actor.deviceId),
          ),
        ),
      );
      for (const r of [...retryDesk.results, ...retryPhones.flatMap((p) => p.results)])
        expect(["accepted", "duplicate"]).toContain(r.status);
      const dup = retryDesk.results.filter((r) => r.status === "duplicate").length;
      outcomes.push(`${outcome}, retry found ${dup} of ${mine.length} stored`);
    }
    const client = clientFor(server.base);
    const org = await client.signIn("organizer");
    const all = (await client.pullAll(org)).ops.map((x) => x.op);
    const ids = all.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = new Set(ids);
    for (const o of sent) expect(stored.has(o.id)).toBe(true);
    const numbers = all.filter((o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned");
    expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
    expect(new Set(numbers.map((n) => n.ticketId)).size).toBe(numbers.length);
    expect(numbers).toHaveLength(sent.filter((o) => o.type === "ticket.created").length);
    // the server's clock never went back across restarts
    const stamps = numbers.map((n) => n.hlc);
    expect(stamps).toEqual([...stamps].sort());
    expect(outcomes).toHaveLength(4);
    console.info(`restart rounds: ${outcomes.join(", ")}`);
  });
});
