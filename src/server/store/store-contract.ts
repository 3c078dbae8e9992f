import { expect, it } from "vitest";
import { newId } from "../../core/ids.ts";
import type { Actor, Operation } from "../../core/operation.ts";
import { ERASED_TEXT } from "../../core/redaction.ts";
import { allow, created, desk, deskOp, EVENT, erased, hlc, numbersIn, phone, phoneOp, registered } from "./store-fixtures.ts";
import type { PushContext, SyncStore, TicketFacts } from "./types.ts";

/**
 * Test-only: what types.ts asks of every store, as tests that sqlite.test.ts
 * and postgres.test.ts each register inside their own describe block, with a
 * function that opens a fresh, empty store (the caller closes it after each
 * test). What one store alone can show stays in its own file.
 */
/** desk K1 closes a ticket it called */
function closed(ticketId: string): Operation {
  return {
    id: newId(),
    eventId: EVENT,
    hlc: hlc(desk.deviceId),
    actor: desk,
    type: "ticket.closed",
    ticketId,
    deskId: "K1",
    outcome: { kind: "answered", topic: "SAKIP", advice: "Lihat PermenPANRB 53/2014" },
  } as Operation;
}

const idOf = (actor: typeof phone) => ({ id: newId(), eventId: EVENT, hlc: hlc(actor.deviceId), actor });

