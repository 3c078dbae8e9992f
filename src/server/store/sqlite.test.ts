import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { encodeHlc } from "../../core/hlc.ts";
import { newId } from "../../core/ids.ts";
import type { Actor, Operation, OpOf } from "../../core/operation.ts";
import { demoEvent } from "../seed.ts";
import { SQLITE_MIGRATIONS } from "./migrations.ts";
import { openSqliteStore } from "./sqlite.ts";
import type { PushContext, SyncStore, TicketFacts } from "./types.ts";

const EVENT = "denpasar-2026";
const desk: Actor = { deviceId: "DESKDEV0001", role: "desk", deskId: "K1" };
const phone: Actor = { deviceId: "PH0NE000001", role: "participant", participantId: "PARTX0000001" };
let wall = Date.UTC(2026, 0, 15, 2);
const hlc = (node: string) => encodeHlc({ wall: ++wall, counter: 0, node });

function created(actor: Actor, domain: "K" | "S" = "K", extra: Partial<OpOf<"ticket.created">> = {}): OpOf<"ticket.created"> {
  return {
    id: newId(),
    eventId: EVENT,
    hlc: hlc(actor.deviceId),
    actor,
    type: "ticket.created",
    ticketId: newId(),
    domain,
    participantId: actor.participantId ?? null,
    question: { topic: "SAKIP", text: "?" },
    priority: false,
    ...extra,
  };
}
function deskOp<T extends "ticket.called" | "ticket.transferred">(type: T, ticketId: string, extra: object = {}): Operation {
  return {
    id: newId(),
    eventId: EVENT,
    hlc: hlc(desk.deviceId),
    actor: desk,
    type,
    ticketId,
    deskId: "K1",
    ...extra,
  } as Operation;
}

const stores: SyncStore[] = [];
function open(file = join(mkdtempSync(join(tmpdir(), "loket-store-")), "loket.sqlite")) {
  const store = openSqliteStore(file);
  stores.push(store);
  return { store, file };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const allow = (seen: (TicketFacts | null)[] = []): PushContext => ({
  eventId: EVENT,
  now: wall,
  authorize: (_op, facts) => {
    seen.push(facts);
    return null;
  },
});

const numbersIn = (store: SyncStore) =>
  store
    .pull(EVENT, 0, 1000)
    .then((p) =>
      p.ops
        .map((s) => JSON.parse(s.json) as Operation)
        .filter((o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned"),
    );

describe("openSqliteStore", () => {
  it("migrates once, versioned by user_version, in WAL mode; reopening changes nothing and keeps the data", async () => {
    const { store, file } = open();
    await store.putEvent(demoEvent(), { participantCode: "AAAA", organizerCode: "BBBB", deskCodes: { K1: "CCCC" } });
    await store.push([created(desk)], allow());
    await store.close();
    const again = open(file).store;
    expect((await again.getEvent(EVENT))?.regions).toHaveLength(41);
    expect(await again.latestSeq(EVENT)).toBe(2);
    await again.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("stores each operation once by id: a retried batch reports duplicates with the original seqs", async () => {
    const { store } = open();
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
    const { store } = open();
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
    const { store } = open();
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

  it("numbers tickets per domain from a counter that reserved blocks are carved from", async () => {
    const { store } = open();
    await store.push([created(desk), created(desk, "S")], allow());
    const block = await store.reserveBlock(EVENT, "K", desk.deviceId, 20);
    expect(block).toEqual({ domain: "K", from: 2, to: 21 });
    const walkIn = created(desk, "K", { reservedNumber: "K-007" });
    const again = created(desk, "K", { reservedNumber: "K-007" }); // used: gets the counter's next
    const stranger = created({ ...desk, deviceId: "OTHERDEV01" }, "K", { reservedNumber: "K-008" }); // not its block
    const next = created(desk);
    await store.push([walkIn, again, stranger, next], allow());
    const numbers = await numbersIn(store);
    const of = (t: { ticketId: string }) => numbers.find((n) => n.ticketId === t.ticketId)?.number;
    expect(numbers.map((n) => n.number)).toEqual(["K-001", "S-001", "K-007", "K-022", "K-023", "K-024"]);
    expect(of(walkIn)).toBe("K-007");
    expect(of(next)).toBe("K-024");
    expect(numbers.every((n) => n.actor.role === "server")).toBe(true);
  });

  it("numbers a ticket in the domain it was transferred to, once", async () => {
    const { store } = open();
    const t = created(desk);
    await store.push(
      [t, deskOp("ticket.called", t.ticketId), deskOp("ticket.transferred", t.ticketId, { toDomain: "S" })],
      allow(),
    );
    await store.push([deskOp("ticket.called", t.ticketId)], allow());
    expect((await numbersIn(store)).map((n) => n.number)).toEqual(["K-001", "S-001"]);
  });

  it("does not move a ticket when the fold sets the transfer aside (a desk that does not hold it)", async () => {
    const { store } = open();
    const t = created(desk);
    const k2: Actor = { deviceId: "DESKDEV0002", role: "desk", deskId: "K2" };
    const callByK2 = { ...deskOp("ticket.called", t.ticketId), actor: k2, deskId: "K2" } as Operation;
    const seen: (TicketFacts | null)[] = [];
    await store.push(
      [t, callByK2, deskOp("ticket.transferred", t.ticketId, { toDomain: "S" }), deskOp("ticket.called", t.ticketId)],
      allow(seen),
    );
    expect(seen.at(-1)?.domain).toBe("K");
    expect((await numbersIn(store)).map((n) => n.number)).toEqual(["K-001"]);
  });

  it("pulls in pages after a cursor, with each ticket operation's owner", async () => {
    const { store } = open();
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

  it("keeps a device's participant id, and tokens by hash", async () => {
    const { store } = open();
    const first = await store.participantIdFor(EVENT, "DEVICE01", () => "PARTXA0001");
    const again = await store.participantIdFor(EVENT, "DEVICE01", () => "PARTXB0002");
    expect([first, again]).toEqual(["PARTXA0001", "PARTXA0001"]);
    const record = {
      eventId: EVENT,
      role: "desk" as const,
      deviceId: "D1D1D1D1",
      deskId: "K1",
      participantId: null,
      expiresAt: 42,
    };
    await store.putToken("abc", record);
    expect(await store.getToken("abc")).toEqual(record);
    expect(await store.getToken("abd")).toBeNull();
    expect(await store.integrityCheck()).toBe("ok");
  });
});

describe("the deployment a file belongs to", () => {
  it("is recorded the first time it is given, kept after, and another deployment's file is refused", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "loket-deploy-")), "loket.sqlite");
    await openSqliteStore(file).close();
    await openSqliteStore(file, { deploymentId: "panrb" }).close();
    await openSqliteStore(file, { deploymentId: "panrb" }).close();
    await openSqliteStore(file).close();
    expect(() => openSqliteStore(file, { deploymentId: "pemda-ntb" })).toThrow(/belongs to deployment "panrb", not "pemda-ntb"/);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'deployment_id'").pluck().get()).toBe("panrb");
    db.close();
  });
});
