import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { foldAll } from "../core/fold-all.ts";
import { encodeHlc } from "../core/hlc.ts";
import { newId } from "../core/ids.ts";
import { FIXTURE_EVENT, fixtureId, opFactory } from "../core/op-fixtures.ts";
import type { Operation, OpOf } from "../core/operation.ts";
import type { PulledOp } from "../core/protocol.ts";
import { waitingLine } from "../core/queue.ts";
import { ERASED_TEXT } from "../core/redaction.ts";
import type { TicketState } from "../core/ticket-fold.ts";
import { type LocalStore, type RejectedOp, UnsyncedChangesError } from "./contract.ts";
import { openDexieStore } from "./dexie-store.ts";
import { createMemoryStore } from "./memory-store.ts";

/**
 * One contract, two implementations: every behaviour the sync engine and the
 * screens rely on is checked against the Dexie store (on fake-indexeddb) and the
 * memory store alike, so the simulation's memory stores stand for real phones.
 */
type Factory = () => Promise<LocalStore & { close?: () => void }>;

const opened: { close?: () => void }[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close?.();
});

let dbCount = 0;
const factories: [string, Factory][] = [
  ["MemoryStore", async () => createMemoryStore()],
  [
    "DexieStore",
    async () => {
      const s = await openDexieStore(`contract-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });
      opened.push(s);
      return s;
    },
  ],
];

const pulled = (ops: readonly Operation[], firstSeq = 1): PulledOp[] => ops.map((op, i) => ({ seq: firstSeq + i, op }));
const ids = (ts: readonly { id: string }[]) => ts.map((t) => t.id);

/** The server's erasure of a fixture participant, an hour into the fixtures' day. */
const serverErasure = (participantId: string): OpOf<"participant.erased"> => ({
  id: fixtureId("ERASE1"),
  eventId: FIXTURE_EVENT,
  hlc: encodeHlc({ wall: Date.UTC(2016, 0, 15, 3), counter: 0, node: "SERVER00" }),
  actor: { deviceId: "SERVER00", role: "server" },
  type: "participant.erased",
  participantId,
});

function describeLocalStore(name: string, make: Factory): void {
  describe(`LocalStore contract: ${name}`, () => {
    it("keeps each operation's proof beside it, through acknowledgement and a pull of it", async () => {
      const s = await make();
      const f = opFactory();
      f.ticket("t1", "K", 1, { pid: "p1" });
      f.ticket("t2", "K", 2, { pid: "p2" });
      f.ticket("t3", "K", 3);
      const [mine, carried, unsigned] = f.ops;
      if (!mine || !carried || !unsigned) throw new Error("three tickets");
      const proof = (n: string) => ({ publicKey: n.repeat(122), signature: n.repeat(86) });
      await s.appendLocal([mine], { [mine.id]: proof("A") });
      // a ticket taken in twice: first without its proof (an older code), then with it
      expect(await s.importOps([carried, unsigned])).toBe(2);
      expect(await s.importOps([carried], { [carried.id]: proof("B") })).toBe(0);
      // a second proof for the same operation does not replace the first
      await s.importOps([carried], { [carried.id]: proof("C") });
      await s.markAcknowledged([{ id: mine.id, seq: 1 }]);
      await s.applyPulled(pulled([carried], 2), 2);
      expect(await s.proofsOf([mine.id, carried.id, unsigned.id, "NOSUCHOPERATION1"])).toEqual({
        [mine.id]: proof("A"),
        [carried.id]: proof("B"),
      });
      expect(ids(await s.outbox(10))).toEqual([unsigned.id]);
    });

    it("records a local operation with its effect and the outbox mark", async () => {
      const s = await make();
      const f = opFactory();
      const t = f.ticket("t1", "K", 1, { pid: "p1" });
      await s.appendLocal(f.ops);
      const ticket = await s.ticket(t);
      expect(ticket?.status).toBe("waiting");
      expect(ticket?.known).toBe(true);
      expect(await s.outboxCount()).toBe(1);
      expect(ids(await s.outbox(10))).toEqual([f.ops[0]?.id]);
      expect(await s.operationsOf(t)).toEqual(f.ops);
    });

    it("keeps one copy of an operation recorded twice", async () => {
      const s = await make();
      const f = opFactory();
      f.ticket("t1", "K", 1);
      await s.appendLocal(f.ops);
      await s.appendLocal(f.ops);
      expect(await s.importOps(f.ops)).toBe(0);
      expect(await s.outboxCount()).toBe(1);
      expect((await s.allOperations()).length).toBe(1);
    });

    it("gives the outbox oldest first, within the limit", async () => {
      const s = await make();
      const f = opFactory();
      f.ticket("t1", "K", 3);
      f.ticket("t2", "K", 1);
      f.ticket("t3", "S", 2);
      await s.appendLocal(f.ops);
      const [a, b, c] = f.ops as [Operation, Operation, Operation];
      expect(ids(await s.outbox(10))).toEqual([b.id, c.id, a.id]);
      expect(ids(await s.outbox(2))).toEqual([b.id, c.id]);
    });

    it("acknowledges pushed operations without changing states", async () => {
      const s = await make();
      const f = opFactory();
      const t = f.ticket("t1", "K", 1);
      await s.appendLocal(f.ops);
      const before = await s.ticket(t);
      await s.markAcknowledged([{ id: f.ops[0]?.id ?? "", seq: 7 }]);
      expect(await s.outboxCount()).toBe(0);
      expect(await s.ticket(t)).toEqual(before);
    });

    it("applies pulled operations, refolds, and moves the cursor forward only", async () => {
      const s = await make();
      const f = opFactory();
      const t = f.ticket("t1", "K", 1);
      f.number("t1", "K", "K-001", 1.5);
      f.call("t1", "K1", 2);
      await s.applyPulled(pulled(f.ops), 3);
      expect(await s.cursor()).toBe(3);
      expect(await s.outboxCount()).toBe(0);
      const ticket = await s.ticket(t);
      expect(ticket?.status).toBe("called");
      expect(ticket?.numbers.K).toBe("K-001");
      await s.applyPulled([], 2);
      expect(await s.cursor()).toBe(3);
      await s.applyPulled(pulled(f.ops), 3);
      expect((await s.allOperations()).length).toBe(3);
    });

    it("folds a ticket whose later operations arrived before its creation", async () => {
      const s = await make();
      const f = opFactory();
      const t = f.ticket("t1", "K", 1);
      f.call("t1", "K1", 2);
      const [create, call] = f.ops as [Operation, Operation];
      await s.applyPulled(pulled([call], 2), 2);
      expect((await s.ticket(t))?.known).toBe(false);
      expect(await s.waitingLine("K")).toEqual([]);
      await s.applyPulled(pulled([create], 1), 2);
      expect((await s.ticket(t))?.status).toBe("called");
    });

    it("acknowledges an outbox operation that comes back in a pull (its push answer was lost)", async () => {
      const s = await make();
      const f = opFactory();
      f.ticket("t1", "K", 1);
      await s.appendLocal(f.ops);
      await s.applyPulled(pulled(f.ops, 5), 5);
      expect(await s.outboxCount()).toBe(0);
      expect((await s.allOperations()).length).toBe(1);
    });

    it("keeps a refused operation out of the outbox and the fold, and lists it", async () => {
      const s = await make();
      const f = opFactory();
      const t = f.ticket("t1", "K", 1);
      f.cancel("t1", 2);
      await s.appendLocal(f.ops);
      const [create, cancel] = f.ops as [Operation, Operation];
      await s.markAcknowledged([{ id: create.id, seq: 1 }]);
      await s.markRejected([{ id: cancel.id, reason: "forbidden: not your ticket" }]);
      expect(await s.outboxCount()).toBe(0);
      expect((await s.ticket(t))?.status).toBe("waiting");
      expect(ids(await s.allOperations())).toEqual([create.id]);
      const listed = await s.getMeta<RejectedOp[]>("rejected");
      expect(listed).toEqual([
        { id: cancel.id, type: "ticket.cancelled", subjectId: t, hlc: cancel.hlc, reason: "forbidden: not your ticket" },
      ]);
      // Should the server hold it after all (pushed from another device), it counts again.
      await s.applyPulled(pulled([cancel], 9), 9);
      expect((await s.ticket(t))?.status).toBe("cancelled");
    });

    it("orders the waiting line: priority first, then arrival or return after a skip", async () => {
      const s = await make();
      const f = opFactory();
      f.ticket("a", "K", 1);
      f.ticket("b", "K", 2, { priority: true });
      f.ticket("c", "K", 3);
      f.ticket("d", "K", 4);
      f.ticket("e", "S", 0.5);
      f.call("a", "K1", 5);
      f.skip("a", "K1", true, 6);
      f.call("c", "K2", 7);
      await s.appendLocal(f.ops);
      const line = await s.waitingLine("K");
      expect(ids(line)).toEqual([fixtureId("b"), fixtureId("d"), fixtureId("a")]);
      expect(line).toEqual(waitingLine(foldAll(f.ops).tickets, "K"));
      expect(ids(await s.waitingLine("S"))).toEqual([fixtureId("e")]);
      expect(await s.waitingLine("P")).toEqual([]);
    });

    it("finds tickets by participant and by the device that made them", async () => {
      const s = await make();
      const f = opFactory();
      f.participant("p1", { regionId: "51-kota-denpasar" }, 0);
      const a = f.ticket("a", "K", 1, { pid: "p1" });
      const b = f.ticket("b", "S", 2, { pid: "p1" });
      f.ticket("c", "S", 3, { pid: "p2" });
      await s.appendLocal(f.ops);
      expect(ids(await s.ticketsOfParticipant(fixtureId("p1")))).toEqual([a, b].sort());
      expect((await s.ticketsCreatedBy(fixtureId("PHONE"))).length).toBe(3);
      expect(await s.ticketsCreatedBy("NOBODY000")).toEqual([]);
      const p = await s.participant(fixtureId("p1"));
      expect(p?.profile?.name).toBe("Peserta");
      expect(ids(await s.allParticipants())).toEqual([fixtureId("p1")]);
    });

    it("deletes a participant's profile operations once their erasure is held, pulled or made here", async () => {
      const s = await make();
      const f = opFactory();
      const p1 = f.participant("p1", { name: "Ni Luh Rahasia", regionId: "51-kota-denpasar" }, 0);
      const p2 = f.participant("p2", { name: "I Made Tetap", regionId: "52-kota-mataram" }, 0);
      await s.applyPulled(pulled(f.ops), 2);
      const erasure: Operation = { ...serverErasure(p1), regionId: "51-kota-denpasar" };
      await s.applyPulled(pulled([erasure], 3), 3);
      expect(await s.operationsOf(p1)).toEqual([erasure]);
      expect(JSON.stringify(await s.allOperations())).not.toContain("Ni Luh Rahasia");
      expect(await s.participant(p1)).toMatchObject({ erased: true, profile: null, regionId: "51-kota-denpasar" });
      expect((await s.participant(p2))?.profile?.name).toBe("I Made Tetap");
      // a stale copy of the profile arriving later is deleted again
      await s.importOps(f.ops);
      expect(JSON.stringify(await s.allOperations())).not.toContain("Ni Luh Rahasia");
      // the participant's own erasure, made on this device, hides the profile at once
      // and deletes it once the server has accepted the erasure
      const own = { ...erasure, id: fixtureId("ERASE2"), participantId: p2 };
      await s.appendLocal([own]);
      expect(await s.participant(p2)).toMatchObject({ erased: true, profile: null });
      await s.markAcknowledged([{ id: own.id, seq: 4 }]);
      expect(JSON.stringify(await s.allOperations())).not.toContain("I Made Tetap");
    });

    it("keeps pulled operations it cannot read raw, and takes them off once they are applied", async () => {
      const s = await make();
      const f = opFactory();
      const t = f.ticket("t1", "K", 1);
      const future = { seq: 2, raw: { id: "X", type: "ticket.teleported" }, reason: "type: unknown" };
      await s.applyPulled(pulled(f.ops), 2, [future]);
      expect(await s.cursor()).toBe(2);
      expect(await s.unreadable()).toEqual([future]);
      f.cancel("t1", 2);
      const [, cancel] = f.ops as [Operation, Operation];
      await s.applyPulled([{ seq: 2, op: cancel }], 0);
      expect(await s.unreadable()).toEqual([]);
      expect((await s.ticket(t))?.status).toBe("cancelled");
      expect(await s.cursor()).toBe(2);
    });

    it("rewinds after a server restore: its own confirmed-after-base operations go out again, the cursor goes back", async () => {
      const s = await make();
      const f = opFactory();
      f.ticket("t1", "K", 1);
      f.ticket("t2", "K", 2);
      f.ticket("t3", "K", 3);
      const [a, b, c] = f.ops as [Operation, Operation, Operation];
      await s.appendLocal([a, b]);
      await s.markAcknowledged([
        { id: a.id, seq: 4 },
        { id: b.id, seq: 9 },
      ]);
      await s.applyPulled([{ seq: 10, op: c }], 10);
      expect(await s.rewind(5, (op) => op.id !== c.id)).toBe(1);
      expect((await s.outbox(10)).map((op) => op.id)).toEqual([b.id]);
      expect(await s.cursor()).toBe(5);
      expect((await s.allOperations()).length).toBe(3);
      // a cursor already behind the base stays
      expect(await s.rewind(7, () => true)).toBe(1);
      expect(await s.cursor()).toBe(5);
    });

    it("forgets, on a rewind, the queue numbers the restored server lost: it numbers those tickets again", async () => {
      const s = await make();
      const f = opFactory();
      const t1 = f.ticket("t1", "K", 1);
      f.number("t1", "K", "K-001", 1);
      const t2 = f.ticket("t2", "K", 2);
      f.number("t2", "K", "K-002", 2);
      f.number("t2", "K", "K-003", 3);
      const [a, kept, b, lost, again] = f.ops as [Operation, Operation, Operation, Operation, Operation];
      await s.applyPulled(
        [a, kept, b, lost].map((op, i) => ({ seq: i + 1, op })),
        4,
      );
      expect((await s.ticket(t2))?.numbers).toEqual({ K: "K-002" });
      await s.rewind(3, () => false);
      expect((await s.ticket(t1))?.numbers).toEqual({ K: "K-001" });
      expect((await s.ticket(t2))?.numbers).toEqual({});
      expect((await s.allOperations()).map((op) => op.id)).not.toContain(lost.id);
      // the restored server's number for it, pulled, is the one it shows
      await s.applyPulled([{ seq: 4, op: again }], 4);
      expect((await s.ticket(t2))?.numbers).toEqual({ K: "K-003" });
    });

    it("keeps the profile until the server accepts the erasure, and loses nothing when it refuses", async () => {
      const s = await make();
      const f = opFactory();
      const p1 = f.participant("p1", { name: "Ni Luh Rahasia", regionId: "51-kota-denpasar" }, 0);
      await s.applyPulled(pulled(f.ops), 1);
      const erasure: Operation = { ...serverErasure(p1), id: fixtureId("ERASE3"), regionId: "51-kota-denpasar" };
      await s.appendLocal([erasure]);
      expect(await s.participant(p1)).toMatchObject({ erased: true, profile: null });
      await s.markRejected([{ id: erasure.id, reason: "only the participant or an organizer can erase a profile" }]);
      expect((await s.participant(p1))?.profile?.name).toBe("Ni Luh Rahasia");
      expect(await s.participant(p1)).toMatchObject({ erased: false });
      expect((await s.operationsOf(p1)).map((o) => o.type)).toEqual(["participant.registered"]);
    });

    it("forgets the profiles a desk no longer needs, but only those the server holds", async () => {
      const s = await make();
      const f = opFactory();
      const served = f.participant("served", { name: "Ni Luh Selesai", phone: "081200000001", regionId: "51-kota-denpasar" }, 0);
      const waiting = f.participant("waiting", { name: "I Made Menunggu", regionId: "52-kota-mataram" }, 0);
      f.ticket("a", "K", 1, { pid: "served" });
      f.close("a", "K1", 2);
      f.ticket("b", "K", 1, { pid: "waiting" });
      await s.applyPulled(pulled(f.ops), f.ops.length);
      // a walk-in registered here, not yet sent: it must reach the server first
      const sent = f.ops.length;
      const walkIn = f.participant("walkin", { name: "Walk In Belum Terkirim", regionId: "53-kota-kupang" }, 3);
      const unsent = f.ops.slice(sent);
      await s.appendLocal(unsent);

      const seen: string[][] = [];
      const forgotten = await s.forgetProfiles((participants, tickets) => {
        seen.push(tickets.map((t) => t.id).sort());
        return participants.filter((p) => p.id !== waiting).map((p) => p.id);
      });
      expect(forgotten).toBe(1);
      expect(seen).toEqual([[fixtureId("a"), fixtureId("b")].sort()]);
      const held = JSON.stringify(await s.allOperations());
      expect(held).not.toContain("Ni Luh Selesai");
      expect(held).not.toContain("081200000001");
      expect(await s.participant(served)).toBeUndefined();
      expect((await s.participant(waiting))?.profile?.name).toBe("I Made Menunggu");
      expect((await s.participant(walkIn))?.profile?.name).toBe("Walk In Belum Terkirim");
      expect(await s.outboxCount()).toBe(1);
      // the ticket itself stays whole
      expect((await s.ticket(fixtureId("a")))?.status).toBe("done");

      // once acknowledged, the walk-in's profile can go too; and the server may send a forgotten profile again
      await s.markAcknowledged([{ id: unsent[0]?.id ?? "", seq: 100 }]);
      expect(await s.forgetProfiles((ps) => ps.filter((p) => p.id === walkIn).map((p) => p.id))).toBe(1);
      expect(JSON.stringify(await s.allOperations())).not.toContain("Walk In Belum Terkirim");
      await s.applyPulled(pulled(f.ops.slice(0, sent).filter((op) => op.type === "participant.registered")), sent);
      expect((await s.participant(served))?.profile?.name).toBe("Ni Luh Selesai");
    });

    it("takes an erased participant's own words out of the operations it holds, and only theirs", async () => {
      const s = await make();
      const f = opFactory();
      const p = f.participant("p", { regionId: "51-kota-denpasar" }, 0);
      f.participant("q", { regionId: "52-kota-mataram" }, 0);
      const t = f.ticket("t", "K", 1, { pid: "p", topic: "SAKIP" });
      const u = f.ticket("u", "K", 1, { pid: "q" });
      f.close("t", "K1", 2);
      f.rate("t", { "1": 4 }, 3);
      const words = (op: Operation): Operation =>
        op.type === "ticket.created"
          ? {
              ...op,
              question: { topic: op.question?.topic ?? "", text: op.ticketId === t ? "Rahasia Bu Ketut" : "Pertanyaan Pak Lalu" },
            }
          : op.type === "ticket.rated"
            ? { ...op, comment: "Komentar Bu Ketut" }
            : op;
      await s.applyPulled(pulled(f.ops.map(words)), f.ops.length);
      // an edit still waiting to go out keeps its words until the server has it: its author's
      // signature covers them (a desk relaying a phone's operation must push it as signed)
      const edit: Operation = {
        ...(f.ops[0] as Operation),
        id: fixtureId("EDIT1"),
        type: "ticket.questionEdited",
        ticketId: t,
        question: { topic: "SAKIP", text: "Rahasia yang diubah" },
      } as Operation;
      await s.appendLocal([edit]);
      expect(await s.redactErased()).toBe(0); // nobody erased yet

      const erasure = serverErasure(p);
      await s.applyPulled(pulled([erasure], 50), 50);
      expect(await s.redactErased()).toBe(2);
      expect(await s.outbox(10)).toEqual([edit]);
      await s.markAcknowledged([{ id: edit.id, seq: 51 }]);
      expect(await s.redactErased()).toBe(1);
      const held = JSON.stringify(await s.allOperations());
      for (const secret of ["Rahasia Bu Ketut", "Komentar Bu Ketut", "Rahasia yang diubah"]) expect(held).not.toContain(secret);
      expect(held).toContain("Pertanyaan Pak Lalu");
      expect((await s.ticket(t))?.question).toEqual({ topic: "SAKIP", text: ERASED_TEXT });
      expect((await s.ticket(t))?.status).toBe("done");
      expect((await s.ticket(u))?.question?.text).toBe("Pertanyaan Pak Lalu");
      expect(await s.redactErased()).toBe(0); // done once
    });

    it("pulls from the start again when a device that forgot profiles stops being a desk", async () => {
      const s = await make();
      const f = opFactory();
      f.participant("p", { regionId: "51-kota-denpasar" }, 0);
      await s.applyPulled(pulled(f.ops), 40);
      expect(await s.recallForgottenProfiles()).toBe(false); // nothing forgotten: the cursor stays
      expect(await s.cursor()).toBe(40);
      expect(await s.forgetProfiles(() => [])).toBe(0);
      expect(await s.recallForgottenProfiles()).toBe(false);
      expect(await s.forgetProfiles((ps) => ps.map((p) => p.id))).toBe(1);
      expect(await s.recallForgottenProfiles()).toBe(true);
      expect(await s.cursor()).toBe(0);
      expect(await s.recallForgottenProfiles()).toBe(false); // once
      await s.applyPulled(pulled(f.ops), 40);
      expect(await s.allParticipants()).toHaveLength(1);
    });

    it("stores device settings by key, as copies", async () => {
      const s = await make();
      expect(await s.getMeta("session")).toBeUndefined();
      const value = { token: "abc", nested: { n: 1 } };
      await s.setMeta("session", value);
      value.nested.n = 2;
      expect(await s.getMeta("session")).toEqual({ token: "abc", nested: { n: 1 } });
    });

    it("returns copies: changing a result never changes the store", async () => {
      const s = await make();
      const f = opFactory();
      const t = f.ticket("t1", "K", 1);
      await s.appendLocal(f.ops);
      const got = (await s.ticket(t)) as { status: string };
      got.status = "done";
      expect((await s.ticket(t))?.status).toBe("waiting");
    });

    it("refuses to clear while changes wait, and clears everything but the clock after", async () => {
      const s = await make();
      const f = opFactory();
      f.ticket("t1", "K", 1);
      await s.appendLocal(f.ops);
      await s.setMeta("session", { token: "x" });
      await s.setMeta("clock", "000ijf1f7k0-00001-PH0NE000");
      await expect(s.clear()).rejects.toBeInstanceOf(UnsyncedChangesError);
      expect(await s.allTickets()).toHaveLength(1);
      await s.markAcknowledged([{ id: f.ops[0]?.id ?? "", seq: 1 }]);
      await s.applyPulled([], 4);
      await s.clear();
      expect(await s.allTickets()).toEqual([]);
      expect(await s.allOperations()).toEqual([]);
      expect(await s.getMeta("session")).toBeUndefined();
      expect(await s.cursor()).toBe(0);
      // The clock survives: what this device stamps next still sorts after what it stamped before.
      expect(await s.getMeta("clock")).toBe("000ijf1f7k0-00001-PH0NE000");
    });

    it("always equals a fold of everything it holds, whatever the mix of writes (property)", async () => {
      const f = opFactory();
      for (let i = 0; i < 6; i++) f.ticket(`t${i}`, i % 2 ? "K" : "S", i, { pid: `p${i % 3}` });
      f.participant("p0", { regionId: "51-kota-denpasar" }, 0);
      const desks = ["K1", "K2", "S1"] as const;
      for (let i = 0; i < 24; i++) {
        const tid = `t${i % 6}`;
        const d = desks[i % 3] ?? "K1";
        const at = 10 + ((i * 7) % 23);
        if (i % 5 === 0) f.call(tid, d, at);
        else if (i % 5 === 1) f.start(tid, d, at);
        else if (i % 5 === 2) f.note(tid, d, `catatan ${i}`, at);
        else if (i % 5 === 3) f.cancel(tid, at);
        else f.close(tid, d, at);
      }
      // Fresh ids: the fixture's readable ids repeat past nine operations ("OP1" and "OP10" pad alike).
      const all = f.ops.map((op) => ({ ...op, id: newId() }));
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(all.length - 1), fc.constantFrom("local", "pull", "import", "ack")), {
            minLength: 1,
            maxLength: 60,
          }),
          async (steps) => {
            const s = await make();
            const seen: Operation[] = [];
            let seq = 0;
            for (const [i, how] of steps) {
              const op = all[i] as Operation;
              seen.push(op);
              if (how === "local") await s.appendLocal([op]);
              else if (how === "import") await s.importOps([op]);
              else if (how === "pull") await s.applyPulled([{ seq: ++seq, op }], seq);
              else {
                await s.appendLocal([op]);
                await s.markAcknowledged([{ id: op.id, seq: ++seq }]);
              }
            }
            const want = foldAll(seen);
            const byId = (a: TicketState, b: TicketState) => (a.id < b.id ? -1 : 1);
            expect(await s.allTickets()).toEqual(want.tickets.sort(byId));
            expect((await s.allParticipants()).length).toBe(want.participants.length);
            s.close?.();
          },
        ),
        { numRuns: 25 },
      );
    });
  });
}

for (const [name, make] of factories) describeLocalStore(name, make);

for (const [name, make] of factories) {
  describe(`${name}: reserved numbers`, () => {
    it("gives each number once, even to walk-ins made at the same moment", async () => {
      const s = await make();
      await s.addReservedBlock({ domain: "K", next: 1001, to: 1005 });
      await s.addReservedBlock({ domain: "K", next: 1021, to: 1022 });
      await s.addReservedBlock({ domain: "S", next: 2001, to: 2003 });
      // eight takes at once for seven numbers of K: all different, one comes back empty
      const taken = await Promise.all(Array.from({ length: 8 }, () => s.takeReservedNumber("K")));
      expect(taken.filter((n) => n !== null).sort()).toEqual([1001, 1002, 1003, 1004, 1005, 1021, 1022]);
      expect(taken.filter((n) => n === null)).toHaveLength(1);
      expect(await s.takeReservedNumber("K")).toBeNull();
      expect(await s.reservedBlocks()).toEqual([{ domain: "S", next: 2001, to: 2003 }]);
    });

    it("two tabs on one database never share a number", async () => {
      if (name !== "DexieStore") return;
      const indexedDB = new IDBFactory();
      const a = await openDexieStore("tabs", { indexedDB, IDBKeyRange });
      const b = await openDexieStore("tabs", { indexedDB, IDBKeyRange });
      opened.push(a, b);
      await a.addReservedBlock({ domain: "K", next: 1001, to: 1010 });
      const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).takeReservedNumber("K")));
      expect(new Set(taken).size).toBe(10);
      expect(taken.every((n) => n !== null)).toBe(true);
    });
  });
}