export function storeContract(open: () => Promise<SyncStore>): void {
  it("stores each operation once by id: a retried batch reports duplicates with the original seqs", async () => {
    const store = await open();
    const a = created(desk);
    const b = deskOp("ticket.called", a.ticketId);
    const first = await store.push([a, b, a], allow());
    expect(first.results).toEqual([
      { id: a.id, status: "accepted", seq: 1 },
      { id: b.id, status: "accepted", seq: 3 },
      { id: a.id, status: "duplicate", seq: 1 },
    ]);
    expect(first.lastSeq).toBe(3); // 2 is the server's number for a
    const second = await store.push([a, b], allow());
    expect(second.results.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(second.lastSeq).toBeNull();
    expect((await store.pull(EVENT, 0, 100)).ops).toHaveLength(3);
  });

  it("tells authorization what it knows of a ticket, including what the same batch just created", async () => {
    const store = await open();
    const t = created(phone);
    const seen: (TicketFacts | null)[] = [];
    await store.push(
      [t, deskOp("ticket.called", t.ticketId), deskOp("ticket.transferred", t.ticketId, { toDomain: "S" })],
      allow(seen),
    );
    await store.push([deskOp("ticket.called", t.ticketId)], allow(seen));
    expect(seen).toEqual([
      null,
      { known: true, owner: phone.participantId, domain: "K" },
      { known: true, owner: phone.participantId, domain: "K" },
      { known: true, owner: phone.participantId, domain: "S" },
    ]);
  });

  it("rolls the whole batch back when anything in it fails", async () => {
    const store = await open();
    const ok = created(desk);
    const boom: PushContext = {
      ...allow(),
      authorize: (op) => {
        if (op.id !== ok.id) throw new Error("boom");
        return null;
      },
    };
    await expect(store.push([ok, created(desk)], boom)).rejects.toThrow("boom");
    expect(await store.latestSeq(EVENT)).toBe(0);
    expect(await numbersIn(store)).toEqual([]);
  });

  it("numbers phones' tickets from the counter and confirms each device's reserved numbers from its own range", async () => {
    const store = await open();
    const k1 = { first: 1001, last: 1999 };
    await store.push([created(desk), created(desk, "S")], allow());
    const block = await store.reserveBlock(EVENT, "K", desk.deviceId, 20, k1);
    expect(block).toEqual({ domain: "K", from: 1001, to: 1020 });
    // a second device of the same desk continues the range; the next block of the first after it
    expect(await store.reserveBlock(EVENT, "K", "OTHERDEV02", 20, k1)).toEqual({ domain: "K", from: 1021, to: 1040 });
    const walkIn = created(desk, "K", { reservedNumber: "K-1007" });
    const again = created(desk, "K", { reservedNumber: "K-1007" }); // used: gets the counter's next
    const stranger = created({ ...desk, deviceId: "OTHERDEV01" }, "K", { reservedNumber: "K-1008" }); // not its block
    const next = created(desk);
    await store.push([walkIn, again, stranger, next], allow());
    const numbers = await numbersIn(store);
    const of = (t: { ticketId: string }) => numbers.find((n) => n.ticketId === t.ticketId)?.number;
    // the phones' line does not jump by a block's size: K-001, then K-002 …
    expect(numbers.map((n) => n.number)).toEqual(["K-001", "S-001", "K-1007", "K-002", "K-003", "K-004"]);
    expect(of(walkIn)).toBe("K-1007");
    expect(of(next)).toBe("K-004");
    expect(numbers.every((n) => n.actor.role === "server")).toBe(true);
  });

  it("never gives a block past its range, nor a number already given in it, and the counter steps over blocks", async () => {
    const store = await open();
    const small = { first: 3, last: 7 };
    // the counter has given 1 and 2: a block in a range it reached starts after them
    await store.push([created(desk), created(desk)], allow());
    expect(await store.reserveBlock(EVENT, "K", desk.deviceId, 4, small)).toEqual({ domain: "K", from: 3, to: 6 });
    expect(await store.reserveBlock(EVENT, "K", desk.deviceId, 4, small)).toEqual({ domain: "K", from: 7, to: 7 });
    expect(await store.reserveBlock(EVENT, "K", desk.deviceId, 4, small)).toBeNull();
    // the counter's next numbers step over the reserved 3 … 7
    await store.push([created(desk), created(desk)], allow());
    const given = (await numbersIn(store)).map((n) => n.number);
    expect(given).toEqual(["K-001", "K-002", "K-008", "K-009"]);
  });

  it("pulls in pages after a cursor, with each ticket operation's owner", async () => {
    const store = await open();
    const mine = created(phone);
    const walkIn = created(desk);
    await store.push([mine, walkIn, deskOp("ticket.called", mine.ticketId)], allow());
    const p1 = await store.pull(EVENT, 0, 2);
    expect(p1.ops.map((o) => o.seq)).toEqual([1, 2]);
    expect(p1).toMatchObject({ cursor: 2, more: true });
    const p2 = await store.pull(EVENT, p1.cursor, 10);
    expect(p2.ops.map((o) => o.seq)).toEqual([3, 4, 5]);
    expect(p2.more).toBe(false);
    expect([...p1.ops, ...p2.ops].map((o) => o.owner)).toEqual([
      phone.participantId,
      phone.participantId,
      null,
      null,
      phone.participantId,
    ]);
    expect((await store.pull("other-event", 0, 10)).ops).toEqual([]);
  });

  it("finds participants' profile operations up to a sequence number, for a desk that forgot them", async () => {
    const store = await open();
    const first = registered(phone.participantId ?? "");
    const other = registered("PARTY0000002");
    await store.push([first, other, created(phone)], allow());
    const edit = registered(phone.participantId ?? "");
    await store.push([edit], allow());
    const found = await store.profilesOf(EVENT, [phone.participantId ?? "", "NOBODY000001"], 10);
    expect(found.map((s) => (JSON.parse(s.json) as { id: string }).id)).toEqual([first.id, edit.id]);
    expect(found.map((s) => [s.type, s.owner])).toEqual([
      ["participant.registered", phone.participantId],
      ["participant.registered", phone.participantId],
    ]);
    expect((await store.profilesOf(EVENT, [phone.participantId ?? ""], 1)).map((s) => s.seq)).toEqual([1]);
    expect(await store.profilesOf(EVENT, [], 10)).toEqual([]);
    expect(await store.profilesOf("other-event", [phone.participantId ?? ""], 10)).toEqual([]);
  });

  it("takes an erased participant's words out of their tickets' stored operations, before and after the erasure", async () => {
    const store = await open();
    const me = phone.participantId ?? "";
    const other = { ...phone, deviceId: "PH0NE000002", participantId: "PARTY0000002" };
    const mine = created(phone, "K", { question: { topic: "SAKIP", text: "Rahasia Bu Ketut" } });
    const theirs = created(other, "K", { question: { topic: "SAKIP", text: "Pertanyaan Pak Lalu" } });
    await store.push([registered(me), mine, theirs, phoneOp("ticket.rated", mine.ticketId, "Komentar Bu Ketut")], allow());
    // the erasure, and in the same batch after it an edit of a stale phone
    await store.push([erased(me), phoneOp("ticket.questionEdited", mine.ticketId, "Rahasia lagi")], allow());
    // and a rating that arrives later still
    await store.push([phoneOp("ticket.rated", mine.ticketId, "Komentar terlambat")], allow());

    const text = (await store.pull(EVENT, 0, 1000)).ops.map((o) => o.json).join("\n");
    for (const secret of ["Rahasia Bu Ketut", "Komentar Bu Ketut", "Rahasia lagi", "Komentar terlambat"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("Pertanyaan Pak Lalu");
    const stored = (await store.pull(EVENT, 0, 1000)).ops.map((o) => JSON.parse(o.json) as { id: string; question?: object });
    expect(stored.find((o) => o.id === mine.id)?.question).toEqual({ topic: "SAKIP", text: ERASED_TEXT });
  });

  it("cuts an erased participant's words stored before their ticket's creation arrives", async () => {
    const store = await open();
    const me = phone.participantId ?? "";
    await store.push([registered(me), erased(me)], allow());
    // after a restore, or through a relaying device, an edit may reach the server before its ticket
    const late = created(phone, "S", { question: { topic: "SAKIP", text: "Rahasia tiket telat" } });
    await store.push([phoneOp("ticket.questionEdited", late.ticketId, "Rahasia suntingan dulu")], allow());
    await store.push([late], allow());
    const text = (await store.pull(EVENT, 0, 1000)).ops.map((o) => o.json).join("\n");
    for (const secret of ["Rahasia tiket telat", "Rahasia suntingan dulu"]) expect(text).not.toContain(secret);
  });

  it("keeps Web Push subscriptions per participant: another participant can neither take one over nor delete it", async () => {
    const store = await open();
    const sub = {
      eventId: EVENT,
      participantId: "PARTX0000001",
      endpoint: "https://fcm.googleapis.com/fcm/send/abc",
      p256dh: "p".repeat(87),
      auth: "a".repeat(22),
      lang: "id" as const,
      createdAt: 1,
    };
    expect(await store.savePushSubscription(sub)).toBe(true);
    expect(await store.savePushSubscription({ ...sub, lang: "en", createdAt: 2 })).toBe(true);
    expect(await store.savePushSubscription({ ...sub, participantId: "PARTY0000002", auth: "b".repeat(22) })).toBe(false);
    expect(await store.pushSubscriptionsOf(EVENT, ["PARTX0000001"])).toEqual([{ ...sub, lang: "en", createdAt: 2 }]);
    expect(await store.pushSubscriptionsOf(EVENT, ["PARTY0000002"])).toEqual([]);
    expect(await store.deletePushSubscription(EVENT, sub.endpoint, "PARTY0000002")).toBe(false);
    expect(await store.pushSubscriptionsOf(EVENT)).toHaveLength(1);
    expect(await store.deletePushSubscription(EVENT, sub.endpoint, null)).toBe(true);
    expect(await store.pushSubscriptionsOf(EVENT)).toEqual([]);
  });

  it("records a one-time push once, and folds a line from its open tickets only", async () => {
    const store = await open();
    expect(await store.markPushSent(EVENT, "T1", "near")).toBe(true);
    expect(await store.markPushSent(EVENT, "T1", "near")).toBe(false);
    const open1 = created(phone, "K");
    const done = created(phone, "K");
    const other = created(phone, "S");
    const close = deskOp("ticket.called", done.ticketId);
    await store.push([open1, done, other, close, closed(done.ticketId)], allow());
    const line = await store.lineOps(EVENT, "K");
    const tickets = new Set(line.map((o) => ("ticketId" in o ? o.ticketId : "")));
    expect(tickets.has(open1.ticketId)).toBe(true);
    expect(tickets.has(done.ticketId)).toBe(false);
    expect(tickets.has(other.ticketId)).toBe(false);
    expect((await store.ticketOps(EVENT, done.ticketId)).map((o) => o.type)).toContain("ticket.closed");
  });

  it("tells a desk's action on a transferred ticket its domain then: after the latest, where the fold left it; stamped before, from the history", async () => {
    const store = await open();
    const t = created(phone);
    // desk K2 called the ticket first, offline: its call reaches the server after K1's call and transfer
    const k2: Actor = { deviceId: "DESKDEV0002", role: "desk", deskId: "K2" };
    const offlineCall = deskOp("ticket.called", t.ticketId, { actor: k2, deskId: "K2" });
    await store.push(
      [t, deskOp("ticket.called", t.ticketId), deskOp("ticket.transferred", t.ticketId, { toDomain: "S" })],
      allow(),
    );
    const s1: Actor = { deviceId: "DESKDEV0003", role: "desk", deskId: "S1" };
    const byS1 = () => deskOp("ticket.called", t.ticketId, { actor: s1, deskId: "S1" });
    const seen: (TicketFacts | null)[] = [];
    await store.push([byS1(), byS1()], allow(seen));
    await store.push([offlineCall], allow(seen));
    // K1 never held the ticket it transferred (K2's call came first): the fold sets the transfer aside, the ticket is in K
    await store.push([byS1()], allow(seen));
    expect(seen.map((f) => f?.domain)).toEqual(["S", "S", "K", "K"]);
  });

  it("reads a long history whole, each operation once: a ticket's and its line's (read in pages, 600 here)", async () => {
    const store = await open();
    const t = created(phone);
    const calls = Array.from({ length: 600 }, () => deskOp("ticket.called", t.ticketId));
    await store.push([t, ...calls], allow());
    const expected = [t.id, ...calls.map((o) => o.id)].sort();
    const ids = (list: Operation[]) =>
      list
        .filter((o) => o.type !== "ticket.numberAssigned")
        .map((o) => o.id)
        .sort();
    expect(ids(await store.ticketOps(EVENT, t.ticketId))).toEqual(expected);
    expect(ids(await store.lineOps(EVENT, "K"))).toEqual(expected);
  });

  it("names a ticket's owner from its row: the creation's participant, none for a walk-in, none for an unknown ticket", async () => {
    const store = await open();
    const mine = created(phone, "K");
    const walkIn = created(desk, "K", { participantId: null });
    await store.push([mine, walkIn], allow());
    expect(await store.ticketOwner(EVENT, mine.ticketId)).toBe(phone.participantId);
    expect(await store.ticketOwner(EVENT, walkIn.ticketId)).toBeNull();
    expect(await store.ticketOwner(EVENT, newId())).toBeNull();
  });

  it("tells the fair-use rule which of a participant's tickets hold a domain: by their fold, where they are now", async () => {
    const store = await open();
    const noShow = created(phone, "K");
    const movedToS = created(phone, "K");
    const cancelled = created(phone, "S");
    const waiting = created(phone, "S");
    const cancelOp: Operation = { ...idOf(phone), type: "ticket.cancelled", ticketId: cancelled.ticketId };
    await store.push(
      [
        noShow,
        movedToS,
        cancelled,
        waiting,
        deskOp("ticket.called", noShow.ticketId),
        deskOp("ticket.skipped", noShow.ticketId, { requeue: false }),
        deskOp("ticket.transferred", movedToS.ticketId, { toDomain: "S" }),
        cancelOp,
        created(desk, "K"),
      ],
      allow(),
    );
    const held = await store.ticketsHeldBy(EVENT, phone.participantId ?? "");
    const byId = new Map(held.map((t) => [t.ticketId, t]));
    expect(held).toHaveLength(4);
    expect(byId.get(noShow.ticketId)).toMatchObject({ domain: "K", open: false });
    expect(byId.get(movedToS.ticketId)).toMatchObject({ domain: "S", open: true });
    expect(byId.get(cancelled.ticketId)).toMatchObject({ domain: "S", open: false });
    expect(byId.get(waiting.ticketId)).toMatchObject({ domain: "S", open: true });
  });
}
