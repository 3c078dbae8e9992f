import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { encodeHlc } from "../core/hlc.ts";
import type { Actor, Operation } from "../core/operation.ts";
import { at, created, desk, TICKET } from "../core/testing/ops.ts";
import type { LocalStore } from "../storage/contract.ts";
import { openDexieStore } from "../storage/dexie-store.ts";
import { createMemoryStore } from "../storage/memory-store.ts";
import { createRecorder } from "./recorder.ts";

/**
 * One device, one clock, for what it takes in: a pulled page, a QR code or a
 * bundle advances the clock in the very transaction that stores it, so the next
 * local operation sorts after it even when nothing else merged its stamp (the
 * tab died between storing the page and telling the recorder).
 */
const actor: Actor = { deviceId: "DEVXCEK100000001", role: "desk", deskId: "K1" };
const BASE = Date.UTC(2026, 0, 15, 2, 0, 0);

const stores: [string, () => Promise<LocalStore>][] = [
  ["memory", async () => createMemoryStore()],
  ["IndexedDB", async () => openDexieStore(`intake-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })],
];

for (const [name, open] of stores) {
  describe(`taking in advances the clock (${name} store)`, () => {
    // The desk's own clock is 5 s behind what it takes in (within the bound).
    const now = () => BASE;
    const seen = (): Operation[] => [created(5), desk(6, "K2", "ticket.noteAdded", { text: "catatan" })];

    it("a pulled page", async () => {
      const store = await open();
      const page = seen();
      await store.applyPulled(
        page.map((op, i) => ({ seq: i + 1, op })),
        2,
      );
      // a new recorder: nothing called observe() for this page
      const op = await createRecorder(store, { eventId: page[0]?.eventId ?? "", actor }, { now }).record({
        type: "ticket.started",
        ticketId: TICKET,
        deskId: "K1",
      });
      expect(op.hlc > at(6, "K2")).toBe(true);
    });

    it("a QR code or a bundle", async () => {
      const store = await open();
      const ops = seen();
      await store.importOps(ops);
      const op = await createRecorder(store, { eventId: ops[0]?.eventId ?? "", actor }, { now }).record({
        type: "ticket.started",
        ticketId: TICKET,
        deskId: "K1",
      });
      // the start sorts after the note it has seen: no false late edit, no reverted question
      expect(op.hlc > at(6, "K2")).toBe(true);
    });

    it("but never more than the bound ahead of its own time", async () => {
      const store = await open();
      const far = { ...created(0), hlc: encodeHlc({ wall: BASE + 4 * 3_600_000, counter: 0, node: "FAST" }) };
      await store.importOps([far]);
      const op = await createRecorder(store, { eventId: far.eventId, actor }, { now }).record({
        type: "ticket.called",
        ticketId: far.ticketId,
        deskId: "K1",
      });
      expect(op.hlc < far.hlc).toBe(true);
    });
  });
}
