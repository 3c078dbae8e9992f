/**
 * PostgreSQL schema, one entry per version, recorded in `schema_migrations`.
 * Append only: a released entry is never edited; a change is a new entry.
 * Every instance runs them at start under one advisory lock, each in its own
 * transaction, so two instances starting together migrate once and opening an
 * up-to-date database changes nothing.
 *
 * The tables mirror the SQLite schema (migrations.ts) with two differences:
 * - `event_log` holds, per event, the last sequence number given and the last
 *   stamp of a server operation. Its row is the lock that serializes the
 *   writes of one event across instances (see postgres.ts), and `ops.seq` is
 *   given from it, so sequence numbers are per event and in commit order.
 * - `meta` holds the deployment id, which the SQLite import checks.
 */
export const MIGRATIONS_LOCK = 0x6c6f6b65; // "loke": the advisory lock key of the migrations

export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: events, codes, devices, the operation log and what authorization and numbering need
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE event_codes (
    event_id TEXT NOT NULL REFERENCES events(id),
    kind TEXT NOT NULL CHECK (kind IN ('participant', 'organizer', 'desk')),
    desk_id TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    PRIMARY KEY (event_id, kind, desk_id)
  );
  -- one row per event: the write lock of the event, its sequence counter and the server's clock
  CREATE TABLE event_log (
    event_id TEXT PRIMARY KEY,
    last_seq BIGINT NOT NULL DEFAULT 0,
    last_server_hlc TEXT
  );
  CREATE TABLE participants (
    event_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    PRIMARY KEY (event_id, device_id),
    UNIQUE (event_id, participant_id)
  );
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    role TEXT NOT NULL,
    device_id TEXT NOT NULL,
    desk_id TEXT,
    participant_id TEXT,
    expires_at BIGINT NOT NULL
  );
  -- the operation log; seq is per event, given under the event's lock, so in commit order
  CREATE TABLE ops (
    event_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    type TEXT NOT NULL,
    hlc TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (event_id, seq)
  );
  CREATE INDEX ops_event_subject ON ops (event_id, subject);
  CREATE TABLE tickets (
    event_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    known BOOLEAN NOT NULL,
    owner TEXT,
    domain TEXT,
    transferred BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (event_id, ticket_id)
  );
  -- queue numbers given: never twice in (event, domain), one per ticket and domain
  CREATE TABLE numbers (
    event_id TEXT NOT NULL,
    domain TEXT NOT NULL,
    number INTEGER NOT NULL,
    ticket_id TEXT NOT NULL,
    PRIMARY KEY (event_id, domain, number),
    UNIQUE (event_id, ticket_id, domain)
  );
  CREATE TABLE counters (
    event_id TEXT NOT NULL,
    domain TEXT NOT NULL,
    next INTEGER NOT NULL,
    PRIMARY KEY (event_id, domain)
  );
  -- what each device last reported of its sync (the organizer's live overview)
  CREATE TABLE devices (
    event_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    role TEXT NOT NULL,
    desk_id TEXT,
    last_seen_at BIGINT NOT NULL,
    last_push_at BIGINT,
    last_pull_at BIGINT,
    pending INTEGER NOT NULL,
    last_error TEXT,
    PRIMARY KEY (event_id, device_id)
  );
  CREATE TABLE blocks (
    event_id TEXT NOT NULL,
    domain TEXT NOT NULL,
    device_id TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (event_id, domain, first)
  );
  `,
  // 2: a participant's tickets, to take their words out when their data is erased (privacy.ts)
  `
  CREATE INDEX tickets_owner ON tickets (event_id, owner);
  `,
  // 3: each device id's role and desk, fixed at its first sign-in, and its public key (auth.ts)
  `
  CREATE TABLE device_bindings (
    event_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    role TEXT NOT NULL,
    desk_id TEXT,
    public_key TEXT NOT NULL,
    PRIMARY KEY (event_id, device_id)
  );
  `,
  // 4: Web Push subscriptions and the one-time messages already sent (as SQLite's 7)
  `
  CREATE TABLE push_subscriptions (
    event_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, endpoint)
  );
  CREATE INDEX push_subscriptions_participant ON push_subscriptions (event_id, participant_id);
  CREATE TABLE push_sent (
    event_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (event_id, ticket_id, kind)
  );
  `,
  // 5: a transferred ticket's kept fold (as SQLite's 6): an operation on it no longer folds its whole history
  `
  ALTER TABLE tickets ADD COLUMN fold TEXT;
  `,
];
