import Database from "better-sqlite3";
import * as v from "valibot";
import type { DomainCode } from "../../core/domain.ts";
import { domainWhen } from "../../core/domain-at.ts";
import { EventSchema, type LoketEvent } from "../../core/event.ts";
import { newId } from "../../core/ids.ts";
import { isTicketOp, type Operation, subjectOf } from "../../core/operation.ts";
import type { ServerHistory } from "../../core/protocol.ts";
import { PARTICIPANT_TEXT_TYPES, withoutParticipantText } from "../../core/redaction.ts";
import { SLICE_MS, sliceTurns } from "../in-slices.ts";
import { ERASED_REASON, serverErasure } from "../privacy.ts";
import { keptDomainAt, moveOn, readKept, refold } from "./kept-fold.ts";
import { SQLITE_MIGRATIONS } from "./migrations.ts";
import {
  MAX_NUMBER,
  type NumberRange,
  NumbersUsedUpError,
  nextBlock,
  numberAssigned,
  numbersUsedUp,
  parseNumber,
  ServerClock,
} from "./numbering.ts";
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
  DeviceStatus,
  EventCodes,
  NumberBlock,
  PullPage,
  PurgeOutcome,
  PushContext,
  PushOutcome,
  StoredOp,
  StoredResult,
  SyncStore,
  TicketFacts,
} from "./types.ts";
import { PUSH_SLICE_MIN } from "./types.ts";

/**
 * The embedded store: one SQLite file in WAL mode, written by one process.
 * better-sqlite3 is synchronous, so a push's transaction runs start to end
 * without yielding: batches are serialized, and `seq` (the rowid) is the
 * commit order. `synchronous=NORMAL` in WAL keeps the file consistent on power
 * loss; at worst the last commits before the loss are gone, and the devices
 * still hold them in their outboxes and push them again.
 */
interface TicketRow {
  known: number;
  owner: string | null;
  domain: string | null;
  transferred: number;
  /** a transferred ticket's folded state, slim (JSON), or null */
  fold: string | null;
}

/** Operations read at once from one ticket's history outside a push: about 1-2 ms of work. */
const HISTORY_PAGE = 256;

export interface SqliteOptions {
  /**
   * The deployment this file belongs to (LOKET_DEPLOYMENT_ID), recorded the
   * first time it is given; a file recorded for another deployment is refused.
   * A venue laptop that will be imported into the central PostgreSQL sets it.
   */
  deploymentId?: string;
}

