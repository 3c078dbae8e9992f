/**
 * SQLite schema, one entry per version (PRAGMA user_version). Append only: a
 * released entry is never edited; a change is a new entry. Each runs in its own
 * transaction at open, so opening an up-to-date file changes nothing.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: events, codes, devices, the operation log and what authorization and numbering need
  `
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE event_codes (
    event_id TEXT NOT NULL REFERENCES events(id),
    kind TEXT NOT NULL CHECK (kind IN ('participant', 'organizer', 'desk')),
    desk_id TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    PRIMARY KEY (event_id, kind, desk_id)
  ) WITHOUT ROWID;
  -- the participant id the server gave each participant device, kept across sign-ins
  CREATE TABLE participants (
    event_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    PRIMARY KEY (event_id, device_id),
    UNIQUE (event_id, participant_id)
  ) WITHOUT ROWID;
  -- device tokens: only the sha256 of the token is kept
  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    role TEXT NOT NULL,
    device_id TEXT NOT NULL,
    desk_id TEXT,
    participant_id TEXT,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- the operation log; seq is the commit order (one writer at a time)
  CREATE TABLE ops (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    type TEXT NOT NULL,
    hlc TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX ops_event_seq ON ops (event_id, seq);
  CREATE INDEX ops_event_subject ON ops (event_id, subject);
  -- per ticket, what authorization needs: its owner and current domain
  CREATE TABLE tickets (
    event_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    known INTEGER NOT NULL,
    owner TEXT,
    domain TEXT,
    transferred INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, ticket_id)
  ) WITHOUT ROWID;
  -- queue numbers given: never twice in (event, domain), one per ticket and domain
  CREATE TABLE numbers (
    event_id TEXT NOT NULL,
    domain TEXT NOT NULL,
    number INTEGER NOT NULL,
    ticket_id TEXT NOT NULL,
    PRIMARY KEY (event_id, domain, number),
    UNIQUE (event_id, ticket_id, domain)
  ) WITHOUT ROWID;
  CREATE TABLE counters (
    event_id TEXT NOT NULL,
    domain TEXT NOT NULL,
    next INTEGER NOT NULL,
    PRIMARY KEY (event_id, domain)
  ) WITHOUT ROWID;
  -- numbers reserved by a device for offline walk-ins, carved from the counter
  CREATE TABLE blocks (
    event_id TEXT NOT NULL,
    domain TEXT NOT NULL,
    device_id TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (event_id, domain, first)
  ) WITHOUT ROWID;
  `,
  // 2: what each device last reported of its sync (issue 5, live overview)
  `
  CREATE TABLE devices (
    event_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    role TEXT NOT NULL,
    desk_id TEXT,
    last_seen_at INTEGER NOT NULL,
    last_push_at INTEGER,
    last_pull_at INTEGER,
    pending INTEGER NOT NULL,
    last_error TEXT,
    PRIMARY KEY (event_id, device_id)
  ) WITHOUT ROWID;
  `,
  // 3: the deployment this file belongs to (scripts/import-sqlite.ts refuses another deployment's file)
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 4: a participant's tickets, to take their words out when their data is erased (privacy.ts)
  `
  CREATE INDEX tickets_owner ON tickets (event_id, owner);
  `,
  // 5: each device id's role and desk, fixed at its first sign-in, and its public key (auth.ts)
  `
  CREATE TABLE device_bindings (
    event_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    role TEXT NOT NULL,
    desk_id TEXT,
    public_key TEXT NOT NULL,
    PRIMARY KEY (event_id, device_id)
  ) WITHOUT ROWID;
  `,
  // 6: a transferred ticket's folded state (slim: no words), kept up to date operation by operation (sqlite.ts afterTicketOp)
  `
  ALTER TABLE tickets ADD COLUMN fold TEXT;
  `,
  // 7: Web Push subscriptions (one row per endpoint, owned by the participant who saved it)
  // and the one-time messages already sent ("near" per ticket), so that a restart does not repeat them
  `
  CREATE TABLE push_subscriptions (
    event_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, endpoint)
  ) WITHOUT ROWID;
  CREATE INDEX push_subscriptions_participant ON push_subscriptions (event_id, participant_id);
  CREATE TABLE push_sent (
    event_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (event_id, ticket_id, kind)
  ) WITHOUT ROWID;
  `,
];
