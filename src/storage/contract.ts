import type { DomainCode } from "../core/domain.ts";
import type { Operation, OperationType } from "../core/operation.ts";
import type { ParticipantState } from "../core/participant-fold.ts";
import type { PulledOp, RelayProof } from "../core/protocol.ts";
import type { TicketState } from "../core/ticket-fold.ts";
import type { ReservedBlock } from "./reserved-numbers.ts";

/**
 * The device's local store, as the sync engine and the screens see it.
 *
 * The operations table is the source of truth; the tickets and participants
 * tables are folds of it, rewritten in the same transaction as every write, so
 * a screen never sees an operation without its effect, nor the reverse.
 *
 * Two implementations: `DexieStore` (IndexedDB, the app) and `MemoryStore`
 * (tests and the multi-device simulation). Screens call these methods, never
 * Dexie tables.
 */
export interface LocalStore {
  /**
   * Record operations made on this device: stored with the outbox mark, states
   * refolded, each with its author's proof when `proofs` has one (the recorder
   * signs what it records, so that another device can carry it: relay).
   */
  appendLocal(ops: readonly Operation[], proofs?: OpProofs): Promise<void>;
  /**
   * Record operations pulled from the server and the new cursor, in one
   * transaction, with the page's operations this app cannot read yet (kept
   * raw). Operations already held are not duplicated; an outbox operation that
   * comes back from the server is marked acknowledged.
   */
  applyPulled(entries: readonly PulledOp[], cursor: number, unreadable?: readonly UnreadableOp[]): Promise<void>;
  /**
   * Pulled operations this app could not read (a type from a newer server):
   * kept raw, never skipped, so that the app, once updated, reads and applies
   * them (`applyPulled` with their `seq` takes them off this list).
   */
  unreadable(): Promise<UnreadableOp[]>;
  /**
   * Operations imported from a log bundle or a QR handoff: like local ones, they
   * go out, with their authors' proofs (kept beside them, and added to an
   * operation already held without one).
   */
  importOps(ops: readonly Operation[], proofs?: OpProofs): Promise<number>;
  /** The proofs held for these operations (those without one left out): the push and the exports carry them. */
  proofsOf(ids: readonly string[]): Promise<OpProofs>;
  /** Up to `limit` operations not yet acknowledged by the server, oldest first. */
  outbox(limit: number): Promise<Operation[]>;
  outboxCount(): Promise<number>;
  /** Drop the outbox mark of operations the server accepted (or already had), with their sequence numbers. */
  markAcknowledged(acks: readonly { id: string; seq: number }[]): Promise<void>;
  /**
   * Take operations the server refused out of the outbox, never silently: each is
   * kept (left out of every fold, so the device agrees with the server) and listed
   * under the meta key "rejected" (`RejectedOp[]`) for the screens to show.
   */
  markRejected(rejections: readonly { id: string; reason: string }[]): Promise<void>;
  cursor(): Promise<number>;
  /**
   * The server lost its history after sequence number `base` (a restore): put
   * every held operation that `mine` picks and that the server confirmed after
   * `base` (or never confirmed) back into the outbox, delete the server's own
   * operations (queue numbers) confirmed after `base` (the server numbers those
   * tickets again when their authors push them again), and move the cursor back
   * to `base` if it is past it, in one transaction. Refused operations stay
   * refused. Returns how many went back into the outbox.
   */
  rewind(base: number, mine: (op: Operation) => boolean): Promise<number>;

  ticket(id: string): Promise<TicketState | undefined>;
  /** Waiting tickets of a domain in line order (priority, then arrival). */
  waitingLine(domain: DomainCode): Promise<TicketState[]>;
  ticketsOfParticipant(participantId: string): Promise<TicketState[]>;
  /** Tickets created on a device (a desk's or a kiosk's walk-ins), by id. */
  ticketsCreatedBy(deviceId: string): Promise<TicketState[]>;
  allTickets(): Promise<TicketState[]>;
  participant(id: string): Promise<ParticipantState | undefined>;
  allParticipants(): Promise<ParticipantState[]>;
  /** The operations held (those the server refused excluded), in the total order. */
  operationsOf(subjectId: string): Promise<Operation[]>;
  allOperations(): Promise<Operation[]>;

