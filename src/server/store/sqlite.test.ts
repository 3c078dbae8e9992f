import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Actor, Operation } from "../../core/operation.ts";
import { demoEvent } from "../seed.ts";
import { SQLITE_MIGRATIONS } from "./migrations.ts";
import { openSqliteStore } from "./sqlite.ts";
import { storeContract } from "./store-contract.ts";
import { allow, created, desk, deskOp, EVENT, numbersIn } from "./store-fixtures.ts";
import type { PushContext, SyncStore, TicketFacts } from "./types.ts";

const stores: SyncStore[] = [];
function open(file = join(mkdtempSync(join(tmpdir(), "loket-store-")), "loket.sqlite")) {
  const store = openSqliteStore(file);
  stores.push(store);
  return { store, file };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

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

  storeContract(async () => open().store);

  it("stores a large push in slices, letting other work run between them, and answers it whole and in order", async () => {
    const { store } = open();
    const batch = Array.from({ length: 1000 }, () => created(desk));
    let turns = 0;
    let pushing = true;
    const spin = () => {
      turns++;
      if (pushing) setImmediate(spin);
    };
    setImmediate(spin);
    const out = await store.push(batch, allow());
    pushing = false;
    // 1,000 creations, each with its number: far more than one slice's time on any machine
    expect(turns).toBeGreaterThan(1);
    expect(out.results.map((r) => r.id)).toEqual(batch.map((op) => op.id));
    const seqs = out.results.map((r) => (r.status === "accepted" ? r.seq : -1));
    expect(seqs.every((s, i) => s > 0 && (i === 0 || s > (seqs[i - 1] ?? 0)))).toBe(true);
    expect(out.lastSeq).toBe(2000);
  });

  it("fails a push whose slice fails, keeps what its earlier slices stored, and a retry answers those as duplicates", async () => {
    const { store } = open();
    const batch = Array.from({ length: 1000 }, () => created(desk));
    const last = batch.at(-1)?.id;
    const boom: PushContext = {
      ...allow(),
      authorize: (op) => {
        if (op.id === last) throw new Error("boom");
        return null;
      },
    };
    await expect(store.push(batch, boom)).rejects.toThrow("boom");
    const stored = await store.latestSeq(EVENT);
    expect(stored).toBeGreaterThan(0);
    const retry = await store.push(batch, allow());
    const statuses = retry.results.map((r) => r.status);
    expect(statuses.filter((s) => s === "duplicate").length).toBe(stored / 2);
    expect(statuses.slice(stored / 2).every((s) => s === "accepted")).toBe(true);
    const ids = (await store.pull(EVENT, 0, 5000)).ops.map((o) => (JSON.parse(o.json) as Operation).id);
    expect(new Set(ids).size).toBe(2000);
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
