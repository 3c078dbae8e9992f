import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { DEVICE_KEY_ALGORITHM, DEVICE_SIGN_ALGORITHM, fromBase64url } from "../core/device-identity.ts";
import { decodeHlc, encodeHlc, MAX_AHEAD_MS } from "../core/hlc.ts";
import { operationMessage } from "../core/op-signature.ts";
import type { Actor } from "../core/operation.ts";
import { createMemoryStore } from "../storage/memory-store.ts";
import { createDeviceKey } from "./device-key.ts";
import { CLOCK_KEY, CLOCK_OFFSET_KEY, createRecorder, InvalidOperationError, type OperationDraft } from "./recorder.ts";

const actor: Actor = { deviceId: "DEVXCE0001", role: "participant", participantId: "PARTXCPANT01" };
const identity = { eventId: "denpasar-2016", actor };
const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);
const HOUR = 3_600_000;

/** WebCrypto's own check (the server's, server/device-proof.ts, is out of this layer's reach) */
async function verifyDeviceSignature(publicKey: string, bytes: Uint8Array<ArrayBuffer>, signature: string): Promise<boolean> {
  const spki = fromBase64url(publicKey);
  const sig = fromBase64url(signature);
  if (!spki || !sig) return false;
  const key = await crypto.subtle.importKey("spki", spki, DEVICE_KEY_ALGORITHM, false, ["verify"]);
  return crypto.subtle.verify(DEVICE_SIGN_ALGORITHM, key, sig, bytes);
}

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

  it("signs every operation with the device's key and stores the proof with it (relay)", async () => {
    const store = createMemoryStore();
    const key = await createDeviceKey();
    const signed = { ...actor, deviceId: key.deviceId };
    const rec = createRecorder(store, { ...identity, actor: signed, key: Promise.resolve(key) }, { now: () => T0 });
    const [a, b] = await rec.recordAll([create("TXCKET000001"), create("TXCKET000002")]);
    if (!a || !b) throw new Error("two drafts give two operations");
    const proofs = await store.proofsOf([a.id, b.id]);
    for (const op of [a, b]) {
      const proof = proofs[op.id];
      expect(proof?.publicKey).toBe(key.publicKey);
      expect(await verifyDeviceSignature(key.publicKey, operationMessage(op), proof?.signature ?? "")).toBe(true);
    }
    // the signature covers this operation and no other
    expect(await verifyDeviceSignature(key.publicKey, operationMessage(b), proofs[a.id]?.signature ?? "")).toBe(false);
  });

  it("records unsigned with no key, or with a key that is not the actor's device", async () => {
    const store = createMemoryStore();
    const stranger = await createDeviceKey();
    const plain = await createRecorder(store, identity, { now: () => T0 }).record(create("TXCKET000001"));
    const foreign = await createRecorder(store, { ...identity, key: stranger }, { now: () => T0 }).record(create("TXCKET000002"));
    expect(await store.proofsOf([plain.id, foreign.id])).toEqual({});
    expect(await store.outboxCount()).toBe(2);
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

  it("sorts what it does next after stamps it has seen within the bound", async () => {
    const store = createMemoryStore();
    const rec = createRecorder(store, identity, { now: () => T0 });
    const ahead = encodeHlc({ wall: T0 + MAX_AHEAD_MS, counter: 7, node: "OTHERDEVICE" });
    await rec.observe(ahead);
    const op = await rec.record(create("TXCKET000001"));
    expect(op.hlc > ahead).toBe(true);
    expect(decodeHlc(op.hlc)).toEqual({ wall: T0 + MAX_AHEAD_MS, counter: 9, node: actor.deviceId });
  });

  it("does not let a stamp from a clock hours ahead freeze its time", async () => {
    const store = createMemoryStore();
    let t = T0;
    const rec = createRecorder(store, identity, { now: () => t });
    await rec.observe(encodeHlc({ wall: T0 + 4 * HOUR, counter: 7, node: "FASTPHONE" }));
    const start = await rec.record({ type: "ticket.started", ticketId: "TXCKET000001", deskId: "K1" });
    t = T0 + 20 * 60_000;
    const close = await rec.record({ type: "ticket.closed", ticketId: "TXCKET000001", deskId: "K1" });
    // 20 real minutes measure 20 minutes (within the bound), not 0.
    const minutes = (decodeHlc(close.hlc).wall - decodeHlc(start.hlc).wall) / 60_000;
    expect(Math.abs(minutes - 20)).toBeLessThanOrEqual(MAX_AHEAD_MS / 60_000);
  });

  it("stamps with the server's time, round-trip compensated, when the device's clock is wrong", async () => {
    const store = createMemoryStore();
    const skew = -2 * HOUR; // the phone is two hours behind
    let real = T0;
    const rec = createRecorder(store, identity, { now: () => real + skew });
    // A request out at real T0, answered 400 ms later; the server wrote its answer at the midpoint.
    await rec.observeServerTime({ serverTime: T0 + 200, sentAt: T0 + skew, receivedAt: T0 + 400 + skew });
    real = T0 + 400;
    expect(rec.now()).toBe(T0 + 400);
    real = T0 + 60_000;
    const op = await rec.record(create("TXCKET000001"));
    expect(decodeHlc(op.hlc).wall).toBe(T0 + 60_000);
    expect("untimed" in op).toBe(false);
    // The offset survives a restart.
    const again = createRecorder(store, identity, { now: () => real + skew });
    const op2 = await again.record(create("TXCKET000002"));
    expect(decodeHlc(op2.hlc).wall).toBe(T0 + 60_000);
    expect(await store.getMeta(CLOCK_OFFSET_KEY)).toBeTruthy();
  });

  it("marks a creation untimed until the device has heard the server", async () => {
    const store = createMemoryStore();
    const rec = createRecorder(store, identity, { now: () => T0 });
    const first = await rec.record(create("TXCKET000001"));
    expect(first).toMatchObject({ untimed: true });
    const cancel = await rec.record({ type: "ticket.cancelled", ticketId: "TXCKET000001" });
    expect("untimed" in cancel).toBe(false);
    await rec.observeServerTime({ serverTime: T0, sentAt: T0, receivedAt: T0 });
    expect("untimed" in (await rec.record(create("TXCKET000002")))).toBe(false);
  });

  it("a phone once a day ahead recovers as soon as it hears the server", async () => {
    const store = createMemoryStore();
    let deviceClock = T0 + 25 * HOUR;
    const rec = createRecorder(store, identity, { now: () => deviceClock });
    const wrong = await rec.record(create("TXCKET000001"));
    expect(decodeHlc(wrong.hlc).wall).toBe(T0 + 25 * HOUR);
    await store.clear().catch(() => undefined); // the clock survives a clear
    // The owner fixes the date; the next sync tells the true time.
    deviceClock = T0;
    await rec.observeServerTime({ serverTime: T0, sentAt: T0, receivedAt: T0 });
    const right = await rec.record(create("TXCKET000002"));
    expect(decodeHlc(right.hlc).wall).toBeLessThanOrEqual(T0 + MAX_AHEAD_MS);
    expect(decodeHlc(right.hlc).wall).toBeGreaterThanOrEqual(T0);
  });

  it("after its clock recovers, what it does on a ticket it stamped ahead still sorts after that stamp; elsewhere, the true time", async () => {
    const store = createMemoryStore();
    let deviceClock = T0 + 4 * HOUR; // jumped forward while offline
    const rec = createRecorder(store, identity, { now: () => deviceClock });
    const ahead = await rec.record(create("TXCKET000001"));
    const edit1 = await rec.record({
      type: "ticket.questionEdited",
      ticketId: "TXCKET000001",
      question: { topic: "a", text: "first" },
    });
    deviceClock = T0;
    await rec.observeServerTime({ serverTime: T0, sentAt: T0, receivedAt: T0 });
    const edit2 = await rec.record({
      type: "ticket.questionEdited",
      ticketId: "TXCKET000001",
      question: { topic: "a", text: "second" },
    });
    expect(edit1.hlc > ahead.hlc).toBe(true);
    expect(edit2.hlc > edit1.hlc).toBe(true);
    expect((await store.ticket("TXCKET000001"))?.question?.text).toBe("second");
    const elsewhere = await rec.record(create("TXCKET000002"));
    expect(Math.abs(decodeHlc(elsewhere.hlc).wall - T0)).toBeLessThanOrEqual(MAX_AHEAD_MS);
  });

  it("a stamp beyond the server's 24-hour bound binds nothing: the server refuses it, and the device is not locked out", async () => {
    const store = createMemoryStore();
    let deviceClock = T0 + 25 * HOUR;
    const rec = createRecorder(store, identity, { now: () => deviceClock });
    await rec.record(create("TXCKET000001"));
    deviceClock = T0;
    await rec.observeServerTime({ serverTime: T0, sentAt: T0, receivedAt: T0 });
    const edit = await rec.record({
      type: "ticket.questionEdited",
      ticketId: "TXCKET000001",
      question: { topic: "a", text: "b" },
    });
    expect(Math.abs(decodeHlc(edit.hlc).wall - T0)).toBeLessThanOrEqual(MAX_AHEAD_MS);
  });

  it("after hearing the server, a stamp taken in is never more than the bound ahead of the true time", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -24 * HOUR, max: 24 * HOUR }),
        fc.array(fc.integer({ min: -24 * HOUR, max: 24 * HOUR }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 3000 }),
        async (skew, remotes, rtt) => {
          const store = createMemoryStore();
          const real = T0;
          const rec = createRecorder(store, identity, { now: () => real + skew });
          await rec.observeServerTime({ serverTime: real, sentAt: real + skew - rtt / 2, receivedAt: real + skew + rtt / 2 });
          for (const r of remotes) await rec.observe(encodeHlc({ wall: real + r, counter: 0, node: "OTHER" }));
          const op = await rec.record(create("TXCKET000001"));
          const wall = decodeHlc(op.hlc).wall;
          expect(wall).toBeLessThanOrEqual(real + MAX_AHEAD_MS + rtt);
          expect(wall).toBeGreaterThanOrEqual(real - rtt);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("two recorders on one store (two tabs) never give equal or reversed stamps under the shared lock", async () => {
    const store = createMemoryStore();
    let held: Promise<unknown> = Promise.resolve();
    // A stand-in for navigator.locks: one holder at a time across recorders.
    const lock = <T>(fn: () => Promise<T>): Promise<T> => {
      const run = held.then(fn, fn);
      held = run.catch(() => undefined);
      return run;
    };
    const tabA = createRecorder(store, identity, { now: () => T0, lock });
    const tabB = createRecorder(store, identity, { now: () => T0, lock });
    const ops = await Promise.all([0, 1, 2, 3, 4, 5].map((n) => (n % 2 ? tabA : tabB).record(create(`TXCKET00000${n}`))));
    const stamps = ops.map((o) => o.hlc);
    expect(new Set(stamps).size).toBe(stamps.length);
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