  /**
   * Data minimisation on desks (UU 27/2022): delete the profile operations
   * (`participant.registered`) of the participants that `pick` names, keeping
   * any the server has not acknowledged yet. `pick` sees the states in the same
   * transaction, so a ticket pulled meanwhile cannot be missed. Returns how many
   * participants lost a profile operation.
   */
  forgetProfiles(pick: ProfilePicker): Promise<number>;
  /**
   * For a device that stops being a desk (an organizer signs in on the desk's
   * laptop): if it ever forgot profiles, move the cursor back to the start so
   * that the next pull brings them all again. Returns whether it did.
   */
  recallForgottenProfiles(): Promise<boolean>;
  /**
   * UU 27/2022: rewrite the held operations of every ticket whose owner's
   * erasure this device holds without that participant's own words (question
   * text, rating comment; core/redaction.ts) and refold them. Returns how many
   * operations were rewritten (0 once done).
   */
  redactErased(): Promise<number>;

  /** Keeps a block of reserved numbers the server gave this device (storage/reserved-numbers.ts). */
  addReservedBlock(block: ReservedBlock): Promise<void>;
  /**
   * Takes the next reserved number of the domain, read and marked used in one
   * transaction: two walk-ins at the same moment (one tab or two) never share
   * one. Null when none is left.
   */
  takeReservedNumber(domain: string): Promise<number | null>;
  /** The reserved blocks held, used-up ones left out. */
  reservedBlocks(): Promise<ReservedBlock[]>;

  /** Small device settings: session, clock, language, alerts. */
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta<T>(key: string, value: T): Promise<void>;

  /**
   * Erase everything but the hybrid clock (meta "clock": stamps made after a clear
   * must still sort after those made before); refused (throws UnsyncedChangesError)
   * while the outbox is not empty. The device id goes too: whoever uses the phone
   * next is a new device to the server.
   */
  clear(): Promise<void>;
}

/** Operation id → its author's proof (public key and signature, core/op-signature.ts). */
export type OpProofs = Readonly<Record<string, RelayProof>>;

export type ProfilePicker = (participants: readonly ParticipantState[], tickets: readonly TicketState[]) => string[];

/** Meta key set once the device has forgotten a profile (see `forgetProfiles`). */
export const PROFILES_FORGOTTEN_KEY = "profilesForgotten";

/**
 * Meta key of the newest clock stamp the device has taken in (pulled, or imported
 * from a QR code or a bundle), written in the same transaction as the operations
 * that carry it: the recorder merges it before every stamp, so a crash between
 * storing a page and merging its clock cannot let a new operation sort before
 * one already held.
 */
export const SEEN_CLOCK_KEY = "clockSeen";

/** The newest stamp among `ops` and `seen`, or undefined when there is none. */
export function newestStamp(seen: string | undefined, ops: Iterable<{ readonly hlc: string }>): string | undefined {
  let newest = seen;
  for (const op of ops) if (newest === undefined || op.hlc > newest) newest = op.hlc;
  return newest;
}

/** Meta keys that survive `clear()`: the clock, what it has seen, and the device clock's offset to the server's. */
export const KEPT_ON_CLEAR: readonly string[] = ["clock", SEEN_CLOCK_KEY, "clockOffset"];

export class UnsyncedChangesError extends Error {
  constructor(readonly pending: number) {
    super(`${pending} change(s) have not reached the server yet`);
    this.name = "UnsyncedChangesError";
  }
}

/** A pulled operation as the server sent it, not (yet) readable by this version of the app. */
export interface UnreadableOp {
  readonly seq: number;
  readonly raw: unknown;
  /** why the validator refused it, for support */
  readonly reason: string;
}

/** An operation the server refused, as listed under the meta key "rejected". */
export interface RejectedOp {
  readonly id: string;
  readonly type: OperationType;
  readonly subjectId: string;
  readonly hlc: string;
  /** the server's reason, in its words */
  readonly reason: string;
}
