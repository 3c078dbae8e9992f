import { randomUUID } from "node:crypto";
import postgres from "postgres";
import * as v from "valibot";
import type { DomainCode } from "../../core/domain.ts";
import { EventSchema } from "../../core/event.ts";
import { isTicketOp, type Operation, subjectOf, type TicketOperation } from "../../core/operation.ts";
import { foldTicket } from "../../core/ticket-fold.ts";
import { numberAssigned, parseNumber, ServerClock } from "./numbering.ts";
import { MIGRATIONS_LOCK, POSTGRES_MIGRATIONS } from "./postgres-migrations.ts";
import type {
  EventCodes,
  PullPage,
  PushContext,
  PushOutcome,
  StoredResult,
  SyncStore,
  TicketFacts,
  TokenRecord,
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
 */
export type Sql = postgres.Sql<Record<string, never>>;

export interface PostgresStore extends SyncStore {
  /** the client, shared with the LISTEN/NOTIFY notifier */
  readonly sql: Sql;
  /** the id of the deployment this database belongs to (see scripts/import-sqlite.ts) */
  deploymentId(): Promise<string>;
}

export interface PostgresOptions {
  /** the deployment id to record in a new database; a database that has another one is refused */
  deploymentId?: string;
  /** connections in the pool (10) */
  max?: number;
}

/** A client with BIGINT read as a JS number (sequence numbers and ms times stay far below 2^53). */
export function connectPostgres(url: string, max = 10): Sql {
  return postgres(url, {
    max,
    onnotice: () => {},
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
  }) as unknown as Sql;
}

/** Runs the migrations not yet recorded in `schema_migrations`, one transaction each, under an advisory lock. */
export async function migratePostgres(sql: Sql, deploymentId?: string): Promise<string> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATIONS_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`;
    const done = await tx<{ version: number }[]>`SELECT version FROM schema_migrations ORDER BY version`;
    const current = done.at(-1)?.version ?? 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new Error(
        `the database has schema version ${current}, newer than this server (${POSTGRES_MIGRATIONS.length}): update the server`,
      );
    }
    for (const [i, text] of POSTGRES_MIGRATIONS.entries()) {
      const version = i + 1;
      if (version <= current) continue;
      await tx.savepoint(async (s) => {
        await s.unsafe(text);
        await s`INSERT INTO schema_migrations (version) VALUES (${version})`;
      });
    }
    await tx`INSERT INTO meta (key, value) VALUES ('deployment_id', ${deploymentId ?? randomUUID()}) ON CONFLICT (key) DO NOTHING`;
    const [row] = await tx<{ value: string }[]>`SELECT value FROM meta WHERE key = 'deployment_id'`;
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
}

export type Tx = postgres.TransactionSql<Record<string, never>>;

/** Takes the event's write lock for the rest of the transaction; returns its log row. */
export async function lockEvent(tx: Tx, eventId: string): Promise<{ last_seq: number; last_server_hlc: string | null }> {
  const [row] = await tx<{ last_seq: number; last_server_hlc: string | null }[]>`
    INSERT INTO event_log (event_id) VALUES (${eventId})
    ON CONFLICT (event_id) DO UPDATE SET event_id = excluded.event_id
    RETURNING last_seq, last_server_hlc`;
  if (!row) throw new Error(`could not lock event ${eventId}`);
  return row;
}

export async function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
  const sql = connectPostgres(url, opts.max);
  let deployment: string;
  try {
    deployment = await migratePostgres(sql, opts.deploymentId);
  } catch (e) {
    await sql.end({ timeout: 1 });
    throw e;
  }

  async function push(ops: readonly Operation[], ctx: PushContext): Promise<PushOutcome> {
    if (ops.length === 0) return { results: [], lastSeq: null };
    return sql.begin(async (tx) => {
      const eventId = ctx.eventId;
      const log = await lockEvent(tx, eventId);
      const clock = new ServerClock(log.last_server_hlc);
      let seq = log.last_seq;
      let serverHlc = log.last_server_hlc;

      // Everything the batch's decisions need, read after the lock, at once.
      const ids = ops.map((o) => o.id);
      const ticketIds = [...new Set(ops.filter(isTicketOp).map((o) => o.ticketId))];
      const participantIds = [
        ...new Set(ops.flatMap((o) => ("participantId" in o && typeof o.participantId === "string" ? [o.participantId] : []))),
      ];
      const reserved = ops.flatMap((o) => (o.type === "ticket.created" && o.reservedNumber ? [o] : []));
      const [dupRows, ticketRows, numberRows, participantRows, counterRows, blockRows, takenRows] = await Promise.all([
        tx<{ id: string; seq: number }[]>`SELECT id, seq FROM ops WHERE id = ANY(${ids}::text[])`,
        tx<({ ticket_id: string } & TicketRow)[]>`
          SELECT ticket_id, known, owner, domain, transferred FROM tickets WHERE event_id = ${eventId} AND ticket_id = ANY(${ticketIds}::text[])`,
        tx<{ ticket_id: string; domain: string }[]>`
          SELECT ticket_id, domain FROM numbers WHERE event_id = ${eventId} AND ticket_id = ANY(${ticketIds}::text[])`,
        tx<{ participant_id: string }[]>`
          SELECT participant_id FROM participants WHERE event_id = ${eventId} AND participant_id = ANY(${participantIds}::text[])`,
        tx<{ domain: string; next: number }[]>`SELECT domain, next FROM counters WHERE event_id = ${eventId}`,
        reserved.length === 0
          ? []
          : tx<{ domain: string; device_id: string; first: number; last: number }[]>`
              SELECT domain, device_id, first, last FROM blocks WHERE event_id = ${eventId}
              AND device_id = ANY(${[...new Set(reserved.map((o) => o.actor.deviceId))]}::text[])`,
        reserved.length === 0
          ? []
          : tx<{ domain: string; number: number }[]>`
              SELECT domain, number FROM numbers WHERE event_id = ${eventId}
              AND number = ANY(${reserved.map((o) => parseNumber(o.reservedNumber ?? "")?.n ?? -1)}::int[])`,
      ]);
      const stored = new Map(dupRows.map((r) => [r.id, r.seq]));
      const tickets = new Map<string, TicketRow>(ticketRows.map(({ ticket_id, ...row }) => [ticket_id, row]));
      const touched = new Set<string>();
      const numbered = new Set(numberRows.map((r) => `${r.ticket_id}:${r.domain}`));
      const taken = new Set(takenRows.map((r) => `${r.domain}:${r.number}`));
      const deviceParticipants = new Set(participantRows.map((r) => r.participant_id));
      const counters = new Map(counterRows.map((r) => [r.domain, r.next]));
      const changedCounters = new Set<string>();

      const newOps: { event_id: string; seq: number; id: string; subject: string; type: string; hlc: string; json: string }[] =
        [];
      const newNumbers: { event_id: string; domain: string; number: number; ticket_id: string }[] = [];
      const pendingOf = new Map<string, Operation[]>();

      const insertOp = (op: Operation): number => {
        seq += 1;
        stored.set(op.id, seq);
        newOps.push({
          event_id: op.eventId,
          seq,
          id: op.id,
          subject: subjectOf(op),
          type: op.type,
          hlc: op.hlc,
          json: JSON.stringify(op),
        });
        if (isTicketOp(op)) pendingOf.set(op.ticketId, [...(pendingOf.get(op.ticketId) ?? []), op]);
        return seq;
      };

      const holdsBlock = (deviceId: string, domain: string, n: number) =>
        blockRows.some((b) => b.device_id === deviceId && b.domain === domain && b.first <= n && b.last >= n);

      const ensureNumber = (cause: Operation, ticketId: string, domain: DomainCode): number | null => {
        if (numbered.has(`${ticketId}:${domain}`)) return null;
        let n: number | null = null;
        if (cause.type === "ticket.created" && cause.reservedNumber && cause.domain === domain) {
          // A number handed out offline from this device's block is confirmed
          // as it is, unless it is not this device's or was already used.
          const r = parseNumber(cause.reservedNumber);
          if (r && r.domain === domain && holdsBlock(cause.actor.deviceId, domain, r.n) && !taken.has(`${domain}:${r.n}`))
            n = r.n;
        }
        if (n === null) {
          n = counters.get(domain) ?? 1;
          counters.set(domain, n + 1);
          changedCounters.add(domain);
        }
        numbered.add(`${ticketId}:${domain}`);
        taken.add(`${domain}:${n}`);
        newNumbers.push({ event_id: eventId, domain, number: n, ticket_id: ticketId });
        const stamp = clock.after(cause.hlc, ctx.now);
        serverHlc = stamp;
        return insertOp(numberAssigned(eventId, ticketId, domain, n, stamp));
      };

      const factsOf = (row: TicketRow | undefined): TicketFacts | null =>
        row ? { known: row.known, owner: row.owner, domain: (row.domain as DomainCode | null) ?? null } : null;

      /** Keeps the ticket's row and numbers up to date after one of its operations (as sqlite.ts afterTicketOp). */
      const afterTicketOp = async (op: TicketOperation, row: TicketRow | undefined): Promise<number | null> => {
        const next: TicketRow = row ? { ...row } : { known: false, owner: null, domain: null, transferred: false };
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
          // Transfers are rare and the fold decides whether one took effect: fold the ticket again.
          const committed = await tx<{ json: string }[]>`
            SELECT json FROM ops WHERE event_id = ${eventId} AND subject = ${op.ticketId} ORDER BY seq`;
          const all = [...committed.map((r) => JSON.parse(r.json) as Operation), ...(pendingOf.get(op.ticketId) ?? [])];
          const state = foldTicket(all);
          if (state) next.domain = state.domain;
        }
        tickets.set(op.ticketId, next);
        touched.add(op.ticketId);
        if (op.type === "ticket.created") last = ensureNumber(op, op.ticketId, op.domain) ?? last;
        if (next.known && next.transferred && next.domain)
          last = ensureNumber(op, op.ticketId, next.domain as DomainCode) ?? last;
        return last;
      };

      const isDeviceParticipant = (participantId: string): boolean => {
        if (!participantIds.includes(participantId)) {
          // Read ahead are the participant ids the batch's operations carry; authorization asks about no other.
          throw new Error(`participant ${participantId} was not read ahead for this push`);
        }
        return deviceParticipants.has(participantId);
      };

      const results: StoredResult[] = [];
      let lastSeq: number | null = null;
      for (const op of ops) {
        const dup = stored.get(op.id);
        if (dup !== undefined) {
          results.push({ id: op.id, status: "duplicate", seq: dup });
          continue;
        }
        if (op.eventId !== eventId) {
          results.push({
            id: op.id,
            status: "rejected",
            reason: `operation is for event "${op.eventId}", not this device's event`,
          });
          continue;
        }
        const row = isTicketOp(op) ? tickets.get(op.ticketId) : undefined;
        const reason = ctx.authorize(op, factsOf(row), isDeviceParticipant);
        if (reason !== null) {
          results.push({ id: op.id, status: "rejected", reason });
          continue;
        }
        const s = insertOp(op);
        lastSeq = s;
        if (isTicketOp(op)) lastSeq = (await afterTicketOp(op, row)) ?? lastSeq;
        results.push({ id: op.id, status: "accepted", seq: s });
      }

      if (newOps.length > 0) {
        const ticketList = [...touched].map((id) => {
          const t = tickets.get(id) as TicketRow;
          return {
            event_id: eventId,
            ticket_id: id,
            known: t.known,
            owner: t.owner,
            domain: t.domain,
            transferred: t.transferred,
          };
        });
        const counterList = [...changedCounters].map((d) => ({ event_id: eventId, domain: d, next: counters.get(d) ?? 1 }));
        await Promise.all([
          tx`INSERT INTO ops ${tx(newOps, "event_id", "seq", "id", "subject", "type", "hlc", "json")}`,
          ticketList.length === 0
            ? null
            : tx`INSERT INTO tickets ${tx(ticketList, "event_id", "ticket_id", "known", "owner", "domain", "transferred")}
                 ON CONFLICT (event_id, ticket_id) DO UPDATE SET known = excluded.known, owner = excluded.owner,
                   domain = excluded.domain, transferred = excluded.transferred`,
          newNumbers.length === 0 ? null : tx`INSERT INTO numbers ${tx(newNumbers, "event_id", "domain", "number", "ticket_id")}`,
          counterList.length === 0
            ? null
            : tx`INSERT INTO counters ${tx(counterList, "event_id", "domain", "next")}
                 ON CONFLICT (event_id, domain) DO UPDATE SET next = excluded.next`,
          tx`UPDATE event_log SET last_seq = ${seq}, last_server_hlc = ${serverHlc} WHERE event_id = ${eventId}`,
        ]);
      }
      return { results, lastSeq };
    });
  }

  const store: PostgresStore = {
    sql,
    async deploymentId() {
      return deployment;
    },
    async getEvent(eventId) {
      const [row] = await sql<{ json: string }[]>`SELECT json FROM events WHERE id = ${eventId}`;
      return row ? v.parse(EventSchema, JSON.parse(row.json)) : null;
    },
    async putEvent(event, codes) {
      await sql.begin(async (tx) => {
        await tx`INSERT INTO events (id, json, created_at) VALUES (${event.id}, ${JSON.stringify(event)}, ${Date.now()})
                 ON CONFLICT (id) DO UPDATE SET json = excluded.json`;
        // under the event's lock, so two instances seeding at once do not collide on the codes
        await lockEvent(tx, event.id);
        await tx`DELETE FROM event_codes WHERE event_id = ${event.id}`;
        const rows = [
          { event_id: event.id, kind: "participant", desk_id: "", code: codes.participantCode },
          { event_id: event.id, kind: "organizer", desk_id: "", code: codes.organizerCode },
          ...Object.entries(codes.deskCodes).map(([desk, code]) => ({ event_id: event.id, kind: "desk", desk_id: desk, code })),
        ];
        await tx`INSERT INTO event_codes ${tx(rows, "event_id", "kind", "desk_id", "code")}`;
      });
    },
    async getCodes(eventId) {
      const rows = await sql<{ kind: string; desk_id: string; code: string }[]>`
        SELECT kind, desk_id, code FROM event_codes WHERE event_id = ${eventId}`;
      if (rows.length === 0) return null;
      const codes: EventCodes = { participantCode: "", organizerCode: "", deskCodes: {} };
      for (const r of rows) {
        if (r.kind === "participant") codes.participantCode = r.code;
        else if (r.kind === "organizer") codes.organizerCode = r.code;
        else codes.deskCodes[r.desk_id] = r.code;
      }
      return codes;
    },
    async participantIdFor(eventId, deviceId, fresh) {
      const [row] = await sql<{ participant_id: string }[]>`
        WITH added AS (
          INSERT INTO participants (event_id, device_id, participant_id) VALUES (${eventId}, ${deviceId}, ${fresh()})
          ON CONFLICT DO NOTHING RETURNING participant_id
        )
        SELECT participant_id FROM added
        UNION ALL
        SELECT participant_id FROM participants WHERE event_id = ${eventId} AND device_id = ${deviceId}`;
      if (!row) throw new Error("no participant id could be given");
      return row.participant_id;
    },
    async putToken(hash, r) {
      await sql`INSERT INTO tokens (hash, event_id, role, device_id, desk_id, participant_id, expires_at)
                VALUES (${hash}, ${r.eventId}, ${r.role}, ${r.deviceId}, ${r.deskId}, ${r.participantId}, ${r.expiresAt})`;
    },
    async getToken(hash) {
      const [r] = await sql<
        {
          event_id: string;
          role: string;
          device_id: string;
          desk_id: string | null;
          participant_id: string | null;
          expires_at: number;
        }[]
      >`SELECT event_id, role, device_id, desk_id, participant_id, expires_at FROM tokens WHERE hash = ${hash}`;
      if (!r) return null;
      const record: TokenRecord = {
        eventId: r.event_id,
        role: r.role as TokenRecord["role"],
        deviceId: r.device_id,
        deskId: r.desk_id,
        participantId: r.participant_id,
        expiresAt: r.expires_at,
      };
      return record;
    },
    push,
    async pull(eventId, after, limit) {
      const rows = await sql<{ seq: number; json: string; type: Operation["type"]; owner: string | null }[]>`
        SELECT o.seq, o.json, o.type,
          CASE WHEN o.type LIKE 'participant.%' THEN o.subject ELSE t.owner END AS owner
        FROM ops o LEFT JOIN tickets t ON t.event_id = o.event_id AND t.ticket_id = o.subject
        WHERE o.event_id = ${eventId} AND o.seq > ${after} ORDER BY o.seq LIMIT ${limit + 1}`;
      const more = rows.length > limit;
      const ops = (more ? rows.slice(0, limit) : [...rows]).map((r) => ({
        seq: r.seq,
        json: r.json,
        type: r.type,
        owner: r.owner,
      }));
      const page: PullPage = { ops, cursor: ops.at(-1)?.seq ?? after, more };
      return page;
    },
    async latestSeq(eventId) {
      const [row] = await sql<{ last_seq: number }[]>`SELECT last_seq FROM event_log WHERE event_id = ${eventId}`;
      return row?.last_seq ?? 0;
    },
    async reserveBlock(eventId, domain, deviceId, size) {
      return sql.begin(async (tx) => {
        await lockEvent(tx, eventId);
        const [row] = await tx<{ first: number }[]>`
          INSERT INTO counters (event_id, domain, next) VALUES (${eventId}, ${domain}, ${1 + size})
          ON CONFLICT (event_id, domain) DO UPDATE SET next = counters.next + ${size}
          RETURNING next - ${size} AS first`;
        const from = row?.first ?? 1;
        const to = from + size - 1;
        await tx`INSERT INTO blocks (event_id, domain, device_id, first, last) VALUES (${eventId}, ${domain}, ${deviceId}, ${from}, ${to})`;
        return { domain, from, to };
      });
    },
    async integrityCheck() {
      return checkPostgres(sql);
    },
    async close() {
      await sql.end({ timeout: 5 });
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
export async function checkPostgres(sql: Sql): Promise<string> {
  const problems: string[] = [];
  const [beyond] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM ops o LEFT JOIN event_log l ON l.event_id = o.event_id WHERE l.event_id IS NULL OR o.seq > l.last_seq`;
  if (beyond && beyond.n > 0) problems.push(`${beyond.n} operations above their event's sequence counter`);
  const [unmatched] = await sql<{ n: number }[]>`
    SELECT abs((SELECT count(*) FROM numbers) - (SELECT count(*) FROM ops WHERE type = 'ticket.numberAssigned'))::int AS n`;
  if (unmatched && unmatched.n > 0) problems.push(`${unmatched.n} queue numbers without their server operation (or the reverse)`);
  const [amcheck] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'amcheck'`;
  if (amcheck && amcheck.n > 0) {
    try {
      await sql`
        SELECT bt_index_check(c.oid, true) FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND n.nspname = current_schema()`;
    } catch (e) {
      problems.push(`index check: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return problems.length === 0 ? "ok" : problems.join("; ");
}
