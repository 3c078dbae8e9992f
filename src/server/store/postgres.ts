import { randomUUID } from "node:crypto";
import pg from "pg";
import * as v from "valibot";
import type { DomainCode } from "../../core/domain.ts";
import { domainWhen } from "../../core/domain-at.ts";
import { EventSchema } from "../../core/event.ts";
import { newId } from "../../core/ids.ts";
import { isTicketOp, type Operation, subjectOf, type TicketOperation } from "../../core/operation.ts";
import type { ServerHistory } from "../../core/protocol.ts";
import { PARTICIPANT_TEXT_TYPES, withoutParticipantText } from "../../core/redaction.ts";
import { ERASED_REASON, serverErasure } from "../privacy.ts";
import { keptDomainAt, moveOn, readKept, refold } from "./kept-fold.ts";
import {
  MAX_NUMBER,
  NumbersUsedUpError,
  nextBlock,
  numberAssigned,
  numbersUsedUp,
  parseNumber,
  ServerClock,
} from "./numbering.ts";
import { MIGRATIONS_LOCK, POSTGRES_MIGRATIONS } from "./postgres-migrations.ts";
import {
  type BindingRow,
  bindingOf,
  codesOf,
  type DeviceRow,
  deviceStatusOf,
  type HeldRow,
  heldTicketOf,
  latestProfiles,
  otherEventReason,
  type PushSubRow,
  pushSubOf,
  type TokenRow,
  tokenRecordOf,
} from "./rows.ts";
import type {
  HeldTicket,
  PullPage,
  PurgeOutcome,
  PushContext,
  PushOutcome,
  StoredResult,
  SyncStore,
  TicketFacts,
} from "./types.ts";

/**
 * The central store: PostgreSQL, shared by any number of server instances.
 *
 * Same contract and same outcomes as the SQLite store (sqlite.ts), operation
 * for operation. What SQLite gets from having one writer, this store gets from
 * a lock: every write to an event (a push, a number block, the event's codes)
 * first locks the event's row in `event_log`, inside its transaction, and
 * holds it until commit. So, for one event:
 * - pushes run one at a time across all instances, and `seq` is given from
 *   `event_log.last_seq` under the lock: a transaction that takes seq N has
 *   seen every transaction with a lower seq committed, and the next one cannot
 *   take the lock before this one's commit is visible (PostgreSQL makes a
 *   commit visible before it releases the locks). A pull after cursor N can
 *   therefore never later find an operation at or below N;
 * - queue numbers come from counters read and written under the same lock,
 *   with the (event, domain, number) primary key as a second guard;
 * - duplicates are looked up after the lock is taken, so a batch retried
 *   through another instance while the first attempt is still committing is
 *   seen as duplicate, never stored twice.
 * Events do not wait for each other: clinics in different provinces push in
 * parallel. Why a row lock rather than a sequence: see docs/ARCHITECTURE.md.
 *
 * A push reads what it needs for the whole batch in a few queries, decides in
 * memory exactly as sqlite.ts does, and writes in a few bulk statements.
 *
 * The client is node-postgres (`pg`): a transaction checks a connection out
 * of the pool, runs BEGIN … COMMIT on it alone and gives it back. (The
 * `postgres` package was tried first; its 3.4.9 can send a `sql.begin()`'s
 * BEGIN on a connection another transaction holds under concurrent load,
 * porsager/postgres#823 and #1204, which for this store would mean one push
 * committing another's half-done writes.)
 */
export type Db = pg.Pool;
export type Tx = pg.PoolClient;
type Queryable = pg.Pool | pg.PoolClient;

export interface PostgresStore extends SyncStore {
  /** the connection pool, shared with the LISTEN/NOTIFY notifier and the SQLite import */
  readonly db: Db;
  /** the id of the deployment this database belongs to (see scripts/import-sqlite.ts) */
  deploymentId(): Promise<string>;
}

export interface PostgresOptions {
  /** the deployment id to record in a new database; a database that has another one is refused */
  deploymentId?: string;
  /** connections in the pool (10) */
  max?: number;
}

/** BIGINT is read as a JS number: sequence numbers and ms times stay far below 2^53. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

export function connectPostgres(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, types: typeParsers });
  // Every query of this store reads a few rows by key, or a pull page in key
  // order. Right after an event was loaded (a busy morning, an import), the
  // planner has no statistics yet and, without this, answers each pull page
  // with a bitmap scan of the whole rest of the event and a sort: pages get
  // slower as the event grows (measured: 34 ms instead of 2.6 ms a page at
  // 100,000 operations). A SET, not a startup option, so that poolers such as
  // PgBouncer accept the connection.
  pool.on("connect", (client) => {
    client.query("SET enable_bitmapscan = off").catch(() => {});
  });
  // An idle connection that the server drops is replaced on next use; without a
  // listener its error would end the process.
  pool.on("error", () => {});
  return pool;
}

/** The participants' own words leave the stored operations of their tickets (privacy.ts). */
async function redactOwners(tx: Tx, eventId: string, participantIds: readonly string[]): Promise<void> {
  const found = await rows<{ id: string; json: string }>(
    tx,
    `SELECT o.id, o.json FROM tickets t JOIN ops o ON o.event_id = t.event_id AND o.subject = t.ticket_id
     WHERE t.event_id = $1 AND t.owner = ANY($2::text[]) AND o.type = ANY($3::text[])`,
    [eventId, [...participantIds], [...PARTICIPANT_TEXT_TYPES]],
  );
  const changed = found.flatMap((r) => {
    const op = JSON.parse(r.json) as Operation;
    const cut = withoutParticipantText(op);
    return cut === op ? [] : [{ id: r.id, json: JSON.stringify(cut) }];
  });
  if (changed.length === 0) return;
  await tx.query(
    `UPDATE ops SET json = u.json FROM unnest($2::text[], $3::text[]) AS u(id, json)
     WHERE ops.event_id = $1 AND ops.id = u.id`,
    [eventId, changed.map((c) => c.id), changed.map((c) => c.json)],
  );
}

