import type { DomainCode } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import type { Operation, Role } from "../../core/operation.ts";
import type { ServerHistory } from "../../core/protocol.ts";
import type { NumberRange } from "./numbering.ts";

/**
 * The server's storage contract. Every method is async so that the PostgreSQL
 * store (issue 6) can implement the same interface as the embedded SQLite one;
 * routes never see SQL.
 *
 * What a store must guarantee (store-contract.ts checks it of both stores, with what each store's own tests add):
 * - `push` stores each operation exactly once, whole or not at all, in batch
 *   order: a retry after a crash finds each operation stored once (answered
 *   as a duplicate) or not at all. A batch of up to PUSH_SLICE_MIN operations
 *   commits as one; SQLite commits a larger one in slices (sqlite.ts), so
 *   that one big push cannot hold the server's one thread for long.
 * - Sequence numbers are given in commit order: a pull after cursor N can never
 *   later discover an operation with a sequence number ≤ N.
 * - Queue numbers never repeat within (event, domain), enforced by a unique key.
 * - Personal data (privacy.ts): accepting a `participant.erased` deletes the
 *   participant's stored `participant.registered` operations in the same
 *   transaction, and a `participant.registered` for a participant who has an
 *   erasure is rejected with privacy.ts ERASED_REASON.
 */

export type ClientRole = Exclude<Role, "server">;

/** A push of up to this many operations commits as one (see `push` above); SQLite slices larger ones. */
export const PUSH_SLICE_MIN = 16;

/** The join codes of an event, stored in plain text: they are printed at start and handed out on paper. */
export interface EventCodes {
  participantCode: string;
  organizerCode: string;
  /** desk id (K1, S2, …) to its passcode */
  deskCodes: Record<string, string>;
}

/** What a device token stands for. The token itself is never stored, only its sha256. */
export interface TokenRecord {
  eventId: string;
  role: ClientRole;
  deviceId: string;
  deskId: string | null;
  participantId: string | null;
  /** ms since the epoch */
  expiresAt: number;
}

/**
 * The role and desk a device id is bound to in an event: the first it signed
 * in with (auth.ts). The public key is the one whose hash is the device id,
 * for checking the device's signatures later (relayed operations, issue 11).
 */
export interface DeviceBinding {
  role: ClientRole;
  deskId: string | null;
  publicKey: string;
}

/** What the server knows of a ticket when it authorizes an operation on it. */
export interface TicketFacts {
  /** false while only later operations arrived, not the creation */
  known: boolean;
  /** the participant who owns the ticket (from its creation, or the first participant to act on it) */
  owner: string | null;
  /** the ticket's current domain (its fold's), null while unknown */
  domain: DomainCode | null;
}

export interface PushContext {
  /** the token's event: every operation must belong to it */
  eventId: string;
  /** server wall clock, ms */
  now: number;
  /**
   * The authorization rule, called inside the transaction for each new
   * operation with what the store knows of its subject at that point of the
   * batch (so a ticket created earlier in the same batch is known). Returns a
   * reason to reject, or null to accept.
   */
  authorize(op: Operation, facts: TicketFacts | null, participantIsDevice: (participantId: string) => boolean): string | null;
}

export type StoredResult =
  | { id: string; status: "accepted"; seq: number }
  | { id: string; status: "duplicate"; seq: number }
  | { id: string; status: "rejected"; reason: string };

export interface PushOutcome {
  /** one per input operation, in input order */
  results: StoredResult[];
  /** the highest sequence number committed by this push (server operations included), or null if none */
  lastSeq: number | null;
}

export interface StoredOp {
  seq: number;
  /** the operation exactly as stored, as JSON text (pull sends it without re-encoding) */
  json: string;
  type: Operation["type"];
  /** for ticket operations: the ticket's owner (see TicketFacts.owner) */
  owner: string | null;
}

export interface PullPage {
  ops: StoredOp[];
  /** the last sequence number examined: the next cursor */
  cursor: number;
  more: boolean;
}

export interface NumberBlock {
  domain: DomainCode;
  from: number;
  to: number;
}

/**
 * What the server last heard from one device (issue 5, live overview): kept
 * per (event, device), the latest report wins. Times are ms since the epoch.
 */
export interface DeviceStatus {
  eventId: string;
  deviceId: string;
  role: ClientRole;
  deskId: string | null;
  /** the last request of any kind */
  lastSeenAt: number;
  /** the last successful push / pull, null if never */
  lastPushAt: number | null;
  lastPullAt: number | null;
  /** unsynced changes the device reported (x-loket-pending) */
  pending: number;
  /** the device's last sync error code (x-loket-last-error), null when it reported none */
  lastError: string | null;
}

/**
 * A participant's Web Push subscription (issue 12): where the push service
 * delivers, the browser's keys to encrypt for, and the language of the words.
 * One row per (event, endpoint); it belongs to the participant who saved it.
 */
export interface PushSubscriptionRecord {
  eventId: string;
  participantId: string;
  endpoint: string;
  /** base64url: the browser's P-256 public key and its auth secret */
  p256dh: string;
  auth: string;
  lang: "id" | "en";
  /** ms since the epoch */
  createdAt: number;
}

export interface PurgeOutcome {
  /** participants erased by this purge (already erased ones are not counted) */
  erased: number;
  /** the highest sequence number committed, or null if nothing was */
  lastSeq: number | null;
}

export interface SyncStore {
  // events and their codes
  getEvent(eventId: string): Promise<LoketEvent | null>;
  putEvent(event: LoketEvent, codes: EventCodes): Promise<void>;
  getCodes(eventId: string): Promise<EventCodes | null>;

