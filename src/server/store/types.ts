import type { DomainCode } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import type { Operation, Role } from "../../core/operation.ts";

/**
 * The server's storage contract. Every method is async so that the PostgreSQL
 * store (issue 6) can implement the same interface as the embedded SQLite one;
 * routes never see SQL.
 *
 * What a store must guarantee (the SQLite store proves it in sqlite.test.ts):
 * - `push` runs one transaction per batch: either the whole batch's outcome is
 *   committed or nothing is, so a retry after a crash finds each operation
 *   stored exactly once (or not at all).
 * - Sequence numbers are given in commit order: a pull after cursor N can never
 *   later discover an operation with a sequence number ≤ N.
 * - Queue numbers never repeat within (event, domain), enforced by a unique key.
 */

export type ClientRole = Exclude<Role, "server">;

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

export interface SyncStore {
  // events and their codes
  getEvent(eventId: string): Promise<LoketEvent | null>;
  putEvent(event: LoketEvent, codes: EventCodes): Promise<void>;
  getCodes(eventId: string): Promise<EventCodes | null>;

  // devices
  /** the participant id given to this device in this event, created on first sign-in and kept after */
  participantIdFor(eventId: string, deviceId: string, fresh: () => string): Promise<string>;
  putToken(tokenHash: string, record: TokenRecord): Promise<void>;
  getToken(tokenHash: string): Promise<TokenRecord | null>;

  // operations
  push(ops: readonly Operation[], ctx: PushContext): Promise<PushOutcome>;
  pull(eventId: string, after: number, limit: number): Promise<PullPage>;
  /** the highest sequence number of the event, 0 when it has none */
  latestSeq(eventId: string): Promise<number>;

  /** reserve `size` numbers of a domain for a device, from the same counter as the server's own numbers */
  reserveBlock(eventId: string, domain: DomainCode, deviceId: string, size: number): Promise<NumberBlock>;

  /** "ok" when the database is sound, otherwise what its check reports */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}