/** The rows of one query. */
export async function rows<T extends pg.QueryResultRow>(db: Queryable, text: string, values: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(text, values)).rows;
}

/** Runs `fn` in a transaction on a connection of its own; rolls back if it throws. */
export async function transaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch((err: Error) => {
      broken = err;
    });
    throw e;
  } finally {
    // a connection that could not even roll back is closed, not reused
    client.release(broken);
  }
}

/**
 * The server's id and history epoch, kept in `meta` and shared by every
 * instance. The epoch changes only when an operator deletes it after a restore
 * (`DELETE FROM meta WHERE key = 'history_epoch'`): the next instance to start
 * begins a new one, based at 0 because sequence numbers are per event, so that
 * devices push again what they made and pull everything again.
 */
async function historyOf(db: Db): Promise<ServerHistory> {
  return transaction(db, async (tx) => {
    await tx.query("INSERT INTO meta (key, value) VALUES ('server_id', $1), ('history_epoch', $2) ON CONFLICT (key) DO NOTHING", [
      newId(),
      newId(),
    ]);
    const got = await rows<{ key: string; value: string }>(
      tx,
      "SELECT key, value FROM meta WHERE key IN ('server_id', 'history_epoch')",
    );
    const value = (key: string) => got.find((r) => r.key === key)?.value ?? "";
    return { serverId: value("server_id"), epoch: value("history_epoch"), base: 0 };
  });
}

/** Runs the migrations not yet recorded in `schema_migrations`, under an advisory lock, in one transaction. */
export async function migratePostgres(db: Db, deploymentId?: string): Promise<string> {
  return transaction(db, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATIONS_LOCK]);
    await tx.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    );
    const done = await rows<{ version: number }>(tx, "SELECT version FROM schema_migrations ORDER BY version");
    const current = done.at(-1)?.version ?? 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new Error(
        `the database has schema version ${current}, newer than this server (${POSTGRES_MIGRATIONS.length}): update the server`,
      );
    }
    for (const [i, text] of POSTGRES_MIGRATIONS.entries()) {
      const version = i + 1;
      if (version <= current) continue;
      await tx.query(text);
      await tx.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
    }
    await tx.query("INSERT INTO meta (key, value) VALUES ('deployment_id', $1) ON CONFLICT (key) DO NOTHING", [
      deploymentId ?? randomUUID(),
    ]);
    const [row] = await rows<{ value: string }>(tx, "SELECT value FROM meta WHERE key = 'deployment_id'");
    const stored = row?.value ?? "";
    if (deploymentId && stored !== deploymentId) {
      throw new Error(`this database belongs to deployment "${stored}", not "${deploymentId}" (LOKET_DEPLOYMENT_ID)`);
    }
    return stored;
  });
}

interface TicketRow {
  known: boolean;
  owner: string | null;
  domain: string | null;
  transferred: boolean;
  /** a transferred ticket's kept fold (kept-fold.ts), JSON, or null */
  fold: string | null;
}

/** Takes the event's write lock for the rest of the transaction; returns its log row. */
export async function lockEvent(tx: Tx, eventId: string): Promise<{ last_seq: number; last_server_hlc: string | null }> {
  const [row] = await rows<{ last_seq: number; last_server_hlc: string | null }>(
    tx,
    `INSERT INTO event_log (event_id) VALUES ($1)
     ON CONFLICT (event_id) DO UPDATE SET event_id = excluded.event_id
     RETURNING last_seq, last_server_hlc`,
    [eventId],
  );
  if (!row) throw new Error(`could not lock event ${eventId}`);
  return row;
}

