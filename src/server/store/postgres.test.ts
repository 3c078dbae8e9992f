import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestPostgres, type TestPostgres } from "../../../test/pg/embedded.ts";
import type { Actor, Operation } from "../../core/operation.ts";
import { ERASED_REASON } from "../privacy.ts";
import { demoEvent } from "../seed.ts";
import { openPostgresStore, type PostgresStore, rows } from "./postgres.ts";
import { POSTGRES_MIGRATIONS } from "./postgres-migrations.ts";
import { storeContract } from "./store-contract.ts";
import { allow, created, desk, deskOp, EVENT, erased, numbersIn, phone, registered, wall } from "./store-fixtures.ts";
import type { SyncStore, TicketFacts } from "./types.ts";

/**
 * The PostgreSQL store against the same expectations as the SQLite one
 * (store-contract.ts, and sqlite.test.ts), plus what only several instances can break: concurrent
 * pushes through separate connection pools, and pulls running meanwhile.
 */
let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
});

const stores: SyncStore[] = [];
async function open(url?: string): Promise<{ store: PostgresStore; url: string }> {
  const u = url ?? (await server.newDatabase());
  const store = await openPostgresStore(u);
  stores.push(store);
  return { store, url: u };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe("openPostgresStore", () => {
  it("migrates once (schema_migrations); opening again, or two instances at once, changes nothing and keeps the data", async () => {
    const { store, url } = await open();
    await store.putEvent(demoEvent(), { participantCode: "AAAA", organizerCode: "BBBB", deskCodes: { K1: "CCCC" } });
    await store.push([created(desk)], allow());
    const id = await store.deploymentId();
    await store.close();
    const [a, b] = await Promise.all([open(url), open(url)]);
    expect((await a.store.getEvent(EVENT))?.regions).toHaveLength(41);
    expect(await b.store.latestSeq(EVENT)).toBe(2);
    expect(await a.store.deploymentId()).toBe(id);
    const versions = await rows<{ version: number }>(a.store.db, "SELECT version FROM schema_migrations ORDER BY version");
    expect(versions.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it("refuses a database that belongs to another deployment", async () => {
    const url = await server.newDatabase();
    stores.push(await openPostgresStore(url, { deploymentId: "panrb-central" }));
    await expect(openPostgresStore(url, { deploymentId: "panrb-training" })).rejects.toThrow(
      /belongs to deployment "panrb-central", not "panrb-training"/,
    );
  });

  storeContract(async () => (await open()).store);

  /** A ticket K1 called and transferred to S, in one push. */
  const transferredToS = async (store: SyncStore) => {
    const t = created(desk);
    await store.push(
      [t, deskOp("ticket.called", t.ticketId), deskOp("ticket.transferred", t.ticketId, { toDomain: "S" })],
      allow(),
    );
    return t;
  };

  it("numbers a ticket in the domain it was transferred to, once; not when the fold sets the transfer aside", async () => {
    const { store } = await open();
    const t = await transferredToS(store);
    await store.push([deskOp("ticket.called", t.ticketId)], allow());
    expect((await numbersIn(store)).map((n) => n.number)).toEqual(["K-001", "S-001"]);

    const u = created(desk);
    const k2: Actor = { deviceId: "DESKDEV0002", role: "desk", deskId: "K2" };
    const callByK2 = { ...deskOp("ticket.called", u.ticketId), actor: k2, deskId: "K2" } as Operation;
    const seen: (TicketFacts | null)[] = [];
    await store.push(
      [u, callByK2, deskOp("ticket.transferred", u.ticketId, { toDomain: "S" }), deskOp("ticket.called", u.ticketId)],
      allow(seen),
    );
    expect(seen.at(-1)?.domain).toBe("K");
    expect((await numbersIn(store)).map((n) => n.number)).toEqual(["K-001", "S-001", "K-002"]);
  });

  it("moves a transferred ticket's kept fold on operation by operation: its history is not read again (issue 9)", async () => {
    const { store } = await open();
    const t = await transferredToS(store);
    const s1: Actor = { deviceId: "DESKDEV0003", role: "desk", deskId: "S1" };
    const queries = vi.spyOn(pg.Client.prototype, "query");
    try {
      const seen: (TicketFacts | null)[] = [];
      const out = await store.push(
        Array.from({ length: 40 }, () => deskOp("ticket.called", t.ticketId, { actor: s1, deskId: "S1" })),
        allow(seen),
      );
      expect(out.results.every((r) => r.status === "accepted")).toBe(true);
      expect(seen.every((f) => f?.domain === "S")).toBe(true);
      const historyReads = queries.mock.calls.filter(([text]) =>
        String(text).includes("SELECT json FROM ops WHERE event_id = $1 AND subject = $2"),
      );
      expect(historyReads).toEqual([]);
    } finally {
      queries.mockRestore();
    }
  });

  it("keeps a device's participant id, and tokens by hash", async () => {
    const { store } = await open();
    const first = await store.participantIdFor(EVENT, "DEVICE01", () => "PARTXA0001");
    const again = await store.participantIdFor(EVENT, "DEVICE01", () => "PARTXB0002");
    expect([first, again]).toEqual(["PARTXA0001", "PARTXA0001"]);
    const record = {
      eventId: EVENT,
      role: "desk" as const,
      deviceId: "D1D1D1D1",
      deskId: "K1",
      participantId: null,
      expiresAt: Date.now() + 7 * 86_400_000,
    };
    await store.putToken("abc", record);
    expect(await store.getToken("abc")).toEqual(record);
    expect(await store.getToken("abd")).toBeNull();
    expect(await store.integrityCheck()).toBe("ok");
  });
});

describe("personal data (privacy.ts)", () => {
  const profilesIn = async (store: PostgresStore) =>
    (await rows<{ n: number }>(store.db, "SELECT count(*)::int AS n FROM ops WHERE type = 'participant.registered'"))[0]?.n;

  it("an erasure deletes the stored profiles in its transaction, those of its own batch too, and refuses them after", async () => {
    const { store } = await open();
    const me = phone.participantId ?? "";
    const early = registered(me);
    await store.push([early], allow());
    const sameBatch = registered(me);
    const res = await store.push([sameBatch, erased(me), registered(me)], allow());
    expect(res.results.map((r) => r.status)).toEqual(["accepted", "accepted", "rejected"]);
    expect(await profilesIn(store)).toBe(0);
    const again = await store.push([early, sameBatch], allow());
    expect(again.results.map((r) => (r.status === "rejected" ? r.reason : r.status))).toEqual([ERASED_REASON, ERASED_REASON]);
    expect((await store.pull(EVENT, 0, 100)).ops.map((o) => o.type)).toEqual(["participant.erased"]);
  });

  it("the purge erases every participant once, with server erasures in sequence, and a second purge finds no one", async () => {
    const { store } = await open();
    await store.push(
      [registered("PARTA0000001"), registered("PARTB0000002"), registered("PARTA0000001"), created(phone)],
      allow(),
    );
    const before = await store.latestSeq(EVENT);
    const outcome = await store.purgeParticipants(EVENT, wall);
    expect(outcome).toEqual({ erased: 2, lastSeq: before + 2 });
    expect(await profilesIn(store)).toBe(0);
    const erasures = (await store.pull(EVENT, before, 10)).ops.map((o) => JSON.parse(o.json) as Operation);
    expect(erasures.map((o) => [o.type, o.actor.role])).toEqual([
      ["participant.erased", "server"],
      ["participant.erased", "server"],
    ]);
    expect(await store.purgeParticipants(EVENT, wall)).toEqual({ erased: 0, lastSeq: null });
    expect(await store.integrityCheck()).toBe("ok");
  });

  it("keeps each device's latest status; a pull does not forget the last push", async () => {
    const { store } = await open();
    const base = { eventId: EVENT, deviceId: "DESKDEV0001", role: "desk" as const, deskId: "K1", pending: 3, lastError: null };
    await store.recordDevices([
      { ...base, lastSeenAt: 10, lastPushAt: 10, lastPullAt: null },
      { ...base, lastSeenAt: 20, lastPushAt: null, lastPullAt: 20, pending: 0, lastError: "offline" },
      { ...base, deviceId: "PH0NE000001", role: "participant", deskId: null, lastSeenAt: 15, lastPushAt: null, lastPullAt: 15 },
    ]);
    const list = await store.listDevices(EVENT);
    expect(list.map((d) => [d.deviceId, d.lastSeenAt, d.lastPushAt, d.lastPullAt, d.pending, d.lastError])).toEqual([
      ["DESKDEV0001", 20, 10, 20, 0, "offline"],
      ["PH0NE000001", 15, null, 15, 3, null],
    ]);
    await store.putEvent(demoEvent(), { participantCode: "AAAA", organizerCode: "BBBB", deskCodes: {} });
    expect((await store.listEvents()).map((e) => e.id)).toEqual([EVENT]);
  });
});

describe("several instances on one database", () => {
  it("pushes through separate pools at once: seqs dense and in commit order, a pull never skips, no number twice", async () => {
    const { url } = await open();
    const instances = await Promise.all([open(url), open(url), open(url)]);
    const storeOf = (i: number): PostgresStore => {
      const x = instances[i % instances.length];
      if (!x) throw new Error("no instance");
      return x.store;
    };
    const puller = storeOf(0);
    const seen = new Map<number, string>();
    let cursor = 0;
    let pushing = true;
    const pulling = (async () => {
      // A reader that follows the cursor while pushes commit: anything it
      // finds later at or below its cursor would be an operation it skipped.
      while (pushing || cursor < (await puller.latestSeq(EVENT))) {
        const page = await puller.pull(EVENT, cursor, 200);
        for (const o of page.ops) {
          expect(o.seq).toBeGreaterThan(cursor);
          seen.set(o.seq, JSON.parse(o.json).id as string);
        }
        cursor = page.cursor;
      }
    })();
    const batches = Array.from({ length: 60 }, (_, i) => Array.from({ length: 10 }, () => created(desk, i % 2 ? "K" : "S")));
    await Promise.all(batches.map((b, i) => storeOf(i).push(b, allow())));
    // the same batches again, through other instances: all duplicates
    const again = await Promise.all(batches.slice(0, 10).map((b, i) => storeOf(i + 1).push(b, allow())));
    expect(again.flatMap((r) => r.results.map((x) => x.status)).every((s) => s === "duplicate")).toBe(true);
    pushing = false;
    await pulling;
    const all = (await puller.pull(EVENT, 0, 5000)).ops;
    expect(all.map((o) => o.seq)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(all.map((o) => o.seq));
    const numbers = await numbersIn(puller);
    for (const d of ["K", "S"]) {
      const given = numbers.filter((n) => n.domain === d).map((n) => Number(n.number.slice(2)));
      expect([...given].sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    }
    // blocks reserved at once through several instances never overlap (the event's lock), in the desk's own range
    const range = { first: 1001, last: 1999 };
    const blocks = await Promise.all(instances.map((x) => x.store.reserveBlock(EVENT, "K", desk.deviceId, 20, range)));
    const starts = blocks.map((b) => b?.from ?? 0).sort((a, b) => a - b);
    expect(starts).toEqual([1001, 1021, 1041]);
    expect(await puller.integrityCheck()).toBe("ok");
  });
});
