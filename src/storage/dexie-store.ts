import { Dexie } from "dexie";
import type { DomainCode } from "../core/domain.ts";
import { compareOps, type Operation, subjectOf } from "../core/operation.ts";
import type { PulledOp } from "../core/protocol.ts";
import {
  KEPT_ON_CLEAR,
  type LocalStore,
  newestStamp,
  type OpProofs,
  PROFILES_FORGOTTEN_KEY,
  type RejectedOp,
  SEEN_CLOCK_KEY,
  type UnreadableOp,
  UnsyncedChangesError,
} from "./contract.ts";
import { erasedProfileOps, lostServerOp, refoldSubject } from "./refold.ts";
import { RESERVED_NUMBERS_KEY, type ReservedBlock, takeNumber, withBlock } from "./reserved-numbers.ts";
import { fromTicketRow, LoketDb, type OpRow, toTicketRow } from "./schema.ts";

/**
 * The local store on IndexedDB (Dexie): the app's implementation of LocalStore.
 *
 * Policy:
 * - The `ops` table is the source of truth. Every write runs in one read-write
 *   transaction that also refolds the subjects it touched into `tickets` and
 *   `participants`, so a screen (or another tab) never sees an operation without
 *   its effect.
 * - When another tab opens a newer version of the database, this connection
 *   closes at once (so the upgrade is not blocked) and every listener of
 *   `onBlockedByNewVersion` is told, so the app can offer a reload; later calls
 *   throw `StoreUpgradedError` rather than Dexie's DatabaseClosedError.
 * - When the browser drops the connection (Safari does after the app has been
 *   in the background), the call reopens the database and is retried once.
 */
export interface DexieStore extends LocalStore {
  readonly db: LoketDb;
  close(): void;
}