export async function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
  const db = connectPostgres(url, opts.max);
  let deployment: string;
  let history: ServerHistory;
  try {
    deployment = await migratePostgres(db, opts.deploymentId);
    history = await historyOf(db);
  } catch (e) {
    await db.end().catch(() => {});
    throw e;
  }

  /**
   * Group commit, as in sqlite.ts: the pushes of an event that arrive while
   * this instance is writing that event wait and then go together, in arrival
   * order, in one transaction: one lock, one read-ahead, one write for all of
   * them. Each is decided exactly as if it ran alone after the ones before it,
   * and answered only after the commit. If the group fails, each push is run
   * again alone, so that one bad push fails alone.
   */
  interface PendingPush {
    ops: readonly Operation[];
    ctx: PushContext;
    resolve: (o: PushOutcome) => void;
    reject: (e: unknown) => void;
  }
  const GROUP_MAX_OPS = 5000;
  const queues = new Map<string, PendingPush[]>();

  function push(ops: readonly Operation[], ctx: PushContext): Promise<PushOutcome> {
    if (ops.length === 0) return Promise.resolve({ results: [], lastSeq: null });
    return new Promise((resolve, reject) => {
      const queue = queues.get(ctx.eventId);
      if (queue) {
        queue.push({ ops, ctx, resolve, reject });
        return;
      }
      queues.set(ctx.eventId, [{ ops, ctx, resolve, reject }]);
      void drain(ctx.eventId);
    });
  }

  async function drain(eventId: string): Promise<void> {
    const queue = queues.get(eventId) ?? [];
    while (queue.length > 0) {
      const jobs: PendingPush[] = [];
      let size = 0;
      while (queue.length > 0 && (jobs.length === 0 || size + (queue[0]?.ops.length ?? 0) <= GROUP_MAX_OPS)) {
        const job = queue.shift() as PendingPush;
        jobs.push(job);
        size += job.ops.length;
      }
      try {
        const outcomes = await pushGroup(eventId, jobs);
        for (const [i, job] of jobs.entries()) job.resolve(outcomes[i] as PushOutcome);
      } catch (e) {
        if (jobs.length === 1) jobs[0]?.reject(e);
        else {
          for (const job of jobs) {
            await pushGroup(eventId, [job]).then(
              ([outcome]) => job.resolve(outcome as PushOutcome),
              (err: unknown) => job.reject(err),
            );
          }
        }
      }
    }
    queues.delete(eventId);
  }

  async function pushGroup(eventId: string, jobs: readonly PendingPush[]): Promise<PushOutcome[]> {
    const ops = jobs.flatMap((j) => j.ops);
    return transaction(db, async (tx) => {
      const log = await lockEvent(tx, eventId);
      const clock = new ServerClock(log.last_server_hlc);
      let seq = log.last_seq;
      let serverHlc = log.last_server_hlc;

      // Everything the batch's decisions need, read after the lock.
      const ids = ops.map((o) => o.id);
      const ticketIds = [...new Set(ops.filter(isTicketOp).map((o) => o.ticketId))];
      // the participants the batch names, and its senders (whose own tickets they edit and rate): read ahead
      const participantIds = [
        ...new Set(
          ops.flatMap((o) => [
            ...("participantId" in o && typeof o.participantId === "string" ? [o.participantId] : []),
            ...(o.actor.participantId ? [o.actor.participantId] : []),
          ]),
        ),
      ];
      const reserved = ops.flatMap((o) => (o.type === "ticket.created" && o.reservedNumber ? [o] : []));
      // One round trip while the lock is held: each list comes back as JSON.
      const [ahead] = await rows<{
        dups: [string, number][];
        tickets: [string, boolean, string | null, string | null, boolean, string | null][];
        numbered: [string, string][];
        device_participants: string[];
        erased: string[];
        counters: [string, number][];
        blocks: [string, string, number, number][];
        taken: [string, number][];
      }>(
        tx,
        `SELECT
           (SELECT coalesce(json_agg(json_build_array(id, seq)), '[]') FROM ops WHERE id = ANY($1::text[])) AS dups,
           (SELECT coalesce(json_agg(json_build_array(ticket_id, known, owner, domain, transferred, fold)), '[]')
              FROM tickets WHERE event_id = $2 AND ticket_id = ANY($3::text[])) AS tickets,
           (SELECT coalesce(json_agg(json_build_array(ticket_id, domain)), '[]')
              FROM numbers WHERE event_id = $2 AND ticket_id = ANY($3::text[])) AS numbered,
           (SELECT coalesce(json_agg(participant_id), '[]')
              FROM participants WHERE event_id = $2 AND participant_id = ANY($4::text[])) AS device_participants,
           (SELECT coalesce(json_agg(DISTINCT subject), '[]')
              FROM ops WHERE event_id = $2 AND subject = ANY($4::text[]) AND type = 'participant.erased') AS erased,
           (SELECT coalesce(json_agg(json_build_array(domain, next)), '[]') FROM counters WHERE event_id = $2) AS counters,
           (SELECT coalesce(json_agg(json_build_array(domain, device_id, first, last)), '[]')
              FROM blocks WHERE event_id = $2) AS blocks,
           (SELECT coalesce(json_agg(json_build_array(domain, number)), '[]')
              FROM numbers WHERE event_id = $2 AND number = ANY($5::int[])) AS taken`,
        [ids, eventId, ticketIds, participantIds, reserved.map((o) => parseNumber(o.reservedNumber ?? "")?.n ?? -1)],
      );
      if (!ahead) throw new Error("the push's read-ahead returned nothing");
      const dupRows = ahead.dups.map(([id, seq]) => ({ id, seq }));
      const ticketRows = ahead.tickets.map(([ticket_id, known, owner, domain, transferred, fold]) => ({
        ticket_id,
        known,
        owner,
        domain,
        transferred,
        fold,
      }));
      const numberRows = ahead.numbered.map(([ticket_id, domain]) => ({ ticket_id, domain }));
      const participantRows = ahead.device_participants.map((participant_id) => ({ participant_id }));
      const erasedRows = ahead.erased.map((subject) => ({ subject }));
      const counterRows = ahead.counters.map(([domain, next]) => ({ domain, next }));
      const blockRows = ahead.blocks.map(([domain, device_id, first, last]) => ({ domain, device_id, first, last }));
      const takenRows = ahead.taken.map(([domain, number]) => ({ domain, number }));
      const stored = new Map(dupRows.map((r) => [r.id, r.seq]));
      const tickets = new Map<string, TicketRow>(ticketRows.map(({ ticket_id, ...row }) => [ticket_id, row]));
      const touched = new Set<string>();
      const numbered = new Set(numberRows.map((r) => `${r.ticket_id}:${r.domain}`));
      const taken = new Set(takenRows.map((r) => `${r.domain}:${r.number}`));
      const deviceParticipants = new Set(participantRows.map((r) => r.participant_id));
      const counters = new Map(counterRows.map((r) => [r.domain, r.next]));
      const changedCounters = new Set<string>();
      const erased = new Set(erasedRows.map((r) => r.subject));
      /** participants erased by this batch: their stored profiles are deleted at the end */
      const erasedNow = new Set<string>();
      /** owners whose ticket creation arrived after other operations of it, once they were erased */
      const cutLate = new Set<string>();

      const newOps: { seq: number; id: string; subject: string; type: string; hlc: string; json: string }[] = [];
      const newNumbers: { domain: string; number: number; ticketId: string }[] = [];
      const pendingOf = new Map<string, Operation[]>();

      const insertOp = (op: Operation): number => {
        seq += 1;
        stored.set(op.id, seq);
        newOps.push({ seq, id: op.id, subject: subjectOf(op), type: op.type, hlc: op.hlc, json: JSON.stringify(op) });
        if (isTicketOp(op)) pendingOf.set(op.ticketId, [...(pendingOf.get(op.ticketId) ?? []), op]);
        return seq;
      };

      // every block of the event (a few per desk): the device's own confirm its numbers, and the counter steps over all
      const holdsBlock = (deviceId: string, domain: string, n: number) =>
        blockRows.some((b) => b.device_id === deviceId && b.domain === domain && b.first <= n && b.last >= n);
      const inAnyBlock = (domain: string, n: number) => blockRows.some((b) => b.domain === domain && b.first <= n && b.last >= n);

      /** A number of the creating device's block, unused: confirmed as it is. */
      const reservedHeld = (cause: Operation, domain: DomainCode): number | null => {
        if (cause.type !== "ticket.created" || !cause.reservedNumber || cause.domain !== domain) return null;
        const r = parseNumber(cause.reservedNumber);
        return r && r.domain === domain && holdsBlock(cause.actor.deviceId, domain, r.n) && !taken.has(`${domain}:${r.n}`)
          ? r.n
          : null;
      };

      const ensureNumber = (cause: Operation, ticketId: string, domain: DomainCode, now: number): number | null => {
        if (numbered.has(`${ticketId}:${domain}`)) return null;
        // A number handed out offline from this device's block is confirmed
        // as it is, unless it is not this device's or was already used.
        let n = reservedHeld(cause, domain);
        if (n === null) {
          n = counters.get(domain) ?? 1;
          while (inAnyBlock(domain, n)) n++;
          counters.set(domain, n + 1);
          changedCounters.add(domain);
        }
        if (n > MAX_NUMBER) throw new NumbersUsedUpError(domain); // the push refuses such operations first
        numbered.add(`${ticketId}:${domain}`);
        taken.add(`${domain}:${n}`);
        newNumbers.push({ domain, number: n, ticketId });
        const stamp = clock.after(cause.hlc, now);
        serverHlc = stamp;
        return insertOp(numberAssigned(eventId, ticketId, domain, n, stamp));
      };

      /** every operation of the ticket: those committed, and those of this batch so far */
      const historyOf = async (ticketId: string): Promise<Operation[]> => {
        const committed = await rows<{ json: string }>(tx, "SELECT json FROM ops WHERE event_id = $1 AND subject = $2", [
          eventId,
          ticketId,
        ]);
        return [...committed.map((r) => JSON.parse(r.json) as Operation), ...(pendingOf.get(ticketId) ?? [])];
      };

      const factsOf = async (row: TicketRow | undefined, op: Operation): Promise<TicketFacts | null> => {
        if (!row) return null;
        let domain = (row.domain as DomainCode | null) ?? null;
        // A transferred ticket: a desk is authorized by the domain the ticket was in
        // when (in clock order) it acted, not by where it is now (core/domain-at.ts):
        // the kept fold's when the action comes after all it holds, else from the history.
        if (row.transferred && row.known && isTicketOp(op) && op.actor.role === "desk") {
          domain = keptDomainAt(readKept(row.fold), op) ?? domainWhen(await historyOf(op.ticketId), op) ?? domain;
        }
        return { known: row.known, owner: row.owner, domain };
      };

      /** Keeps the ticket's row and numbers up to date after one of its operations (as sqlite.ts afterTicketOp). */
      const afterTicketOp = async (op: TicketOperation, row: TicketRow | undefined, now: number): Promise<number | null> => {
        const next: TicketRow = row ? { ...row } : { known: false, owner: null, domain: null, transferred: false, fold: null };
        let last: number | null = null;
        if (op.type === "ticket.created") {
          next.known = true;
          next.owner = op.participantId;
          next.domain = op.domain;
        } else if (!next.known && next.owner === null && op.actor.role === "participant") {
          // arrived before its creation: its sender is the provisional owner
          next.owner = op.actor.participantId ?? null;
        }
        if (op.type === "ticket.transferred") next.transferred = true;
        if (next.known && next.transferred) {
          // The fold decides whether a transfer took effect; it is kept with the
          // ticket and moved on operation by operation (kept-fold.ts), where it
          // was folded again from the whole history at every operation.
          let kept = moveOn(readKept(next.fold), op);
          if (kept === "refold") kept = refold(await historyOf(op.ticketId));
          if (kept) {
            next.domain = kept.state.domain;
            next.fold = JSON.stringify(kept);
          }
        }
        tickets.set(op.ticketId, next);
        touched.add(op.ticketId);
        if (op.type === "ticket.created") last = ensureNumber(op, op.ticketId, op.domain, now) ?? last;
        if (next.known && next.transferred && next.domain)
          last = ensureNumber(op, op.ticketId, next.domain as DomainCode, now) ?? last;
        return last;
      };

      const isErased = async (participantId: string): Promise<boolean> => {
        if (erased.has(participantId)) return true;
        if (participantIds.includes(participantId)) return false; // read ahead: not erased
        return (
          (
            await rows(tx, "SELECT 1 FROM ops WHERE event_id = $1 AND subject = $2 AND type = 'participant.erased' LIMIT 1", [
              eventId,
              participantId,
            ])
          ).length > 0
        );
      };

      const isDeviceParticipant = (participantId: string): boolean => {
        if (!participantIds.includes(participantId)) {
          // Read ahead are the participant ids the batch's operations carry; authorization asks about no other.
          throw new Error(`participant ${participantId} was not read ahead for this push`);
        }
        return deviceParticipants.has(participantId);
      };

      const outcomes: PushOutcome[] = [];
      for (const { ops: batch, ctx } of jobs) {
        const results: StoredResult[] = [];
        let lastSeq: number | null = null;
        for (const op of batch) {
          const dup = stored.get(op.id);
          if (dup !== undefined) {
            results.push({ id: op.id, status: "duplicate", seq: dup });
            continue;
          }
          if (op.eventId !== eventId) {
            results.push({ id: op.id, status: "rejected", reason: otherEventReason(op) });
            continue;
          }
          const row = isTicketOp(op) ? tickets.get(op.ticketId) : undefined;
          const reason =
            op.type === "participant.registered" && erased.has(op.participantId)
              ? ERASED_REASON
              : (ctx.authorize(op, await factsOf(row, op), isDeviceParticipant) ??
                numbersUsedUp(
                  op,
                  (d) => counters.get(d) ?? 1,
                  op.type === "ticket.created" && reservedHeld(op, op.domain) !== null,
                ));
          if (reason !== null) {
            results.push({ id: op.id, status: "rejected", reason });
            continue;
          }
          // words for the ticket of a participant already erased are stored without them
          const cut = withoutParticipantText(op);
          const owner = op.type === "ticket.created" ? op.participantId : (row?.owner ?? null);
          const s = insertOp(cut !== op && owner !== null && (await isErased(owner)) ? cut : op);
          lastSeq = s;
          if (op.type === "participant.erased") {
            // the profile leaves the server in the same transaction (privacy.ts): those of this batch at once
            erased.add(op.participantId);
            erasedNow.add(op.participantId);
            for (let i = newOps.length - 1; i >= 0; i--) {
              const o = newOps[i];
              if (o && o.type === "participant.registered" && o.subject === op.participantId) {
                stored.delete(o.id);
                newOps.splice(i, 1);
              }
            }
          }
          if (isTicketOp(op)) lastSeq = (await afterTicketOp(op, row, ctx.now)) ?? lastSeq;
          // the creation names its owner: an erased one's words stored before it arrived go too
          if (op.type === "ticket.created" && row && op.participantId !== null && (await isErased(op.participantId)))
            cutLate.add(op.participantId);
          results.push({ id: op.id, status: "accepted", seq: s });
        }
        outcomes.push({ results, lastSeq });
      }

      if (newOps.length > 0) {
        // One statement for every write of the batch, then COMMIT: the lock is held for four round trips in all.
        const col = <T, K extends keyof T>(xs: T[], k: K) => xs.map((x) => x[k]);
        const ticketList = [...touched].map((id) => ({ id, ...(tickets.get(id) as TicketRow) }));
        const domains = [...changedCounters];
        await tx.query(
          `WITH
             o AS (INSERT INTO ops (event_id, seq, id, subject, type, hlc, json)
                   SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])),
             t AS (INSERT INTO tickets (event_id, ticket_id, known, owner, domain, transferred, fold)
                   SELECT $1, * FROM unnest($8::text[], $9::boolean[], $10::text[], $11::text[], $12::boolean[], $13::text[])
                   ON CONFLICT (event_id, ticket_id) DO UPDATE SET known = excluded.known, owner = excluded.owner,
                     domain = excluded.domain, transferred = excluded.transferred, fold = excluded.fold),
             n AS (INSERT INTO numbers (event_id, domain, number, ticket_id)
                   SELECT $1, * FROM unnest($14::text[], $15::int[], $16::text[])),
             c AS (INSERT INTO counters (event_id, domain, next) SELECT $1, * FROM unnest($17::text[], $18::int[])
                   ON CONFLICT (event_id, domain) DO UPDATE SET next = excluded.next),
             d AS (DELETE FROM ops WHERE event_id = $1 AND subject = ANY($19::text[]) AND type = 'participant.registered')
           UPDATE event_log SET last_seq = $20, last_server_hlc = $21 WHERE event_id = $1`,
          [
            eventId,
            ...(["seq", "id", "subject", "type", "hlc", "json"] as const).map((k) => col(newOps, k)),
            ...(["id", "known", "owner", "domain", "transferred", "fold"] as const).map((k) => col(ticketList, k)),
            ...(["domain", "number", "ticketId"] as const).map((k) => col(newNumbers, k)),
            domains,
            domains.map((d) => counters.get(d) ?? 1),
            // the registered operations of this batch were dropped already; the DELETE sees the stored ones
            [...erasedNow],
            seq,
            serverHlc,
          ],
        );
        // and their words, stored before or earlier in this batch (privacy.ts)
        if (erasedNow.size + cutLate.size > 0) await redactOwners(tx, eventId, [...new Set([...erasedNow, ...cutLate])]);
      }
      return outcomes;
    });
  }

  let closed = false;
  const store: PostgresStore = {
    db,
    async deploymentId() {
      return deployment;
    },
    async history() {
      return history;
    },
    async savePushSubscription(sub) {
      const r = await db.query(
        `INSERT INTO push_subscriptions (event_id, endpoint, participant_id, p256dh, auth, lang, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (event_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
           lang = excluded.lang, created_at = excluded.created_at
         WHERE push_subscriptions.participant_id = excluded.participant_id`,
        [sub.eventId, sub.endpoint, sub.participantId, sub.p256dh, sub.auth, sub.lang, sub.createdAt],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async deletePushSubscription(eventId, endpoint, participantId) {
      const r =
        participantId === null
          ? await db.query("DELETE FROM push_subscriptions WHERE event_id = $1 AND endpoint = $2", [eventId, endpoint])
          : await db.query("DELETE FROM push_subscriptions WHERE event_id = $1 AND endpoint = $2 AND participant_id = $3", [
              eventId,
              endpoint,
              participantId,
            ]);
      return (r.rowCount ?? 0) > 0;
    },
    async pushSubscriptionsOf(eventId, participantIds) {
      const list = participantIds
        ? await rows<PushSubRow>(
            db,
            "SELECT * FROM push_subscriptions WHERE event_id = $1 AND participant_id = ANY($2::text[])",
            [eventId, [...participantIds]],
          )
        : await rows<PushSubRow>(db, "SELECT * FROM push_subscriptions WHERE event_id = $1", [eventId]);
      return list.map((r) => pushSubOf({ ...r, created_at: Number(r.created_at) }));
    },
    async ticketOwner(eventId, ticketId) {
      const [row] = await rows<{ owner: string | null }>(db, "SELECT owner FROM tickets WHERE event_id = $1 AND ticket_id = $2", [
        eventId,
        ticketId,
      ]);
      return row?.owner ?? null;
    },
    async ticketOps(eventId, ticketId) {
      const list = await rows<{ json: string }>(db, "SELECT json FROM ops WHERE event_id = $1 AND subject = $2", [
        eventId,
        ticketId,
      ]);
      return list.map((r) => JSON.parse(r.json) as Operation);
    },
    async lineOps(eventId, domain) {
      const list = await rows<{ json: string }>(
        db,
        `SELECT o.json FROM tickets t JOIN ops o ON o.event_id = t.event_id AND o.subject = t.ticket_id
         WHERE t.event_id = $1 AND t.domain = $2 AND t.known AND NOT EXISTS (
           SELECT 1 FROM ops c WHERE c.event_id = t.event_id AND c.subject = t.ticket_id
             AND c.type IN ('ticket.cancelled', 'ticket.closed'))`,
        [eventId, domain],
      );
      return list.map((r) => JSON.parse(r.json) as Operation);
    },
    async markPushSent(eventId, ticketId, kind) {
      const r = await db.query("INSERT INTO push_sent (event_id, ticket_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [
        eventId,
        ticketId,
        kind,
      ]);
      return (r.rowCount ?? 0) > 0;
    },
    async getEvent(eventId) {
      const [row] = await rows<{ json: string }>(db, "SELECT json FROM events WHERE id = $1", [eventId]);
      return row ? v.parse(EventSchema, JSON.parse(row.json)) : null;
    },
    async putEvent(event, codes) {
      await transaction(db, async (tx) => {
        await tx.query(
          "INSERT INTO events (id, json, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
          [event.id, JSON.stringify(event), Date.now()],
        );
        // under the event's lock, so two instances seeding at once do not collide on the codes
        await lockEvent(tx, event.id);
        await tx.query("DELETE FROM event_codes WHERE event_id = $1", [event.id]);
        const list = [
          { kind: "participant", desk: "", code: codes.participantCode },
          { kind: "organizer", desk: "", code: codes.organizerCode },
          ...Object.entries(codes.deskCodes).map(([desk, code]) => ({ kind: "desk", desk, code })),
        ];
        await tx.query(
          "INSERT INTO event_codes (event_id, kind, desk_id, code) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])",
          [event.id, list.map((c) => c.kind), list.map((c) => c.desk), list.map((c) => c.code)],
        );
      });
    },
    async getCodes(eventId) {
      const list = await rows<{ kind: string; desk_id: string; code: string }>(
        db,
        "SELECT kind, desk_id, code FROM event_codes WHERE event_id = $1",
        [eventId],
      );
      return codesOf(list);
    },
    async participantIdFor(eventId, deviceId, fresh) {
      const [row] = await rows<{ participant_id: string }>(
        db,
        `WITH added AS (
           INSERT INTO participants (event_id, device_id, participant_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING participant_id
         )
         SELECT participant_id FROM added
         UNION ALL
         SELECT participant_id FROM participants WHERE event_id = $1 AND device_id = $2`,
        [eventId, deviceId, fresh()],
      );
      if (!row) throw new Error("no participant id could be given");
      return row.participant_id;
    },
    async deviceOf(eventId, deviceId) {
      const [row] = await rows<BindingRow & { participant_id: string | null }>(
        db,
        `SELECT b.role, b.desk_id, b.public_key, p.participant_id FROM device_bindings b
         LEFT JOIN participants p ON p.event_id = b.event_id AND p.device_id = b.device_id
         WHERE b.event_id = $1 AND b.device_id = $2`,
        [eventId, deviceId],
      );
      return row ? { binding: bindingOf(row), participantId: row.participant_id } : null;
    },
    async bindDevice(eventId, deviceId, b) {
      const [row] = await rows<BindingRow>(
        db,
        `WITH added AS (
           INSERT INTO device_bindings (event_id, device_id, role, desk_id, public_key) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING role, desk_id, public_key
         )
         SELECT role, desk_id, public_key FROM added
         UNION ALL
         SELECT role, desk_id, public_key FROM device_bindings WHERE event_id = $1 AND device_id = $2`,
        [eventId, deviceId, b.role, b.deskId, b.publicKey],
      );
      return row ? bindingOf(row) : b;
    },
    async ticketsHeldBy(eventId, participantId) {
      const list = await rows<HeldRow>(
        db,
        `SELECT t.ticket_id, t.domain, EXISTS (
           SELECT 1 FROM ops o WHERE o.event_id = t.event_id AND o.subject = t.ticket_id
             AND o.type IN ('ticket.cancelled', 'ticket.closed')) AS finished
         FROM tickets t WHERE t.event_id = $1 AND t.owner = $2 AND t.known`,
        [eventId, participantId],
      );
      const held: HeldTicket[] = [];
      for (const r of list) {
        const history = r.finished
          ? null
          : (
              await rows<{ json: string }>(db, "SELECT json FROM ops WHERE event_id = $1 AND subject = $2", [
                eventId,
                r.ticket_id,
              ])
            ).map((o) => JSON.parse(o.json) as Operation);
        held.push(heldTicketOf(r, history));
      }
      return held;
    },
    async putToken(hash, r) {
      await db.query(
        `INSERT INTO tokens (hash, event_id, role, device_id, desk_id, participant_id, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [hash, r.eventId, r.role, r.deviceId, r.deskId, r.participantId, r.expiresAt],
      );
    },
    async getToken(hash) {
      const [r] = await rows<TokenRow>(
        db,
        "SELECT event_id, role, device_id, desk_id, participant_id, expires_at FROM tokens WHERE hash = $1",
        [hash],
      );
      return r ? tokenRecordOf(r) : null;
    },
    push,
    async pull(eventId, after, limit) {
      // The page comes off the primary key in order; each ticket's owner is one index lookup.
      const list = await rows<{ seq: number; json: string; type: Operation["type"]; owner: string | null }>(
        db,
        `SELECT o.seq, o.json, o.type,
           CASE WHEN o.type LIKE 'participant.%' THEN o.subject
             ELSE (SELECT t.owner FROM tickets t WHERE t.event_id = o.event_id AND t.ticket_id = o.subject) END AS owner
         FROM ops o WHERE o.event_id = $1 AND o.seq > $2 ORDER BY o.seq LIMIT $3`,
        [eventId, after, limit + 1],
      );
      const more = list.length > limit;
      const ops = (more ? list.slice(0, limit) : list).map((r) => ({ seq: r.seq, json: r.json, type: r.type, owner: r.owner }));
      const page: PullPage = { ops, cursor: ops.at(-1)?.seq ?? after, more };
      return page;
    },
    async profilesOf(eventId, participantIds, upToSeq) {
      if (participantIds.length === 0) return [];
      const list = await rows<{ seq: number; json: string; subject: string }>(
        db,
        `SELECT seq, json, subject FROM ops
         WHERE event_id = $1 AND subject = ANY($2::text[]) AND type = 'participant.registered' AND seq <= $3 ORDER BY seq`,
        [eventId, [...participantIds], upToSeq],
      );
      return list.map((r) => ({ seq: r.seq, json: r.json, type: "participant.registered", owner: r.subject }));
    },
    async latestSeq(eventId) {
      const [row] = await rows<{ last_seq: number }>(db, "SELECT last_seq FROM event_log WHERE event_id = $1", [eventId]);
      return row?.last_seq ?? 0;
    },
    async reserveBlock(eventId, domain, deviceId, size, range) {
      return transaction(db, async (tx) => {
        await lockEvent(tx, eventId);
        const [row] = await rows<{ reserved: number | null; given: number | null }>(
          tx,
          `SELECT (SELECT MAX(last) FROM blocks WHERE event_id = $1 AND domain = $2 AND first BETWEEN $3 AND $4) AS reserved,
                  (SELECT MAX(number) FROM numbers WHERE event_id = $1 AND domain = $2 AND number BETWEEN $3 AND $4) AS given`,
          [eventId, domain, range.first, range.last],
        );
        const block = nextBlock(range, size, row?.reserved ?? null, row?.given ?? null);
        if (!block) return null;
        await tx.query("INSERT INTO blocks (event_id, domain, device_id, first, last) VALUES ($1, $2, $3, $4, $5)", [
          eventId,
          domain,
          deviceId,
          block.first,
          block.last,
        ]);
        return { domain, from: block.first, to: block.last };
      });
    },
    async listEvents() {
      const list = await rows<{ json: string }>(db, "SELECT json FROM events ORDER BY created_at, id");
      return list.map((r) => v.parse(EventSchema, JSON.parse(r.json)));
    },
    async recordDevices(statuses) {
      if (statuses.length === 0) return;
      // one statement per status, in order: the same device may report twice in one flush
      await transaction(db, async (tx) => {
        for (const d of statuses) {
          await tx.query(
            `INSERT INTO devices (event_id, device_id, role, desk_id, last_seen_at, last_push_at, last_pull_at, pending, last_error)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (event_id, device_id) DO UPDATE SET role = excluded.role, desk_id = excluded.desk_id,
               last_seen_at = excluded.last_seen_at, last_push_at = COALESCE(excluded.last_push_at, devices.last_push_at),
               last_pull_at = COALESCE(excluded.last_pull_at, devices.last_pull_at), pending = excluded.pending,
               last_error = excluded.last_error`,
            [d.eventId, d.deviceId, d.role, d.deskId, d.lastSeenAt, d.lastPushAt, d.lastPullAt, d.pending, d.lastError],
          );
        }
      });
    },
    async listDevices(eventId) {
      const list = await rows<DeviceRow>(
        db,
        `SELECT device_id, role, desk_id, last_seen_at, last_push_at, last_pull_at, pending, last_error
         FROM devices WHERE event_id = $1 ORDER BY last_seen_at DESC, device_id`,
        [eventId],
      );
      return list.map((r) => deviceStatusOf(eventId, r));
    },
    async purgeParticipants(eventId, now) {
      const outcome = await transaction(db, async (tx): Promise<PurgeOutcome> => {
        const log = await lockEvent(tx, eventId);
        const clock = new ServerClock(log.last_server_hlc);
        const profiles = await rows<{ subject: string; json: string }>(
          tx,
          "SELECT subject, json FROM ops WHERE event_id = $1 AND type = 'participant.registered' ORDER BY hlc, id",
          [eventId],
        );
        const last = latestProfiles(profiles);
        if (last.size === 0) return { erased: 0, lastSeq: null };
        let seq = log.last_seq;
        let stamp = log.last_server_hlc;
        const erasures = [...last].map(([participantId, p]) => {
          stamp = clock.after(p.hlc, now);
          const op = serverErasure(eventId, participantId, p.regionId, stamp);
          return { seq: ++seq, id: op.id, subject: participantId, type: op.type, hlc: op.hlc, json: JSON.stringify(op) };
        });
        await tx.query(
          `INSERT INTO ops (event_id, seq, id, subject, type, hlc, json)
           SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
          [eventId, ...(["seq", "id", "subject", "type", "hlc", "json"] as const).map((k) => erasures.map((e) => e[k]))],
        );
        await tx.query("DELETE FROM ops WHERE event_id = $1 AND type = 'participant.registered'", [eventId]);
        await redactOwners(tx, eventId, [...last.keys()]);
        await tx.query("UPDATE event_log SET last_seq = $2, last_server_hlc = $3 WHERE event_id = $1", [eventId, seq, stamp]);
        return { erased: last.size, lastSeq: seq };
      });
      // Dead row versions keep the deleted profiles in the table's pages until vacuumed.
      if (outcome.erased > 0) await db.query("VACUUM ops").catch(() => {});
      return outcome;
    },
    async integrityCheck() {
      return checkPostgres(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.end();
    },
  };
  return store;
}