  // devices
  /** the participant id given to this device in this event, created on first sign-in and kept after */
  participantIdFor(eventId: string, deviceId: string, fresh: () => string): Promise<string>;
  /**
   * What the server knows of a device that may not be the one pushing (relay):
   * its binding and, for a participant's device, its participant id; null if
   * it never signed in to the event. Reads only.
   */
  deviceOf(eventId: string, deviceId: string): Promise<{ binding: DeviceBinding; participantId: string | null } | null>;
  /** binds the device to `binding` unless it is bound already; returns the binding that holds (the first) */
  bindDevice(eventId: string, deviceId: string, binding: DeviceBinding): Promise<DeviceBinding>;
  putToken(tokenHash: string, record: TokenRecord): Promise<void>;
  getToken(tokenHash: string): Promise<TokenRecord | null>;

  /**
   * Every ticket the participant created that the store knows, with its
   * current domain and whether it is open (core/fair-use.ts): the fair-use
   * rule (fair-use.ts). A ticket with a cancellation or a close counts as
   * finished without folding it; the others are folded (few: the rule keeps
   * at most one open per domain).
   */
  ticketsHeldBy(eventId: string, participantId: string): Promise<HeldTicket[]>;

  // operations
  push(ops: readonly Operation[], ctx: PushContext): Promise<PushOutcome>;
  pull(eventId: string, after: number, limit: number): Promise<PullPage>;
  /**
   * The profile operations (`participant.registered`) of these participants
   * stored at or below `upToSeq`, in sequence order: a desk that forgot a
   * profile gets it again with the participant's next ticket.
   */
  profilesOf(eventId: string, participantIds: readonly string[], upToSeq: number): Promise<StoredOp[]>;
  /** the highest sequence number of the event, 0 when it has none */
  latestSeq(eventId: string): Promise<number>;

  /**
   * Reserve up to `size` numbers of a domain for a device, from `range` (the
   * device's own: numbering.ts `reservedRange`), never from the counter that
   * numbers the phones. Null when the range is used up.
   */
  reserveBlock(
    eventId: string,
    domain: DomainCode,
    deviceId: string,
    size: number,
    range: NumberRange,
  ): Promise<NumberBlock | null>;

  // organizer (issue 5)
  /** every event of the deployment, oldest first */
  listEvents(): Promise<LoketEvent[]>;
  /**
   * Upserts device statuses by (eventId, deviceId): role, deskId, lastSeenAt,
   * pending and lastError are replaced; lastPushAt and lastPullAt are replaced
   * only by a non-null value (a pull does not forget the last push).
   */
  recordDevices(statuses: readonly DeviceStatus[]): Promise<void>;
  /** the event's devices, most recently seen first */
  listDevices(eventId: string): Promise<DeviceStatus[]>;
  /**
   * The after-event purge (UU 27/2022), in ONE transaction: for every
   * participant of the event that still has a stored `participant.registered`
   * (walk-ins recorded by desks included), append a server-made
   * `participant.erased` (privacy.ts serverErasure, stamped by the server
   * clock, actor role "server") with the region of their last profile, one
   * seq each, and delete their `participant.registered` operations. Tickets
   * and every other operation stay. Afterwards the store makes the deletion
   * physical (SQLite: secure_delete and a WAL checkpoint with TRUNCATE).
   */
  purgeParticipants(eventId: string, now: number): Promise<PurgeOutcome>;

  // Web Push (issue 12)
  /**
   * Saves (or renews) a subscription. False, and nothing written, when the
   * endpoint is already saved in the event for another participant: a
   * participant subscribes for itself only.
   */
  savePushSubscription(sub: PushSubscriptionRecord): Promise<boolean>;
  /** Deletes one subscription: the participant's own, or any (participantId null: the push service said it is gone). */
  deletePushSubscription(eventId: string, endpoint: string, participantId: string | null): Promise<boolean>;
  /** The event's subscriptions, of these participants only when given. */
  pushSubscriptionsOf(eventId: string, participantIds?: readonly string[]): Promise<PushSubscriptionRecord[]>;
  /**
   * The participant who owns the ticket (TicketFacts.owner), null when it has
   * none or the store does not know the ticket: one row, so that web push
   * need not fold a long history for a ticket whose owner has no subscription.
   */
  ticketOwner(eventId: string, ticketId: string): Promise<string | null>;
  /** Every stored operation of one ticket, any order. */
  ticketOps(eventId: string, ticketId: string): Promise<Operation[]>;
  /** The operations of the domain's open tickets (neither cancelled nor closed): what its line is folded from. */
  lineOps(eventId: string, domain: DomainCode): Promise<Operation[]>;
  /** Records that a one-time message went out for a ticket; false when it had been recorded already (by any instance). */
  markPushSent(eventId: string, ticketId: string, kind: string): Promise<boolean>;

  /**
   * This server's identity and history epoch (core/protocol.ts HISTORY_HEADER),
   * fixed while the store is open. SQLite begins a new epoch at every opening,
   * based at the highest sequence number it ever gave: a file restored from a
   * backup, or one that lost its last commits to a power cut, is then told
   * apart by every device. PostgreSQL keeps its epoch in `meta` until an
   * operator clears it after a restore (docs/ARCHITECTURE.md).
   */
  history(): Promise<ServerHistory>;

  /** "ok" when the database is sound, otherwise what its check reports */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}

/** A participant's ticket as the fair-use rule sees it. */
export interface HeldTicket {
  ticketId: string;
  domain: DomainCode;
  open: boolean;
}