export interface OpenOptions {
  /** an IndexedDB implementation (tests pass fake-indexeddb's IDBFactory) */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/** Thrown by a store whose database another tab has upgraded: the page must reload. */
export class StoreUpgradedError extends Error {
  constructor() {
    super("the database was upgraded by a newer version of the app in another tab; reload the page");
    this.name = "StoreUpgradedError";
  }
}

const upgradeListeners = new Set<(name: string) => void>();

/** Be told when another tab upgrades the database (offer a reload). Returns the unsubscribe function. */
export function onBlockedByNewVersion(cb: (databaseName: string) => void): () => void {
  upgradeListeners.add(cb);
  return () => upgradeListeners.delete(cb);
}

const CONNECTION_LOST = new Set(["DatabaseClosedError", "InvalidStateError", "UnknownError"]);

function isConnectionLost(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const inner = (e as { inner?: unknown }).inner;
  return CONNECTION_LOST.has(e.name) || (inner instanceof Error && CONNECTION_LOST.has(inner.name));
}

export async function openDexieStore(name = "loket", options: OpenOptions = {}): Promise<DexieStore> {
  const db = new LoketDb(name, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {});
  let upgradedElsewhere = false;
  let closedOnPurpose = false;

  db.on("versionchange", () => {
    upgradedElsewhere = true;
    db.close({ disableAutoOpen: true });
    for (const cb of upgradeListeners) cb(name);
    return false;
  });
  await db.open();

  /** Run one store call; reopen and retry once if the browser dropped the connection. */
  async function run<T>(fn: () => Promise<T>): Promise<T> {
    if (upgradedElsewhere) throw new StoreUpgradedError();
    try {
      return await fn();
    } catch (e) {
      if (upgradedElsewhere) throw new StoreUpgradedError();
      if (closedOnPurpose || !isConnectionLost(e)) throw e;
      if (db.isOpen()) db.close({ disableAutoOpen: false });
      await db.open();
      return fn();
    }
  }

  const writeTables = [db.ops, db.tickets, db.participants, db.meta, db.unreadable];

  /** Refold the given subjects from their held operations. Call inside a rw transaction. */
  async function refold(subjects: ReadonlySet<string>): Promise<void> {
    if (subjects.size === 0) return;
    const rows = await db.ops
      .where("subjectId")
      .anyOf([...subjects])
      .toArray();
    const held = new Map<string, OpRow[]>();
    for (const id of subjects) held.set(id, []);
    for (const row of rows) if (!row.rejected) held.get(row.subjectId)?.push(row);
    const bySubject = new Map<string, Operation[]>();
    for (const [id, subjectRows] of held) {
      const gone = erasedProfileOps(subjectRows);
      if (gone.length > 0) await db.ops.bulkDelete(gone);
      bySubject.set(
        id,
        subjectRows.filter((r) => !gone.includes(r.id)).map((r) => r.op),
      );
    }
    const ticketPuts = [];
    const participantPuts = [];
    const deletes: string[] = [];
    for (const [id, ops] of bySubject) {
      const s = refoldSubject(id, ops);
      if (s.state === null) deletes.push(id);
      else if (s.kind === "ticket") ticketPuts.push(toTicketRow(s.state));
      else participantPuts.push(s.state);
    }
    await db.tickets.bulkPut(ticketPuts);
    await db.participants.bulkPut(participantPuts);
    if (deletes.length > 0) {
      await db.tickets.bulkDelete(deletes);
      await db.participants.bulkDelete(deletes);
    }
  }

  /** Inside a write transaction: note the newest stamp taken in (contract.ts SEEN_CLOCK_KEY). */
  async function markSeen(list: readonly Operation[]): Promise<void> {
    const seen = (await db.meta.get(SEEN_CLOCK_KEY))?.value as string | undefined;
    const newest = newestStamp(seen, list);
    if (newest !== undefined && newest !== seen) await db.meta.put({ key: SEEN_CLOCK_KEY, value: newest });
  }

  /** Store operations made or imported here with the outbox mark; returns how many were new. */
  function addLocal(list: readonly Operation[], proofs: OpProofs = {}): Promise<number> {
    return db.transaction("rw", writeTables, async () => {
      const unique = [...new Map(list.map((op) => [op.id, op])).values()];
      const held = await db.ops.bulkGet(unique.map((op) => op.id));
      const rows: OpRow[] = [];
      const proven: OpRow[] = [];
      unique.forEach((op, i) => {
        const proof = proofs[op.id];
        const row = held[i];
        if (!row)
          rows.push({ id: op.id, op, subjectId: subjectOf(op), hlc: op.hlc, outbox: 1, seq: null, ...(proof ? { proof } : {}) });
        else if (proof && !row.proof) proven.push({ ...row, proof });
      });
      await db.ops.bulkAdd(rows);
      if (proven.length > 0) await db.ops.bulkPut(proven);
      await refold(new Set(rows.map((r) => r.subjectId)));
      await markSeen(unique);
      return rows.length;
    });
  }

  const internals = { db, refold };
  const outboxRange = () => db.ops.where("[outbox+hlc]").between([1, Dexie.minKey], [1, Dexie.maxKey]);

  const store: DexieStore = {
    db,
    close() {
      closedOnPurpose = true;
      db.close();
    },
    appendLocal: (list, proofs) => run(async () => void (await addLocal(list, proofs))),
    importOps: (list, proofs) => run(() => addLocal(list, proofs)),
    proofsOf: (ids) =>
      run(async () => {
        const out: Record<string, OpRow["proof"] & object> = {};
        for (const row of await db.ops.bulkGet([...ids])) if (row?.proof) out[row.id] = row.proof;
        return out;
      }),
    unreadable: () => run(() => db.unreadable.orderBy("seq").toArray()),
    applyPulled: (entries: readonly PulledOp[], cursor: number, unreadable: readonly UnreadableOp[] = []) =>
      run(() =>
        db.transaction("rw", writeTables, async () => {
          if (unreadable.length > 0) await db.unreadable.bulkPut([...unreadable]);
          if (entries.length > 0) await db.unreadable.bulkDelete(entries.map((e) => e.seq));
          const held = await db.ops.bulkGet(entries.map((e) => e.op.id));
          const rows = new Map<string, OpRow>();
          const touched = new Set<string>();
          entries.forEach(({ seq, op }, i) => {
            const row = held[i];
            if (rows.has(op.id)) return;
            if (!row) {
              rows.set(op.id, { id: op.id, op, subjectId: subjectOf(op), hlc: op.hlc, outbox: 0, seq });
              touched.add(subjectOf(op));
            } else if (row.outbox === 1 || row.rejected || row.seq === null) {
              // Our own operation came back (its push answer was lost), or one the
              // server refused us reached it by another way: it is on record now.
              if (row.rejected) touched.add(row.subjectId);
              const { rejected: _r, ...kept } = row;
              rows.set(op.id, { ...kept, outbox: 0, seq });
            }
          });
          await db.ops.bulkPut([...rows.values()]);
          await refold(touched);
          await markSeen(entries.map((e) => e.op));
          const current = ((await db.meta.get("cursor"))?.value as number | undefined) ?? 0;
          if (cursor > current) await db.meta.put({ key: "cursor", value: cursor });
        }),
      ),
    outbox: (limit) => run(async () => (await outboxRange().limit(limit).toArray()).map((r) => r.op)),
    outboxCount: () => run(() => outboxRange().count()),
    markAcknowledged: (acks) =>
      run(() =>
        db.transaction("rw", writeTables, async () => {
          const held = await db.ops.bulkGet(acks.map((a) => a.id));
          const rows: OpRow[] = [];
          acks.forEach(({ seq }, i) => {
            const row = held[i];
            if (row && row.outbox === 1) rows.push({ ...row, outbox: 0, seq });
          });
          await db.ops.bulkPut(rows);
          // an erasure the server accepted: now the profile goes for good
          await refold(new Set(rows.filter((r) => r.op.type === "participant.erased").map((r) => r.subjectId)));
        }),
      ),
    markRejected: (rejections) =>
      run(() =>
        db.transaction("rw", writeTables, async () => {
          const held = await db.ops.bulkGet(rejections.map((r) => r.id));
          const listed = [...(((await db.meta.get("rejected"))?.value as RejectedOp[] | undefined) ?? [])];
          const rows: OpRow[] = [];
          rejections.forEach(({ id, reason }, i) => {
            const row = held[i];
            if (!row || row.outbox === 0) return;
            rows.push({ ...row, outbox: 0, rejected: reason });
            listed.push({ id, type: row.op.type, subjectId: row.subjectId, hlc: row.hlc, reason });
          });
          await db.ops.bulkPut(rows);
          await refold(new Set(rows.map((r) => r.subjectId)));
          await db.meta.put({ key: "rejected", value: listed });
        }),
      ),
    cursor: () => run(async () => ((await db.meta.get("cursor"))?.value as number | undefined) ?? 0),
    rewind: (base, mine) =>
      run(() =>
        db.transaction("rw", writeTables, async () => {
          // rare (a restored server): a scan of the operations is fine
          const held = await db.ops.where("[outbox+hlc]").between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray();
          const rows = held.filter((r) => !r.rejected && (r.seq === null || r.seq > base) && mine(r.op));
          await db.ops.bulkPut(rows.map((r) => ({ ...r, outbox: 1 as const, seq: null })));
          const lost = held.filter((r) => lostServerOp(r, base));
          await db.ops.bulkDelete(lost.map((r) => r.id));
          await refold(new Set(lost.map((r) => r.subjectId)));
          const current = ((await db.meta.get("cursor"))?.value as number | undefined) ?? 0;
          if (current > base) await db.meta.put({ key: "cursor", value: base });
          return rows.length;
        }),
      ),

    ticket: (id) => run(async () => mapRow(await db.tickets.get(id))),
    waitingLine: (domain: DomainCode) =>
      run(async () =>
        (
          await db.tickets
            .where("[domain+status+lineKey]")
            .between([domain, "waiting", Dexie.minKey], [domain, "waiting", Dexie.maxKey])
            .toArray()
        )
          .filter((t) => t.known)
          .map(fromTicketRow),
      ),
    ticketsOfParticipant: (participantId) =>
      run(async () => (await db.tickets.where("participantId").equals(participantId).toArray()).map(fromTicketRow)),
    ticketsCreatedBy: (deviceId) =>
      run(async () => (await db.tickets.where("createdBy").equals(deviceId).toArray()).map(fromTicketRow)),
    allTickets: () => run(async () => (await db.tickets.toArray()).map(fromTicketRow)),
    participant: (id) => run(() => db.participants.get(id)),
    allParticipants: () => run(() => db.participants.toArray()),
    operationsOf: (subjectId) =>
      run(async () =>
        (await db.ops.where("subjectId").equals(subjectId).toArray())
          .filter((r) => !r.rejected)
          .map((r) => r.op)
          .sort(compareOps),
      ),
    allOperations: () =>
      run(async () =>
        (await db.ops.toArray())
          .filter((r) => !r.rejected)
          .map((r) => r.op)
          .sort(compareOps),
      ),
    // desk and organizer only: loaded when first used, off the participant's first visit
    forgetProfiles: (pick) => run(async () => (await import("./dexie-privacy.ts")).forgetProfiles(internals, pick)),
    redactErased: () => run(async () => (await import("./dexie-privacy.ts")).redactErased(internals)),
    recallForgottenProfiles: () =>
      run(() =>
        db.transaction("rw", [db.meta], async () => {
          if (!(await db.meta.get(PROFILES_FORGOTTEN_KEY))?.value) return false;
          await db.meta.bulkPut([
            { key: "cursor", value: 0 },
            { key: PROFILES_FORGOTTEN_KEY, value: false },
          ]);
          return true;
        }),
      ),
    addReservedBlock: (block) =>
      run(() =>
        db.transaction("rw", [db.meta], async () => {
          const held = ((await db.meta.get(RESERVED_NUMBERS_KEY))?.value as ReservedBlock[] | undefined) ?? [];
          await db.meta.put({ key: RESERVED_NUMBERS_KEY, value: withBlock(held, block) });
        }),
      ),
    takeReservedNumber: (domain) =>
      run(() =>
        // one readwrite transaction on meta: IndexedDB runs it alone, across tabs too
        db.transaction("rw", [db.meta], async () => {
          const held = ((await db.meta.get(RESERVED_NUMBERS_KEY))?.value as ReservedBlock[] | undefined) ?? [];
          const taken = takeNumber(held, domain);
          if (!taken) return null;
          await db.meta.put({ key: RESERVED_NUMBERS_KEY, value: taken.blocks });
          return taken.number;
        }),
      ),
    reservedBlocks: () =>
      run(async () =>
        (((await db.meta.get(RESERVED_NUMBERS_KEY))?.value as ReservedBlock[] | undefined) ?? []).filter((b) => b.next <= b.to),
      ),
    getMeta: <T>(key: string) => run(async () => (await db.meta.get(key))?.value as T | undefined),
    setMeta: <T>(key: string, value: T) => run(async () => void (await db.meta.put({ key, value }))),
    clear: () =>
      run(() =>
        db.transaction("rw", writeTables, async () => {
          const pending = await outboxRange().count();
          if (pending > 0) throw new UnsyncedChangesError(pending);
          await Promise.all([db.ops, db.tickets, db.participants, db.unreadable].map((t) => t.clear()));
          await db.meta
            .where("key")
            .noneOf([...KEPT_ON_CLEAR])
            .delete();
        }),
      ),
  };
  return store;
}

function mapRow(row: Parameters<typeof fromTicketRow>[0] | undefined) {
  return row && fromTicketRow(row);
}
