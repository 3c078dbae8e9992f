import { describe, expect, it, vi } from "vitest";
import { decodeHlc, encodeHlc } from "../core/hlc.ts";
import type { Actor } from "../core/operation.ts";
import { createMemoryStore } from "../storage/memory-store.ts";
import { CLOCK_KEY, createRecorder, InvalidOperationError, type OperationDraft } from "./recorder.ts";

const actor: Actor = { deviceId: "DEVXCE0001", role: "participant", participantId: "PARTXCPANT01" };
const identity = { eventId: "denpasar-2016", actor };
const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);
const HOUR = 3_600_000;

const create = (ticketId: string): OperationDraft => ({
  type: "ticket.created",
  ticketId,
  domain: "K",
  participantId: actor.participantId ?? null,
  question: { topic: "SOTK", text: "Bagaimana menyusun peta jabatan?" },
  priority: false,
});

describe("recorder", () => {
  it("stamps, stores with its effect, then tells listeners", async () => {
    const store = createMemoryStore();
    const rec = createRecorder(store, identity, { now: () => T0 });
    const heard = vi.fn(async () => {
      // By the time listeners hear of it, the store already shows it.
      expect((await store.ticket("TXCKET000001"))?.status).toBe("waiting");
    });
    rec.onRecorded(heard);
    const op = await rec.record(create("TXCKET000001"));
    expect(op).toMatchObject({ eventId: "denpasar-2016", actor, type: "ticket.created" });
    expect(decodeHlc(op.hlc)).toEqual({ wall: T0, counter: 0, node: actor.deviceId });
    expect(heard).toHaveBeenCalledWith([op]);
    expect(await store.outbox(10)).toEqual([op]);
    expect(await store.getMeta(CLOCK_KEY)).toBe(op.hlc);
  });

  it("refuses an invalid draft before storing anything", async () => {
    const store = createMemoryStore();
    const rec = createRecorder(store, identity, { now: () => T0 });
    const bad = { ...create("TXCKET000001"), question: { topic: " ", text: "x" } } as OperationDraft;
    await expect(rec.record(bad)).rejects.toBeInstanceOf(InvalidOperationError);
    expect(await store.outboxCount()).toBe(0);
    // The next valid record still works.
    await rec.record(create("TXCKET000002"));
    expect(await store.outboxCount()).toBe(1);
  });

  it("keeps stamps increasing when the wall clock stands still or jumps back", async () => {
    const store = createMemoryStore();
    const walls = [T0, T0, T0 - 5 * HOUR, T0 + 10, T0 + 10, T0 - 1];
    let i = 0;
    const rec = createRecorder(store, identity, { now: () => walls[Math.min(i++, walls.length - 1)] ?? T0 });
    const stamps: string[] = [];
    for (let n = 0; n < walls.length; n++) stamps.push((await rec.record(create(`TXCKET00000${n}`))).hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(decodeHlc(stamps[2] ?? "").wall).toBe(T0);
  });

  it("stamps concurrent calls in call order", async () => {
    const store = createMemoryStore();
    const rec = createRecorder(store, identity, { now: () => T0 });
    const ops = await Promise.all([0, 1, 2, 3, 4].map((n) => rec.record(create(`TXCKET00000${n}`))));
    const stamps = ops.map((o) => o.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(await store.outboxCount()).toBe(5);
  });

  it("records several operations at once", async () => {
    const store = createMemoryStore();
    const rec = createRecorder(store, identity, { now: () => T0 });
    const ops = await rec.recordAll([create("TXCKET000001"), { type: "ticket.cancelled", ticketId: "TXCKET000001" }]);
    expect(ops.map((o) => o.type)).toEqual(["ticket.created", "ticket.cancelled"]);
    expect((await store.ticket("TXCKET000001"))?.status).toBe("cancelled");
  });

  it("sorts what it does next after stamps it has seen, even from a clock hours ahead", async () => {
    const store = createMemoryStore();
    const rec = createRecorder(store, identity, { now: () => T0 });
    const ahead = encodeHlc({ wall: T0 + 3 * HOUR, counter: 7, node: "OTHERDEVICE" });
    await rec.observe(ahead);
    const op = await rec.record(create("TXCKET000001"));
    expect(op.hlc > ahead).toBe(true);
    expect(decodeHlc(op.hlc)).toEqual({ wall: T0 + 3 * HOUR, counter: 9, node: actor.deviceId });
  });

  it("catches up to the server's time when the device's clock is behind", async () => {
    const store = createMemoryStore();
    const rec = createRecorder(store, identity, { now: () => T0 - 2 * HOUR });
    await rec.observe(T0);
    const op = await rec.record(create("TXCKET000001"));
    expect(decodeHlc(op.hlc).wall).toBe(T0);
    // Never back: an older remote stamp leaves the clock where it is.
    const before = await rec.clock();
    await rec.observe(encodeHlc({ wall: T0 - 9 * HOUR, counter: 0, node: "OLD" }));
    expect((await rec.clock()) > before).toBe(true);
  });

  it("carries its clock across restarts through the store", async () => {
    const store = createMemoryStore();
    const first = createRecorder(store, identity, { now: () => T0 });
    const a = await first.record(create("TXCKET000001"));
    // The app restarts with the device clock an hour behind.
    const second = createRecorder(store, identity, { now: () => T0 - HOUR });
    const b = await second.record(create("TXCKET000002"));
    expect(b.hlc > a.hlc).toBe(true);
  });
});