export function openSqliteStore(file: string, opts: SqliteOptions = {}): SyncStore {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // Ops, tickets and numbers are keyed by random ids, so a batch dirties pages
  // all over the indexes: a larger cache and fewer checkpoints (each one an
  // fsync) keep pushes of many operations fast. The WAL may grow to ~40 MB.
  db.pragma("cache_size = -65536");
  db.pragma("wal_autocheckpoint = 10000");
  // Deleted rows (erased profiles, UU 27/2022) are overwritten with zeros, not
  // just unlinked; after an erasure the WAL is checkpointed and truncated too.
  db.pragma("secure_delete = ON");
  migrate(db);
  if (opts.deploymentId) claimDeployment(db, opts.deploymentId);
  const history = beginEpoch(db);

  const q = {
    getEvent: db.prepare<[string], { json: string }>("SELECT json FROM events WHERE id = ?"),
    putEvent: db.prepare(
      "INSERT INTO events (id, json, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
    ),
    deleteCodes: db.prepare("DELETE FROM event_codes WHERE event_id = ?"),
    putCode: db.prepare("INSERT INTO event_codes (event_id, kind, desk_id, code) VALUES (?, ?, ?, ?)"),
    getCodes: db.prepare<[string], { kind: string; desk_id: string; code: string }>(
      "SELECT kind, desk_id, code FROM event_codes WHERE event_id = ?",
    ),
    insertParticipant: db.prepare(
      "INSERT INTO participants (event_id, device_id, participant_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
    ),
    participantOfDevice: db.prepare<[string, string], { participant_id: string }>(
      "SELECT participant_id FROM participants WHERE event_id = ? AND device_id = ?",
    ),
    isDeviceParticipant: db.prepare<[string, string], { one: number }>(
      "SELECT 1 AS one FROM participants WHERE event_id = ? AND participant_id = ?",
    ),
    bindDevice: db.prepare(
      "INSERT INTO device_bindings (event_id, device_id, role, desk_id, public_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ),
    bindingOf: db.prepare<[string, string], BindingRow>(
      "SELECT role, desk_id, public_key FROM device_bindings WHERE event_id = ? AND device_id = ?",
    ),
    putToken: db.prepare(
      "INSERT INTO tokens (hash, event_id, role, device_id, desk_id, participant_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    getToken: db.prepare<[string], TokenRow>(
      "SELECT event_id, role, device_id, desk_id, participant_id, expires_at FROM tokens WHERE hash = ?",
    ),
    seqOf: db.prepare<[string], { seq: number }>("SELECT seq FROM ops WHERE id = ?"),
    ticketsHeldBy: db.prepare<[string, string], HeldRow>(
      `SELECT t.ticket_id, t.domain, EXISTS (
         SELECT 1 FROM ops o WHERE o.event_id = t.event_id AND o.subject = t.ticket_id
           AND o.type IN ('ticket.cancelled', 'ticket.closed')) AS finished
       FROM tickets t WHERE t.event_id = ? AND t.owner = ? AND t.known = 1`,
    ),
    insertOp: db.prepare("INSERT INTO ops (id, event_id, subject, type, hlc, json) VALUES (?, ?, ?, ?, ?, ?)"),
    ticket: db.prepare<[string, string], TicketRow>(
      "SELECT known, owner, domain, transferred, fold FROM tickets WHERE event_id = ? AND ticket_id = ?",
    ),
    upsertTicket: db.prepare(
      `INSERT INTO tickets (event_id, ticket_id, known, owner, domain, transferred, fold) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id, ticket_id) DO UPDATE SET known = excluded.known, owner = excluded.owner,
         domain = excluded.domain, transferred = excluded.transferred, fold = excluded.fold`,
    ),
    ticketOps: db.prepare<[string, string], { json: string }>("SELECT json FROM ops WHERE event_id = ? AND subject = ?"),
    ticketOwner: db.prepare<[string, string], { owner: string | null }>(
      "SELECT owner FROM tickets WHERE event_id = ? AND ticket_id = ?",
    ),
    /** a page of one ticket's operations in seq order: the (event_id, subject) index holds the seq (the rowid) */
    ticketOpsPage: db.prepare<[string, string, number, number], { seq: number; json: string }>(
      "SELECT seq, json FROM ops WHERE event_id = ? AND subject = ? AND seq > ? ORDER BY seq LIMIT ?",
    ),
    // Each ticket looked at once: joined with the operations, SQLite ran the
    // NOT EXISTS for every operation of every open ticket, each time over all of
    // the ticket's operations (10,000 operations on one ticket: 10 s, the server stalled).
    openTickets: db.prepare<[string, string], { ticket_id: string }>(
      `SELECT t.ticket_id FROM tickets t
       WHERE t.event_id = ? AND t.domain = ? AND t.known = 1 AND NOT EXISTS (
         SELECT 1 FROM ops c WHERE c.event_id = t.event_id AND c.subject = t.ticket_id
           AND c.type IN ('ticket.cancelled', 'ticket.closed'))`,
    ),
    // the owner never changes: another participant's endpoint is left as it is
    savePushSub: db.prepare(
      `INSERT INTO push_subscriptions (event_id, endpoint, participant_id, p256dh, auth, lang, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
         lang = excluded.lang, created_at = excluded.created_at
       WHERE push_subscriptions.participant_id = excluded.participant_id`,
    ),
    deletePushSub: db.prepare("DELETE FROM push_subscriptions WHERE event_id = ? AND endpoint = ?"),
    deleteOwnPushSub: db.prepare("DELETE FROM push_subscriptions WHERE event_id = ? AND endpoint = ? AND participant_id = ?"),
    pushSubsOfEvent: db.prepare<[string], PushSubRow>("SELECT * FROM push_subscriptions WHERE event_id = ?"),
    pushSubsOf: db.prepare<[string, string], PushSubRow>(
      `SELECT s.* FROM json_each(?) AS p CROSS JOIN push_subscriptions s
       ON s.event_id = ? AND s.participant_id = p.value`,
    ),
    markPushSent: db.prepare("INSERT INTO push_sent (event_id, ticket_id, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
    hasNumber: db.prepare<[string, string, string], { one: number }>(
      "SELECT 1 AS one FROM numbers WHERE event_id = ? AND ticket_id = ? AND domain = ?",
    ),
    numberTaken: db.prepare<[string, string, number], { one: number }>(
      "SELECT 1 AS one FROM numbers WHERE event_id = ? AND domain = ? AND number = ?",
    ),
    insertNumber: db.prepare("INSERT INTO numbers (event_id, domain, number, ticket_id) VALUES (?, ?, ?, ?)"),
    /** takes `size` numbers from the counter: returns the counter after them (the first taken is next - size) */
    takeNumbers: db.prepare<[string, string, number, number], { next: number }>(
      `INSERT INTO counters (event_id, domain, next) VALUES (?, ?, 1 + ?)
       ON CONFLICT (event_id, domain) DO UPDATE SET next = next + ? RETURNING next`,
    ),
    blockHolding: db.prepare<[string, string, string, number, number], { one: number }>(
      "SELECT 1 AS one FROM blocks WHERE event_id = ? AND domain = ? AND device_id = ? AND first <= ? AND last >= ?",
    ),
    counterNext: db.prepare<[string, string], { next: number }>("SELECT next FROM counters WHERE event_id = ? AND domain = ?"),
    insertBlock: db.prepare("INSERT INTO blocks (event_id, domain, device_id, first, last) VALUES (?, ?, ?, ?, ?)"),
    /** any device's block holding the number: the counter steps over it */
    blockCovering: db.prepare<[string, string, number, number], { one: number }>(
      "SELECT 1 AS one FROM blocks WHERE event_id = ? AND domain = ? AND first <= ? AND last >= ? LIMIT 1",
    ),
    lastReservedIn: db.prepare<[string, string, number, number], { n: number | null }>(
      "SELECT MAX(last) AS n FROM blocks WHERE event_id = ? AND domain = ? AND first BETWEEN ? AND ?",
    ),
    lastGivenIn: db.prepare<[string, string, number, number], { n: number | null }>(
      "SELECT MAX(number) AS n FROM numbers WHERE event_id = ? AND domain = ? AND number BETWEEN ? AND ?",
    ),
    pull: db.prepare<[string, number, number], { seq: number; json: string; type: string; owner: string | null }>(
      `SELECT o.seq, o.json, o.type,
         CASE WHEN o.type LIKE 'participant.%' THEN o.subject ELSE t.owner END AS owner
       FROM ops o LEFT JOIN tickets t ON t.event_id = o.event_id AND t.ticket_id = o.subject
       WHERE o.event_id = ? AND o.seq > ? ORDER BY o.seq LIMIT ?`,
    ),
    // From the owner list into the (event_id, subject) index: CROSS JOIN keeps
    // SQLite from starting at the ops side, which scanned every operation of
    // the event up to the cursor (55 ms a lookup at 135,000 operations).
    profilesOf: db.prepare<[string, string, number], { seq: number; json: string; subject: string }>(
      `SELECT o.seq, o.json, o.subject FROM json_each(?) AS owner
       CROSS JOIN ops AS o ON o.event_id = ? AND o.subject = owner.value
       WHERE o.type = 'participant.registered' AND o.seq <= ? ORDER BY o.seq`,
    ),
    latestSeq: db.prepare<[string], { seq: number | null }>("SELECT MAX(seq) AS seq FROM ops WHERE event_id = ?"),
    // personal data (privacy.ts)
    hasErasure: db.prepare<[string, string], { one: number }>(
      "SELECT 1 AS one FROM ops WHERE event_id = ? AND subject = ? AND type = 'participant.erased' LIMIT 1",
    ),
    deleteProfiles: db.prepare("DELETE FROM ops WHERE event_id = ? AND subject = ? AND type = 'participant.registered'"),
    ownedTextOps: db.prepare<[string, string], { id: string; json: string }>(
      `SELECT o.id, o.json FROM tickets t JOIN ops o ON o.event_id = t.event_id AND o.subject = t.ticket_id
       WHERE t.event_id = ? AND t.owner = ? AND o.type IN (${PARTICIPANT_TEXT_TYPES.map((t) => `'${t}'`).join(", ")})`,
    ),
    setOpJson: db.prepare("UPDATE ops SET json = ? WHERE id = ?"),
    profilesOfEvent: db.prepare<[string], { subject: string; json: string }>(
      "SELECT subject, json FROM ops WHERE event_id = ? AND type = 'participant.registered' ORDER BY hlc, id",
    ),
    // organizer (issue 5)
    listEvents: db.prepare<[], { json: string }>("SELECT json FROM events ORDER BY created_at, id"),
    upsertDevice: db.prepare(
      `INSERT INTO devices (event_id, device_id, role, desk_id, last_seen_at, last_push_at, last_pull_at, pending, last_error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id, device_id) DO UPDATE SET role = excluded.role, desk_id = excluded.desk_id,
         last_seen_at = excluded.last_seen_at, last_push_at = COALESCE(excluded.last_push_at, last_push_at),
         last_pull_at = COALESCE(excluded.last_pull_at, last_pull_at), pending = excluded.pending,
         last_error = excluded.last_error`,
    ),
    listDevices: db.prepare<[string], DeviceRow>(
      `SELECT device_id, role, desk_id, last_seen_at, last_push_at, last_pull_at, pending, last_error
       FROM devices WHERE event_id = ? ORDER BY last_seen_at DESC, device_id`,
    ),
    lastServerHlc: db.prepare<[], { hlc: string | null }>("SELECT MAX(hlc) AS hlc FROM ops WHERE type = 'ticket.numberAssigned'"),
  };

  const clock = new ServerClock(q.lastServerHlc.get()?.hlc ?? null);

  function insertOp(op: Operation): number {
    const info = q.insertOp.run(op.id, op.eventId, subjectOf(op), op.type, op.hlc, JSON.stringify(op));
    return Number(info.lastInsertRowid);
  }

  /** The participant's own words leave the stored operations of their tickets (privacy.ts). */
  function redactOwner(eventId: string, participantId: string): void {
    for (const row of q.ownedTextOps.all(eventId, participantId)) {
      const op = JSON.parse(row.json) as Operation;
      const cut = withoutParticipantText(op);
      if (cut !== op) q.setOpJson.run(JSON.stringify(cut), row.id);
    }
  }

  function nextFromCounter(eventId: string, domain: string, size: number): number {
    const row = q.takeNumbers.get(eventId, domain, size, size);
    if (!row) throw new Error("the number counter did not answer");
    return row.next - size;
  }

  /** The counter's next number that no device holds in a block (blocks lie apart from the counter's range; this keeps it so past 999). */
  function freeFromCounter(eventId: string, domain: string): number {
    for (;;) {
      const n = nextFromCounter(eventId, domain, 1);
      if (!q.blockCovering.get(eventId, domain, n, n)) return n;
    }
  }

  /** Whether a creation carries a number of its own device's block, not used yet: it is confirmed as it is. */
  function reservedHeld(cause: Operation, domain: DomainCode): number | null {
    if (cause.type !== "ticket.created" || !cause.reservedNumber || cause.domain !== domain) return null;
    const r = parseNumber(cause.reservedNumber);
    if (!r || r.domain !== domain) return null;
    const held =
      q.blockHolding.get(cause.eventId, domain, cause.actor.deviceId, r.n, r.n) && !q.numberTaken.get(cause.eventId, domain, r.n);
    return held ? r.n : null;
  }

  const counterNext = (eventId: string) => (domain: DomainCode) => q.counterNext.get(eventId, domain)?.next ?? 1;

  /** Gives the ticket a number in `domain` unless it has one; returns the seq of the server operation, if any. */
  function ensureNumber(cause: Operation, ticketId: string, domain: DomainCode, now: number, isNew: boolean): number | null {
    const eventId = cause.eventId;
    // Only a known ticket has numbers: a ticket without a row before this operation has none.
    if (!isNew && q.hasNumber.get(eventId, ticketId, domain)) return null;
    // A number handed out offline from this device's block is confirmed as
    // it is, unless it is not this device's or was already used.
    const n = reservedHeld(cause, domain) ?? freeFromCounter(eventId, domain);
    // pushTx refuses what would need a number past MAX_NUMBER; this guards the schema if that ever changes
    if (n > MAX_NUMBER) throw new NumbersUsedUpError(domain);
    q.insertNumber.run(eventId, domain, n, ticketId);
    return insertOp(numberAssigned(eventId, ticketId, domain, n, clock.after(cause.hlc, now)));
  }

  const historyOf = (eventId: string, ticketId: string): Operation[] =>
    q.ticketOps.all(eventId, ticketId).map((r) => JSON.parse(r.json) as Operation);

  /**
   * The operations of these tickets, read outside any push (web push, after
   * the commit) in pages, with a turn of the event loop once a slice's time is
   * up: a ticket's history can be 10,000 operations, 50-100 ms to read and
   * decode in one piece on a busy machine.
   */
  async function historiesInSlices(eventId: string, ticketIds: readonly string[]): Promise<Operation[]> {
    const out: Operation[] = [];
    const turn = sliceTurns();
    for (const ticketId of ticketIds) {
      let after = 0;
      for (;;) {
        await turn();
        const page = q.ticketOpsPage.all(eventId, ticketId, after, HISTORY_PAGE);
        for (const r of page) out.push(JSON.parse(r.json) as Operation);
        const last = page.at(-1);
        if (!last || page.length < HISTORY_PAGE) break;
        after = last.seq;
      }
    }
    return out;
  }

  function factsOf(row: TicketRow | undefined, op: Operation): TicketFacts | null {
    if (!row) return null;
    let domain = (row.domain as DomainCode | null) ?? null;
    // A transferred ticket: a desk is authorized by the domain the ticket was in
    // when (in clock order) it acted, not by where it is now (core/domain-at.ts).
    // Stamped after every device operation the ticket has, the action comes
    // after all of them in clock order: the domain it happened in is the
    // kept fold's, with no re-read of the history (issue 9: per-operation cost
    // must not grow with a ticket's history). Only an action stamped before
    // the latest (a desk that was offline) reads the history again.
    if (row.transferred === 1 && row.known === 1 && isTicketOp(op) && op.actor.role === "desk") {
      domain = keptDomainAt(readKept(row.fold), op) ?? domainWhen(historyOf(op.eventId, op.ticketId), op) ?? domain;
    }
    return { known: row.known === 1, owner: row.owner, domain };
  }

  /** Keeps the ticket's row (owner, domain) and numbers up to date after one of its operations was stored. */
  function afterTicketOp(op: Extract<Operation, { ticketId: string }>, row: TicketRow | undefined, now: number): number | null {
    const { eventId, ticketId } = op;
    let known = row?.known ?? 0;
    let owner = row?.owner ?? null;
    let domain = row?.domain ?? null;
    let transferred = row?.transferred ?? 0;
    let fold = row?.fold ?? null;
    let last: number | null = null;
    if (op.type === "ticket.created") {
      known = 1;
      owner = op.participantId;
      domain = op.domain;
    } else if (!known && owner === null && op.actor.role === "participant") {
      // arrived before its creation: its sender is the provisional owner
      owner = op.actor.participantId ?? null;
    }
    if (op.type === "ticket.transferred") transferred = 1;
    if (known && transferred) {
      // The fold decides whether a transfer took effect (a desk that does not
      // hold the ticket cannot move it); it is kept with the ticket (kept-fold.ts).
      let kept = moveOn(readKept(fold), op);
      if (kept === "refold") kept = refold(historyOf(eventId, ticketId));
      if (kept) {
        domain = kept.state.domain;
        fold = JSON.stringify(kept);
      }
    }
    q.upsertTicket.run(eventId, ticketId, known, owner, domain, transferred, fold);
    if (op.type === "ticket.created") last = ensureNumber(op, ticketId, op.domain, now, !row) ?? last;
    if (known && transferred && domain) last = ensureNumber(op, ticketId, domain as DomainCode, now, false) ?? last;
    return last;
  }

  const isDeviceParticipantFor = (eventId: string) => (participantId: string) =>
    q.isDeviceParticipant.get(eventId, participantId) !== undefined;

  /** set when profiles were deleted: the WAL still holds their old pages until a checkpoint */
  let erasedSinceCheckpoint = false;
  function checkpointAfterErasure(): void {
    if (!erasedSinceCheckpoint) return;
    erasedSinceCheckpoint = false;
    db.pragma("wal_checkpoint(TRUNCATE)");
  }

  /** Stores one operation of a push (inside the caller's transaction): its result, and the seq to publish if any. */
  function pushOne(op: Operation, ctx: PushContext, isDeviceParticipant: (participantId: string) => boolean) {
    const dup = q.seqOf.get(op.id);
    if (dup) return { result: { id: op.id, status: "duplicate", seq: dup.seq } satisfies StoredResult, lastSeq: null };
    if (op.eventId !== ctx.eventId) {
      return { result: { id: op.id, status: "rejected", reason: otherEventReason(op) } satisfies StoredResult, lastSeq: null };
    }
    const row = isTicketOp(op) ? q.ticket.get(op.eventId, op.ticketId) : undefined;
    const reason =
      op.type === "participant.registered" && q.hasErasure.get(op.eventId, op.participantId)
        ? ERASED_REASON
        : (ctx.authorize(op, factsOf(row, op), isDeviceParticipant) ??
          numbersUsedUp(op, counterNext(op.eventId), op.type === "ticket.created" && reservedHeld(op, op.domain) !== null));
    if (reason !== null) return { result: { id: op.id, status: "rejected", reason } satisfies StoredResult, lastSeq: null };
    // words for the ticket of a participant already erased are stored without them
    const cut = withoutParticipantText(op);
    const owner = op.type === "ticket.created" ? op.participantId : (row?.owner ?? null);
    const seq = insertOp(cut !== op && owner !== null && q.hasErasure.get(op.eventId, owner) ? cut : op);
    let lastSeq = seq;
    if (op.type === "participant.erased") {
      // the profile and the participant's words leave the server in the same transaction (privacy.ts)
      q.deleteProfiles.run(op.eventId, op.participantId);
      redactOwner(op.eventId, op.participantId);
      erasedSinceCheckpoint = true;
    }
    if (isTicketOp(op)) lastSeq = afterTicketOp(op, row, ctx.now) ?? lastSeq;
    // the creation names its owner: an erased one's words stored before it arrived go too
    if (op.type === "ticket.created" && row && op.participantId !== null && q.hasErasure.get(op.eventId, op.participantId))
      redactOwner(op.eventId, op.participantId);
    return { result: { id: op.id, status: "accepted", seq } satisfies StoredResult, lastSeq };
  }

  /**
   * A push in flight. better-sqlite3 is synchronous: a transaction holds the
   * server's one thread from start to end, so a push is stored in slices (see
   * flush): `next` is its first operation not stored yet.
   */
  interface PendingPush {
    ops: readonly Operation[];
    ctx: PushContext;
    next: number;
    results: StoredResult[];
    lastSeq: number | null;
    resolve: (o: PushOutcome) => void;
    reject: (e: unknown) => void;
  }

  /**
   * One slice of a push, in its own savepoint: its next operations in order,
   * at least PUSH_SLICE_MIN of them (so a small push is whole or not at all),
   * then as many as fit before `deadline`. Its results join the push's only
   * once the slice is stored, so a slice that fails leaves no trace.
   */
  const sliceTx = db.transaction((job: PendingPush, deadline: number) => {
    const isDeviceParticipant = isDeviceParticipantFor(job.ctx.eventId);
    const results: StoredResult[] = [];
    let lastSeq: number | null = null;
    let i = job.next;
    while (i < job.ops.length && (i - job.next < PUSH_SLICE_MIN || performance.now() < deadline)) {
      const op = job.ops[i++];
      if (!op) continue;
      const one = pushOne(op, job.ctx, isDeviceParticipant);
      results.push(one.result);
      lastSeq = one.lastSeq ?? lastSeq;
    }
    return { results, lastSeq, next: i };
  });

  /**
   * Group commit in slices. The pushes waiting at a turn of the event loop
   * (200 phones pushing at once) share one transaction, each push's slice in
   * its own savepoint (better-sqlite3 nests transactions as savepoints); the
   * turn ends after about SLICE_MS of work, then the loop serves other
   * requests (setImmediate) before the next turn. A push of 500 operations on
   * a busy machine took ~250 ms in one piece, and every other request of
   * every event waited (issue 9, point 6: /api/health p99 631 ms).
   *
   * What the client relies on holds (sync/engine.ts): a push is answered only
   * once all of it is committed; operations are stored in batch order, each
   * exactly once (the id is the key: a retry after a crash between slices
   * finds the stored ones and answers them as duplicates, with their seqs).
   * A slice that fails rolls back alone and fails its push (the client sends
   * it again; what earlier slices stored comes back as duplicates). Pushes
   * take turns: one still unfinished after its slice goes behind the others.
   */
  let pending: PendingPush[] = [];
  const groupTx = db.transaction((jobs: PendingPush[], deadline: number) =>
    jobs.map((job, k): { ok: true; slice: ReturnType<typeof sliceTx> } | { ok: false; error: unknown } | null => {
      // the turn's time is up: the pushes not reached wait for the next turn, first in line
      if (k > 0 && performance.now() >= deadline) return null;
      try {
        return { ok: true, slice: sliceTx(job, deadline) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  function flush(sliceMs: number = SLICE_MS): void {
    const jobs = pending;
    pending = [];
    let done: ReturnType<typeof groupTx>;
    try {
      done = groupTx(jobs, performance.now() + sliceMs);
    } catch (error) {
      // the commit failed: nothing of this turn is stored, and its pushes fail (their clients send them again)
      erasedSinceCheckpoint = false;
      for (const job of jobs) job.reject(error);
      schedule();
      return;
    }
    checkpointAfterErasure();
    const waiting: PendingPush[] = [];
    const again: PendingPush[] = [];
    done.forEach((r, i) => {
      const job = jobs[i];
      if (!job) return;
      if (r === null) waiting.push(job);
      else if (!r.ok) job.reject(r.error);
      else {
        job.results.push(...r.slice.results);
        job.lastSeq = r.slice.lastSeq ?? job.lastSeq;
        job.next = r.slice.next;
        if (job.next < job.ops.length) again.push(job);
        else job.resolve({ results: job.results, lastSeq: job.lastSeq });
      }
    });
    // pushes that arrived during this turn queue behind those it did not finish
    pending = [...waiting, ...again, ...pending];
    schedule();
  }
  let scheduled = false;
  function schedule(): void {
    if (scheduled || pending.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      flush();
    });
  }

  const putEventTx = db.transaction((event: LoketEvent, codes: EventCodes) => {
    q.putEvent.run(event.id, JSON.stringify(event), Date.now());
    q.deleteCodes.run(event.id);
    q.putCode.run(event.id, "participant", "", codes.participantCode);
    q.putCode.run(event.id, "organizer", "", codes.organizerCode);
    for (const [desk, code] of Object.entries(codes.deskCodes)) q.putCode.run(event.id, "desk", desk, code);
  });

  const reserveTx = db.transaction(
    (eventId: string, domain: DomainCode, deviceId: string, size: number, range: NumberRange): NumberBlock | null => {
      const block = nextBlock(
        range,
        size,
        q.lastReservedIn.get(eventId, domain, range.first, range.last)?.n ?? null,
        q.lastGivenIn.get(eventId, domain, range.first, range.last)?.n ?? null,
      );
      if (!block) return null;
      q.insertBlock.run(eventId, domain, deviceId, block.first, block.last);
      return { domain, from: block.first, to: block.last };
    },
  );

  const purgeTx = db.transaction((eventId: string, now: number): PurgeOutcome => {
    const last = latestProfiles(q.profilesOfEvent.all(eventId));
    let lastSeq: number | null = null;
    for (const [participantId, p] of last) {
      lastSeq = insertOp(serverErasure(eventId, participantId, p.regionId, clock.after(p.hlc, now)));
      q.deleteProfiles.run(eventId, participantId);
      redactOwner(eventId, participantId);
    }
    if (last.size > 0) erasedSinceCheckpoint = true;
    return { erased: last.size, lastSeq };
  });

  const devicesTx = db.transaction((statuses: readonly DeviceStatus[]) => {
    for (const d of statuses) {
      q.upsertDevice.run(
        d.eventId,
        d.deviceId,
        d.role,
        d.deskId,
        d.lastSeenAt,
        d.lastPushAt,
        d.lastPullAt,
        d.pending,
        d.lastError,
      );
    }
  });

  const participantTx = db.transaction((eventId: string, deviceId: string, fresh: string): string => {
    q.insertParticipant.run(eventId, deviceId, fresh);
    return q.participantOfDevice.get(eventId, deviceId)?.participant_id ?? fresh;
  });

  return {
    async getEvent(eventId) {
      const row = q.getEvent.get(eventId);
      if (!row) return null;
      return v.parse(EventSchema, JSON.parse(row.json));
    },
    async putEvent(event, codes) {
      putEventTx(event, codes);
    },
    async getCodes(eventId) {
      return codesOf(q.getCodes.all(eventId));
    },
    async participantIdFor(eventId, deviceId, fresh) {
      return participantTx(eventId, deviceId, fresh());
    },
    async deviceOf(eventId, deviceId) {
      const row = q.bindingOf.get(eventId, deviceId);
      if (!row) return null;
      return { binding: bindingOf(row), participantId: q.participantOfDevice.get(eventId, deviceId)?.participant_id ?? null };
    },
    async bindDevice(eventId, deviceId, b) {
      const row = db.transaction(() => {
        q.bindDevice.run(eventId, deviceId, b.role, b.deskId, b.publicKey);
        return q.bindingOf.get(eventId, deviceId);
      })();
      return row ? bindingOf(row) : b;
    },
    async ticketsHeldBy(eventId, participantId) {
      return q.ticketsHeldBy
        .all(eventId, participantId)
        .map((r) => heldTicketOf(r, r.finished ? null : historyOf(eventId, r.ticket_id)));
    },
    async putToken(hash, r) {
      q.putToken.run(hash, r.eventId, r.role, r.deviceId, r.deskId, r.participantId, r.expiresAt);
    },
    async getToken(hash) {
      const r = q.getToken.get(hash);
      return r ? tokenRecordOf(r) : null;
    },
    push(ops, ctx) {
      if (ops.length === 0) return Promise.resolve({ results: [], lastSeq: null });
      return new Promise<PushOutcome>((resolve, reject) => {
        pending.push({ ops, ctx, next: 0, results: [], lastSeq: null, resolve, reject });
        schedule();
      });
    },
    async pull(eventId, after, limit) {
      const rows = q.pull.all(eventId, after, limit + 1);
      const more = rows.length > limit;
      const page: StoredOp[] = (more ? rows.slice(0, limit) : rows).map((r) => ({
        seq: r.seq,
        json: r.json,
        type: r.type as Operation["type"],
        owner: r.owner,
      }));
      const result: PullPage = { ops: page, cursor: page.at(-1)?.seq ?? after, more };
      return result;
    },
    async profilesOf(eventId, participantIds, upToSeq) {
      if (participantIds.length === 0) return [];
      return q.profilesOf
        .all(JSON.stringify(participantIds), eventId, upToSeq)
        .map((r) => ({ seq: r.seq, json: r.json, type: "participant.registered", owner: r.subject }));
    },
    async latestSeq(eventId) {
      return q.latestSeq.get(eventId)?.seq ?? 0;
    },
    async reserveBlock(eventId, domain, deviceId, size, range) {
      return reserveTx(eventId, domain, deviceId, size, range);
    },
    async listEvents() {
      return q.listEvents.all().map((r) => v.parse(EventSchema, JSON.parse(r.json)));
    },
    async recordDevices(statuses) {
      if (statuses.length > 0) devicesTx(statuses);
    },
    async listDevices(eventId) {
      return q.listDevices.all(eventId).map((r) => deviceStatusOf(eventId, r));
    },
    async purgeParticipants(eventId, now) {
      const outcome = purgeTx(eventId, now);
      checkpointAfterErasure();
      return outcome;
    },
    async savePushSubscription(sub) {
      const r = q.savePushSub.run(sub.eventId, sub.endpoint, sub.participantId, sub.p256dh, sub.auth, sub.lang, sub.createdAt);
      return r.changes > 0;
    },
    async deletePushSubscription(eventId, endpoint, participantId) {
      const r =
        participantId === null
          ? q.deletePushSub.run(eventId, endpoint)
          : q.deleteOwnPushSub.run(eventId, endpoint, participantId);
      return r.changes > 0;
    },
    async pushSubscriptionsOf(eventId, participantIds) {
      const rows = participantIds ? q.pushSubsOf.all(JSON.stringify(participantIds), eventId) : q.pushSubsOfEvent.all(eventId);
      return rows.map(pushSubOf);
    },
    async ticketOwner(eventId, ticketId) {
      return q.ticketOwner.get(eventId, ticketId)?.owner ?? null;
    },
    async ticketOps(eventId, ticketId) {
      return historiesInSlices(eventId, [ticketId]);
    },
    async lineOps(eventId, domain) {
      return historiesInSlices(
        eventId,
        q.openTickets.all(eventId, domain).map((r) => r.ticket_id),
      );
    },
    async markPushSent(eventId, ticketId, kind) {
      return q.markPushSent.run(eventId, ticketId, kind).changes > 0;
    },
    async history() {
      return history;
    },
    async integrityCheck() {
      const rows = db.pragma("integrity_check") as { integrity_check: string }[];
      return rows.map((r) => r.integrity_check).join("; ");
    },
    async close() {
      if (!db.open) return;
      // pushes queued or half stored are stored (and answered) first, to their end
      while (pending.length > 0) flush(Number.POSITIVE_INFINITY);
      // the last connection to close checkpoints the WAL and removes -wal and -shm
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new Error(
      `the data file has schema version ${current}, newer than this server (${SQLITE_MIGRATIONS.length}): update the server`,
    );
  }
  SQLITE_MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}

/**
 * A new history epoch for this opening, based at the highest sequence number
 * this file ever gave (AUTOINCREMENT's counter, so a deleted last operation
 * does not lower it). The server's id is made once and kept in `meta`.
 */
function beginEpoch(db: Database.Database): ServerHistory {
  db.prepare("INSERT INTO meta (key, value) VALUES ('server_id', ?) ON CONFLICT (key) DO NOTHING").run(newId());
  const serverId = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'server_id'").get()?.value ?? "";
  const base = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'ops'").get()?.seq ?? 0;
  return { serverId, epoch: newId(), base };
}

function claimDeployment(db: Database.Database, deploymentId: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('deployment_id', ?) ON CONFLICT (key) DO NOTHING").run(deploymentId);
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'deployment_id'").get();
  if (row && row.value !== deploymentId) {
    db.close();
    throw new Error(`this file belongs to deployment "${row.value}", not "${deploymentId}" (LOKET_DEPLOYMENT_ID)`);
  }
}