/**
 * What "sound" means for this database: the invariants the store keeps (no
 * operation above its event's counter, a counter for every event with
 * operations, exactly one `ticket.numberAssigned` per number given), and, where
 * the amcheck extension is installed, every B-tree index verified.
 */
export async function checkPostgres(db: Db): Promise<string> {
  const problems: string[] = [];
  const [beyond] = await rows<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM ops o LEFT JOIN event_log l ON l.event_id = o.event_id
     WHERE l.event_id IS NULL OR o.seq > l.last_seq`,
  );
  if (beyond && beyond.n > 0) problems.push(`${beyond.n} operations above their event's sequence counter`);
  const [unmatched] = await rows<{ n: number }>(
    db,
    "SELECT abs((SELECT count(*) FROM numbers) - (SELECT count(*) FROM ops WHERE type = 'ticket.numberAssigned'))::int AS n",
  );
  if (unmatched && unmatched.n > 0) problems.push(`${unmatched.n} queue numbers without their server operation (or the reverse)`);
  const [amcheck] = await rows<{ n: number }>(db, "SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'amcheck'");
  if (amcheck && amcheck.n > 0) {
    try {
      await db.query(
        `SELECT bt_index_check(c.oid, true) FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND n.nspname = current_schema()`,
      );
    } catch (e) {
      problems.push(`index check: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return problems.length === 0 ? "ok" : problems.join("; ");
}
