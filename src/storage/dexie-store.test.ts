import { Dexie } from "dexie";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it, vi } from "vitest";
import { foldAll } from "../core/fold-all.ts";
import { fixtureId, opFactory } from "../core/op-fixtures.ts";
import { subjectOf } from "../core/operation.ts";
import { onBlockedByNewVersion, openDexieStore, StoreUpgradedError } from "./dexie-store.ts";
import { requestPersistence } from "./persist.ts";
import { CURRENT_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from "./schema.ts";

const fresh = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });

describe("schema upgrade", () => {
  it("opens a database made by version 1 without losing a row, and the new index works", async () => {
    const deps = fresh();
    const f = opFactory();
    f.participant("p1", { regionId: "51-kota-denpasar" }, 0);
    f.ticket("a", "K", 1, { pid: "p1" });
    f.ticket("b", "K", 2, { priority: true });
    f.ticket("c", "S", 3);
    f.call("c", "S1", 4);
    const folded = foldAll(f.ops);

    // The database as version 1 of the app left it: no lineKey on tickets.
    const v1 = new Dexie("upgrade", deps);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table("ops").bulkAdd(
      f.ops.map((op, i) => ({
        id: op.id,
        op,
        subjectId: subjectOf(op),
        hlc: op.hlc,
        outbox: i < 2 ? 1 : 0,
        seq: i < 2 ? null : i,
      })),
    );
    await v1.table("tickets").bulkAdd(folded.tickets);
    await v1.table("participants").bulkAdd(folded.participants);
    await v1.table("meta").bulkAdd([
      { key: "cursor", value: 5 },
      { key: "session", value: { token: "t" } },
    ]);
    v1.close();

    const store = await openDexieStore("upgrade", deps);
    expect(store.db.verno).toBe(CURRENT_VERSION);
    expect(await store.db.ops.count()).toBe(f.ops.length);
    expect(await store.db.tickets.count()).toBe(3);
    expect(await store.allParticipants()).toEqual(folded.participants);
    expect(await store.outboxCount()).toBe(2);
    expect(await store.cursor()).toBe(5);
    expect(await store.getMeta("session")).toEqual({ token: "t" });
    // The v2 indexes: the line from [domain+status+lineKey], a device's tickets from createdBy.
    expect((await store.waitingLine("K")).map((t) => t.id)).toEqual([fixtureId("b"), fixtureId("a")]);
    expect(await store.waitingLine("S")).toEqual([]);
    expect((await store.ticketsCreatedBy(fixtureId("PHONE"))).length).toBe(3);
    expect(SCHEMA_V2.tickets).toContain("[domain+status+lineKey]");
    store.close();
  });
});

describe("resilience", () => {
  it("closes and tells the app when another tab upgrades the database", async () => {
    const deps = fresh();
    const store = await openDexieStore("tabs", deps);
    const told = vi.fn();
    const off = onBlockedByNewVersion(told);
    // Another tab runs a newer app: the next version.
    const newer = new Dexie("tabs", deps);
    newer.version(1).stores(SCHEMA_V1);
    newer.version(2).stores(SCHEMA_V2);
    newer.version(3).stores(SCHEMA_V3);
    newer.version(CURRENT_VERSION + 1).stores({ extra: "id" });
    await newer.open(); // not blocked: the old connection stepped aside
    expect(told).toHaveBeenCalledWith("tabs");
    await expect(store.allTickets()).rejects.toBeInstanceOf(StoreUpgradedError);
    off();
    newer.close();
  });

  it("reopens and retries once when the browser dropped the connection", async () => {
    const store = await openDexieStore("dropped", fresh());
    const f = opFactory();
    f.ticket("a", "K", 1);
    await store.appendLocal(f.ops);
    // What Safari does to a backgrounded app: the connection is gone under us.
    store.db.close();
    expect(store.db.isOpen()).toBe(false);
    expect((await store.allTickets()).length).toBe(1);
    store.db.close();
    f.ticket("b", "K", 2);
    await store.appendLocal(f.ops);
    expect(await store.outboxCount()).toBe(2);
    store.close();
    await expect(store.allTickets()).rejects.toThrow();
  });

  it("writes an operation and its effect together, or neither", async () => {
    const store = await openDexieStore("atomic", fresh());
    const f = opFactory();
    f.ticket("a", "K", 1);
    // A failure inside the transaction (here: the tickets table refuses the write).
    const spy = vi.spyOn(store.db.tickets, "bulkPut").mockRejectedValueOnce(new Error("disk full"));
    await expect(store.appendLocal(f.ops)).rejects.toThrow("disk full");
    spy.mockRestore();
    expect(await store.allOperations()).toEqual([]);
    expect(await store.outboxCount()).toBe(0);
    await store.appendLocal(f.ops);
    expect((await store.allTickets()).length).toBe(1);
    store.close();
  });
});

describe("requestPersistence", () => {
  it("reports granted, denied and unsupported", async () => {
    expect(await requestPersistence(undefined)).toBe("unsupported");
    expect(await requestPersistence({})).toBe("unsupported");
    expect(await requestPersistence({ persisted: async () => true, persist: async () => false })).toBe("granted");
    expect(await requestPersistence({ persisted: async () => false, persist: async () => true })).toBe("granted");
    expect(await requestPersistence({ persisted: async () => false, persist: async () => false })).toBe("denied");
    expect(
      await requestPersistence({
        persist: async () => {
          throw new Error("no");
        },
      }),
    ).toBe("denied");
  });
});
