import { closeSync, existsSync, openSync, readSync } from "node:fs";
import Database from "better-sqlite3";
import { SQLITE_MIGRATIONS } from "../src/server/store/migrations.ts";
import { isPostgresUrl, redactUrl } from "../src/server/store/open.ts";
import { lockEvent, openPostgresStore, type PostgresStore, rows, transaction } from "../src/server/store/postgres.ts";
import type { DeviceRow, TokenRow } from "../src/server/store/rows.ts";

/**
 * `npm run import:sqlite -- <file.sqlite> [--event <id>]`, with DATABASE_URL:
 * moves the record of an event (or of every event) from a venue laptop's
 * SQLite file into the central PostgreSQL.
 *
 * Idempotent: operations are matched by id, so running it twice, or after
 * devices already pushed part of the record to the central server, adds only
 * what is missing. Operations new to the central database get sequence numbers
 * after those it has, in the order the laptop gave them; their JSON is kept
 * byte for byte. Queue numbers, reserved blocks and counters come along (a
 * counter never goes back), as do participant ids and device tokens, so that
 * devices signed in at the venue keep working against the central server; the
 * event's codes are taken only when the central database does not know the
 * event yet.
 *
 * Refused, with a message and nothing written: a file that is not SQLite, a
 * corrupt one (PRAGMA integrity_check), one that is not a Loket data file or
 * is newer than this tool, one that belongs to another deployment (its
 * `meta.deployment_id` differs from the central database's), and an event
 * whose queue numbers collide with those the central database gave.
 */
export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefused";
  }
}

export interface EventImport {
  eventId: string;
  /** operations added to the central database */
  added: number;
  /** operations it already had */
  present: number;
  /** the event was new to the central database */
  newEvent: boolean;
}

export interface ImportReport {
  file: string;
  deployment: string | null;
  events: EventImport[];
}

