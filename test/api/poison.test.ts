import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RejectedOp } from "../../src/storage/contract.ts";
import { MAX_PUSH_TRIES } from "../../src/sync/engine.ts";
import { clientFor, ops } from "./client.ts";
import { engineDevice } from "./engine-device.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

/**
 * A poison operation: one the server fails on every time it is pushed (here,
 * one too large for the body limit even alone, so the server answers 413
 * before reading it). The real engine against the real server process: the
 * device keeps pulling what others do, its operations on other tickets go out
 * (a creation waits, since it may depend on any earlier operation), and the
 * poison is set aside after a bounded number of tries, listed with its reason.
 */
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

describe("a poison operation", () => {
  it("never stops the device from pulling, and is set aside with its reason after a bounded number of tries", async () => {
    const client = clientFor(server.base);
    const k1 = await client.signIn({ desk: "K1" });
    const k2 = await client.signIn({ desk: "K2" });
    const device = engineDevice(server.base, k1);

    // K1 already holds a ticket it can call; then, offline, it makes a poison note on
    // another ticket, the call, and a walk-in
    const first = ops.created(k1, "K");
    const other = ops.created(k1, "K");
    await device.store.appendLocal([first, other]);
    await device.engine.syncNow();
    expect(await device.store.outboxCount()).toBe(0);
    const poison = ops.noteAdded(k1, first.ticketId, "x".repeat(1_100_000));
    const good = ops.called(k1, other.ticketId);
    const walkIn = ops.created(k1, "K");
    await device.store.appendLocal([poison, good, walkIn]);

    for (let round = 1; round <= MAX_PUSH_TRIES; round++) {
      // another desk works meanwhile: every round has something new to hear
      const theirs = ops.created(k2, "K");
      expect((await client.push(k2, [theirs])).results[0]?.status).toBe("accepted");
      await device.engine.syncNow();
      expect(await device.store.ticket(theirs.ticketId), `round ${round} pulled what K2 did`).toBeDefined();
      // the call, on another ticket, went out in the first round, past the poison
      expect((await device.store.ticket(other.ticketId))?.status).toBe("called");
      const outbox = (await device.store.outbox(10)).map((op) => op.id);
      // a creation waits behind it: it may depend on any earlier operation (fair use)
      expect(outbox).toEqual(round < MAX_PUSH_TRIES ? [poison.id, walkIn.id] : [walkIn.id]);
      if (round < MAX_PUSH_TRIES) {
        expect(device.engine.status().phase).toBe("error");
        expect(device.engine.status().lastError?.code).toBe("badRequest");
      }
    }

    const listed = (await device.store.getMeta<RejectedOp[]>("rejected")) ?? [];
    expect(listed.map((r) => r.id)).toEqual([poison.id]);
    expect(listed[0]?.reason).toMatch(new RegExp(`set aside after ${MAX_PUSH_TRIES} failed tries: 413`));
    // set aside, it is left out of the state, and the device is healthy again
    expect((await device.store.ticket(first.ticketId))?.notes ?? []).toEqual([]);
    await device.engine.syncNow();
    expect(device.engine.status()).toMatchObject({ phase: "idle", pending: 0, rejected: 1 });
    expect(device.engine.status().lastRejection).toMatch(/set aside after/);

    const org = await client.signIn("organizer");
    const onServer = (await client.pullAll(org)).ops.map((x) => x.op.id);
    expect(onServer).toContain(good.id);
    expect(onServer).toContain(walkIn.id);
    expect(onServer).not.toContain(poison.id);
  });

  it("blames no operation while the server fails as a whole (its pull fails too)", async () => {
    const client = clientFor(server.base);
    const k1 = await client.signIn({ desk: "K1" });
    const down = engineDevice(server.base, k1, {
      fetch: async () => new Response(JSON.stringify({ error: "x", message: "bad gateway" }), { status: 502 }),
    });
    await down.store.appendLocal([ops.created(k1, "K")]);
    for (let i = 0; i < MAX_PUSH_TRIES + 1; i++) await down.engine.syncNow();
    expect(await down.store.outboxCount()).toBe(1);
    expect(await down.store.getMeta("rejected")).toBeUndefined();
  });
});