const SQLITE_MAGIC = "SQLite format 3\u0000";
const CHUNK = 1000;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Opens the file read-only after checking that it is a sound Loket SQLite file. */
export function openVenueFile(file: string): Database.Database {
  if (!existsSync(file)) throw new ImportRefused(`${file}: no such file`);
  const head = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") !== SQLITE_MAGIC) throw new ImportRefused(`${file} is not a SQLite database`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new ImportRefused(`${file} cannot be opened: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    let report: string;
    try {
      const rows = db.pragma("integrity_check(20)") as { integrity_check: string }[];
      report = rows.map((r) => r.integrity_check).join("; ");
    } catch (e) {
      report = e instanceof Error ? e.message : String(e);
    }
    if (report !== "ok")
      throw new ImportRefused(`${file} is corrupt, nothing was imported (integrity check: ${report.slice(0, 500)})`);
    const version = db.pragma("user_version", { simple: true }) as number;
    const hasOps = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ops'").get() !== undefined;
    if (version < 1 || !hasOps) throw new ImportRefused(`${file} is a SQLite database but not a Loket data file`);
    if (version > SQLITE_MIGRATIONS.length) {
      throw new ImportRefused(
        `${file} has schema version ${version}, newer than this tool (${SQLITE_MIGRATIONS.length}): update Loket first`,
      );
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The file's deployment id: `meta.deployment_id` where the file has that table, else null (a file from before deployment ids). */
export function deploymentOf(db: Database.Database): string | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  if (!hasMeta) return null;
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'deployment_id'").get();
  return row?.value ?? null;
}

export async function importSqlite(file: string, store: PostgresStore, only?: string): Promise<ImportReport> {
  const db = openVenueFile(file);
  try {
    const central = await store.deploymentId();
    const deployment = deploymentOf(db);
    if (deployment !== null && deployment !== central) {
      throw new ImportRefused(
        `${file} belongs to deployment "${deployment}", but the central database is deployment "${central}": nothing was imported`,
      );
    }
    const events = db
      .prepare<[], { id: string }>("SELECT id FROM events ORDER BY created_at, id")
      .all()
      .map((r) => r.id);
    if (only !== undefined && !events.includes(only)) {
      throw new ImportRefused(`${file} has no event "${only}" (it has: ${events.join(", ") || "none"})`);
    }
    const chosen = only === undefined ? events : [only];
    // Check every chosen event before writing any, so a refusal leaves the central database untouched.
    for (const eventId of chosen) await checkNumbers(db, store, eventId);
    const report: ImportReport = { file, deployment, events: [] };
    for (const eventId of chosen) report.events.push(await importEvent(db, store, eventId));
    // fresh statistics for the planner after a bulk load
    if (report.events.some((e) => e.added > 0)) await store.db.query("ANALYZE ops, tickets, numbers");
    return report;
  } finally {
    db.close();
  }
}

async function checkNumbers(db: Database.Database, store: PostgresStore, eventId: string): Promise<void> {
  const given = db
    .prepare<[string], { domain: string; number: number; ticket_id: string }>(
      "SELECT domain, number, ticket_id FROM numbers WHERE event_id = ?",
    )
    .all(eventId);
  for (const part of chunks(given)) {
    const clash = await rows<{ domain: string; number: number }>(
      store.db,
      `SELECT n.domain, n.number FROM numbers n
       JOIN unnest($2::text[], $3::int[], $4::text[]) AS f(domain, number, ticket_id)
         ON (n.domain = f.domain AND n.number = f.number AND n.ticket_id <> f.ticket_id)
         OR (n.domain = f.domain AND n.ticket_id = f.ticket_id AND n.number <> f.number)
       WHERE n.event_id = $1 LIMIT 1`,
      [eventId, part.map((r) => r.domain), part.map((r) => r.number), part.map((r) => r.ticket_id)],
    );
    const c = clash[0];
    if (c) {
      throw new ImportRefused(
        `event "${eventId}": queue number ${c.domain}-${String(c.number).padStart(3, "0")} was given to different tickets in this file and in the central database ` +
          "(the event ran in both places at once?): nothing was imported",
      );
    }
  }
}

async function importEvent(db: Database.Database, store: PostgresStore, eventId: string): Promise<EventImport> {
  const all = <T>(q: string) => db.prepare<[string], T>(q).all(eventId);
  const event = db
    .prepare<[string], { json: string; created_at: number }>("SELECT json, created_at FROM events WHERE id = ?")
    .get(eventId);
  const codes = all<{ kind: string; desk_id: string; code: string }>(
    "SELECT kind, desk_id, code FROM event_codes WHERE event_id = ?",
  );
  const participants = all<{ device_id: string; participant_id: string }>(
    "SELECT device_id, participant_id FROM participants WHERE event_id = ?",
  );
  const tokens = all<Omit<TokenRow, "event_id"> & { hash: string }>(
    "SELECT hash, role, device_id, desk_id, participant_id, expires_at FROM tokens WHERE event_id = ?",
  );
  const hasBindings =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'device_bindings'").get() !== undefined;
  const bindings = hasBindings
    ? all<{ device_id: string; role: string; desk_id: string | null; public_key: string }>(
        "SELECT device_id, role, desk_id, public_key FROM device_bindings WHERE event_id = ?",
      )
    : [];
  const ops = all<{ id: string; subject: string; type: string; hlc: string; json: string }>(
    "SELECT id, subject, type, hlc, json FROM ops WHERE event_id = ? ORDER BY seq",
  );
  const tickets = all<{ ticket_id: string; known: number; owner: string | null; domain: string | null; transferred: number }>(
    "SELECT ticket_id, known, owner, domain, transferred FROM tickets WHERE event_id = ?",
  );
  const numbers = all<{ domain: string; number: number; ticket_id: string }>(
    "SELECT domain, number, ticket_id FROM numbers WHERE event_id = ?",
  );
  const counters = all<{ domain: string; next: number }>("SELECT domain, next FROM counters WHERE event_id = ?");
  const blocks = all<{ domain: string; device_id: string; first: number; last: number }>(
    "SELECT domain, device_id, first, last FROM blocks WHERE event_id = ?",
  );
  const hasDevices = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'devices'").get() !== undefined;
  const devices = hasDevices
    ? all<DeviceRow>(
        "SELECT device_id, role, desk_id, last_seen_at, last_push_at, last_pull_at, pending, last_error FROM devices WHERE event_id = ?",
      )
    : [];
  const serverHlc = ops
    .filter((o) => o.type === "ticket.numberAssigned")
    .reduce<string | null>((m, o) => (m === null || o.hlc > m ? o.hlc : m), null);

  const col = <T, K extends keyof T>(xs: readonly T[], k: K) => xs.map((x) => x[k]);
  return transaction(store.db, async (tx) => {
    const known = await rows<{ one: number }>(tx, "SELECT 1 AS one FROM events WHERE id = $1", [eventId]);
    const newEvent = known.length === 0 && event !== undefined;
    if (event) {
      await tx.query("INSERT INTO events (id, json, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING", [
        eventId,
        event.json,
        event.created_at,
      ]);
    }
    const log = await lockEvent(tx, eventId);
    if (newEvent && codes.length > 0) {
      await tx.query(
        "INSERT INTO event_codes (event_id, kind, desk_id, code) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING",
        [eventId, col(codes, "kind"), col(codes, "desk_id"), col(codes, "code")],
      );
    }
    for (const part of chunks(participants)) {
      await tx.query(
        "INSERT INTO participants (event_id, device_id, participant_id) SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING",
        [eventId, col(part, "device_id"), col(part, "participant_id")],
      );
    }
    for (const part of chunks(tokens)) {
      await tx.query(
        `INSERT INTO tokens (event_id, hash, role, device_id, desk_id, participant_id, expires_at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[]) ON CONFLICT DO NOTHING`,
        [
          eventId,
          ...(["hash", "role", "device_id", "desk_id", "participant_id", "expires_at"] as const).map((k) => col(part, k)),
        ],
      );
    }
    // a device keeps the role it was first bound to at the venue (auth.ts)
    for (const part of chunks(bindings)) {
      await tx.query(
        `INSERT INTO device_bindings (event_id, device_id, role, desk_id, public_key)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
        [eventId, ...(["device_id", "role", "desk_id", "public_key"] as const).map((k) => col(part, k))],
      );
    }

    // Operations: those the central database lacks, after its own, in the laptop's order.
    const present = new Set<string>();
    for (const part of chunks(ops)) {
      const found = await rows<{ id: string }>(tx, "SELECT id FROM ops WHERE id = ANY($1::text[])", [col(part, "id")]);
      for (const r of found) present.add(r.id);
    }
    let seq = log.last_seq;
    const fresh = ops.filter((o) => !present.has(o.id)).map((o) => ({ seq: ++seq, ...o }));
    for (const part of chunks(fresh)) {
      await tx.query(
        `INSERT INTO ops (event_id, seq, id, subject, type, hlc, json)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [eventId, ...(["seq", "id", "subject", "type", "hlc", "json"] as const).map((k) => col(part, k))],
      );
    }

    // A ticket the central database knows only from later operations takes the laptop's facts.
    // A kept fold (kept-fold.ts) may lack the operations just added: dropped, the next operation folds the history again.
    for (const part of chunks(tickets)) {
      await tx.query(
        `INSERT INTO tickets (event_id, ticket_id, known, owner, domain, transferred)
         SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::text[], $5::text[], $6::boolean[])
         ON CONFLICT (event_id, ticket_id) DO UPDATE SET
           owner = CASE WHEN tickets.known THEN tickets.owner ELSE excluded.owner END,
           domain = CASE WHEN tickets.known THEN tickets.domain ELSE excluded.domain END,
           known = tickets.known OR excluded.known,
           transferred = tickets.transferred OR excluded.transferred,
           fold = NULL`,
        [
          eventId,
          col(part, "ticket_id"),
          part.map((t) => t.known === 1),
          col(part, "owner"),
          col(part, "domain"),
          part.map((t) => t.transferred === 1),
        ],
      );
    }
    for (const part of chunks(numbers)) {
      await tx.query(
        "INSERT INTO numbers (event_id, domain, number, ticket_id) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[]) ON CONFLICT DO NOTHING",
        [eventId, col(part, "domain"), col(part, "number"), col(part, "ticket_id")],
      );
    }
    if (counters.length > 0) {
      await tx.query(
        `INSERT INTO counters (event_id, domain, next) SELECT $1, * FROM unnest($2::text[], $3::int[])
         ON CONFLICT (event_id, domain) DO UPDATE SET next = GREATEST(counters.next, excluded.next)`,
        [eventId, col(counters, "domain"), col(counters, "next")],
      );
    }
    if (blocks.length > 0) {
      await tx.query(
        `INSERT INTO blocks (event_id, domain, device_id, first, last) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::int[])
         ON CONFLICT DO NOTHING`,
        [eventId, col(blocks, "domain"), col(blocks, "device_id"), col(blocks, "first"), col(blocks, "last")],
      );
    }
    for (const part of chunks(devices)) {
      await tx.query(
        `INSERT INTO devices (event_id, device_id, role, desk_id, last_seen_at, last_push_at, last_pull_at, pending, last_error)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::int[], $9::text[])
         ON CONFLICT DO NOTHING`,
        [
          eventId,
          ...(
            ["device_id", "role", "desk_id", "last_seen_at", "last_push_at", "last_pull_at", "pending", "last_error"] as const
          ).map((k) => col(part, k)),
        ],
      );
    }
    await tx.query(
      `UPDATE event_log SET last_seq = $2,
         last_server_hlc = CASE WHEN last_server_hlc IS NULL OR last_server_hlc < $3 THEN $3 ELSE last_server_hlc END
       WHERE event_id = $1`,
      [eventId, seq, serverHlc],
    );
    const result: EventImport = { eventId, added: fresh.length, present: present.size, newEvent };
    return result;
  });
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let only: string | undefined;
  const at = args.indexOf("--event");
  if (at >= 0) {
    only = args[at + 1];
    args.splice(at, 2);
  }
  const file = args[0];
  if (!file || args.length !== 1 || (at >= 0 && !only)) {
    process.stderr.write("usage: DATABASE_URL=postgres://… npm run import:sqlite -- <loket.sqlite> [--event <event id>]\n");
    return 2;
  }
  const url = process.env.DATABASE_URL;
  if (!isPostgresUrl(url)) {
    process.stderr.write("loket import: set DATABASE_URL=postgres://… to the central database\n");
    return 2;
  }
  let store: PostgresStore | undefined;
  try {
    // Checked before connecting, so that a wrong file is told at once.
    openVenueFile(file).close();
    const deployment = process.env.LOKET_DEPLOYMENT_ID;
    store = await openPostgresStore(url, deployment ? { deploymentId: deployment, max: 2 } : { max: 2 });
    const report = await importSqlite(file, store, only);
    const lines = report.events.map(
      (e) =>
        `  ${e.eventId}: ${e.added} operations added, ${e.present} already there${e.newEvent ? " (new event, with its codes)" : ""}`,
    );
    process.stdout.write(
      `Imported ${file} into ${redactUrl(url)}${report.deployment === null ? " (the file names no deployment)" : ""}\n${lines.join("\n")}\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`loket import: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

if (process.argv[1]?.endsWith("import-sqlite.ts")) {
  process.exitCode = await main(process.argv.slice(2));
}
