import { type DomainCode, deskDomain } from "./domain.ts";
import {
  compareOps,
  isTicketOp,
  type Operation,
  type Outcome,
  type Question,
  type SkmScores,
  type TicketOperation,
} from "./operation.ts";

/**
 * The fold: a ticket's operations in, its state out.
 *
 * Order and duplication invariance come from one step: the operations are
 * deduplicated by id and sorted by (clock stamp, id) before they are applied,
 * so any order and any duplication of the same set give the same sequence, and
 * so the same state. Syncing is then a plain set union of operations.
 *
 * Real conflicts are settled by the rules below, applied in that total order;
 * each rule is written out in docs/ARCHITECTURE.md ("Merge rules") and proven in
 * ticket-fold.test.ts. A rule that sets an operation aside records a Conflict so
 * that nothing is settled silently: the losing desk is told, and the organizer
 * reviews the list.
 */
export type TicketStatus = "waiting" | "called" | "serving" | "done" | "noShow" | "cancelled";

export const TERMINAL: ReadonlySet<TicketStatus> = new Set(["done", "noShow", "cancelled"]);

export interface Note {
  readonly id: string;
  readonly deskId: string;
  readonly text: string;
  readonly hlc: string;
}

export type ConflictKind =
  /** a desk called a ticket another desk had already called */
  | "callRace"
  /** a desk started or closed a ticket called by another desk: it takes the ticket over */
  | "takeover"
  /** a desk acted on a ticket it does not hold (ignored) */
  | "notHolder"
  /** the question was edited after the consultation began (the edit is kept aside) */
  | "lateEdit"
  /** the participant cancelled after being called, before the consultation began: cancel wins */
  | "cancelAfterCall"
  /** a desk called a ticket already cancelled (ignored) */
  | "callAfterCancel"
  /** a consultation started or closed although the ticket was cancelled: the consultation wins */
  | "cancelOverridden"
  /** a cancel arrived after the consultation began (ignored) */
  | "cancelAfterStart"
  /** a second close of a closed ticket (the first outcome stands) */
  | "closedTwice"
  /** a desk of another domain acted on the ticket after it was transferred (ignored) */
  | "wrongDomain"
  /** a transfer into the domain the ticket is already in (ignored: it would only reset the line) */
  | "sameDomain";

export interface Conflict {
  readonly kind: ConflictKind;
  /** the operation the rule set aside or overrode */
  readonly opId: string;
  readonly hlc: string;
  /** the desk whose operation lost, if a desk's */
  readonly loser: string | null;
  /** who the rule decided for: a desk id, "participant" or "cancel" */
  readonly winner: string | null;
  /** the edited question kept aside by a late edit */
  readonly question?: Question;
}

export interface Rating {
  readonly scores: SkmScores;
  readonly comment?: string;
  readonly hlc: string;
}

export interface TicketState {
  readonly id: string;
  readonly eventId: string;
  /** false while only later operations of the ticket have arrived, not its creation */
  readonly known: boolean;
  readonly domain: DomainCode;
  readonly originalDomain: DomainCode;
  readonly participantId: string | null;
  readonly question: Question | null;
  readonly priority: boolean;
  /**
   * the stamp whose wall is the real time of arrival, kept through a transfer: the
   * creation's, or the server's receipt (its first number) when the creating device
   * could not know the time (see `arrivalStamp`)
   */
  readonly arrivedAt: string;
  /** clock stamp of the latest return to the line after a skip; the line orders by it */
  readonly requeuedAt: string | null;
  readonly createdBy: string;
  readonly reservedNumber: string | null;
  /** numbers given by the server, per domain (a transfer gets a number in its new domain) */
  readonly numbers: Partial<Record<DomainCode, string>>;
  readonly status: TicketStatus;
  /** the desk that holds the ticket: called, serving, or served it */
  readonly holder: string | null;
  readonly calledAt: string | null;
  readonly lastCalledAt: string | null;
  readonly callCount: number;
  readonly startedAt: string | null;
  /** the first start of a consultation, kept through a transfer: the question is fixed from then on */
  readonly firstStartedAt: string | null;
  readonly closedAt: string | null;
  readonly notes: readonly Note[];
  readonly outcome: Outcome | null;
  readonly rating: Rating | null;
  readonly conflicts: readonly Conflict[];
  /** the latest stamp among the ticket's operations */
  readonly updatedAt: string;
  readonly opCount: number;
}

type Draft = { -readonly [K in keyof TicketState]: TicketState[K] } & {
  notes: Note[];
  conflicts: Conflict[];
};

function emptyState(ticketId: string, first: TicketOperation): Draft {
  return {
    id: ticketId,
    eventId: first.eventId,
    known: false,
    domain: "K",
    originalDomain: "K",
    participantId: null,
    question: null,
    priority: false,
    arrivedAt: first.hlc,
    requeuedAt: null,
    createdBy: first.actor.deviceId,
    reservedNumber: null,
    numbers: {},
    status: "waiting",
    holder: null,
    calledAt: null,
    lastCalledAt: null,
    callCount: 0,
    startedAt: null,
    firstStartedAt: null,
    closedAt: null,
    notes: [],
    outcome: null,
    rating: null,
    conflicts: [],
    updatedAt: first.hlc,
    opCount: 0,
  };
}

/**
 * Deliberate breaks of the merge rules, for the mutant tests only (the rule
 * tests in ticket-fold.test.ts and the simulation must catch each): never set by
 * the app or the server. A switch rather than a parameter, because the fold is
 * called from every store and the server, and a mutant must break all of them
 * at once, as a real bug would.
 */
export interface FoldFaults {
  /** rule 1 broken: a later call takes the ticket from the desk that called first */
  readonly laterCallTakes?: boolean;
  /** rule 6 broken: a transfer keeps the skip time, so the ticket joins the new line by it */
  readonly transferKeepsRequeue?: boolean;
}
let faults: FoldFaults = {};

/** Tests only: break the fold as described until set back to `{}`. */
export function setFoldFaults(f: FoldFaults): void {
  faults = f;
}

/** Deduplicate by id and sort in the total order. */
export function canonicalOrder<T extends Operation>(ops: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const op of ops) if (!byId.has(op.id)) byId.set(op.id, op);
  return [...byId.values()].sort(compareOps);
}

/**
 * Fold one ticket's operations (any order, any duplicates) into its state.
 * Returns null for an empty set.
 */
export function foldTicket(ops: readonly Operation[]): TicketState | null {
  const sorted = canonicalOrder(ops.filter(isTicketOp));
  const first = sorted[0];
  if (!first) return null;
  const s = emptyState(first.ticketId, first);
  // Creation sets the ticket's identity whatever its position in the order, so
  // that a stamp skewed before it cannot make a later operation act on nothing.
  const created = sorted.find((o) => o.type === "ticket.created");
  if (created && created.type === "ticket.created") {
    s.known = true;
    s.domain = created.domain;
    s.originalDomain = created.domain;
    s.participantId = created.participantId;
    s.question = created.question ?? null;
    s.priority = created.priority;
    s.arrivedAt = created.hlc;
    s.createdBy = created.actor.deviceId;
    s.reservedNumber = created.reservedNumber ?? null;
  }
  for (const op of sorted) {
    apply(s, op);
    s.opCount++;
    if (op.hlc > s.updatedAt) s.updatedAt = op.hlc;
  }
  if (created?.type === "ticket.created") s.arrivedAt = arrivalStamp(created, sorted);
  return s;
}

/**
 * One more operation on a folded state: the same as folding everything again,
 * provided `op` sorts after every operation folded so far (its stamp is later
 * than `after`, by default `state.updatedAt`), the creation is among them
 * (`state.known`) and `op` is not the creation. The server passes the latest
 * stamp of the devices' operations as `after`: its own number assignments
 * are stamped by its clock and change nothing that later operations depend on.
 * The server keeps its per-ticket facts this way, so an operation on a ticket
 * with a long history costs the same as on a new one.
 */
export function foldNext(state: TicketState, op: TicketOperation, after: string = state.updatedAt): TicketState | null {
  if (!state.known || op.type === "ticket.created" || !(op.hlc > after)) return null;
  const s: Draft = { ...state, notes: [...state.notes], conflicts: [...state.conflicts] };
  apply(s, op);
  s.opCount++;
  if (op.hlc > s.updatedAt) s.updatedAt = op.hlc;
  return s;
}

/**
 * When the ticket really arrived, as a stamp.
 *
 * A device stamps with the server's time once it has heard it (sync/recorder.ts),
 * so its creation stamp is the real time of taking the ticket, even offline. Two
 * creations cannot be trusted: one made before the device ever heard the server
 * (`untimed`: its raw clock, which may be a year back), and one stamped after the
 * server's own receipt of it (a clock ahead beyond the bound ε; the server's
 * numbering stamp never adopts more). For those the server's receipt, the stamp
 * of its first number, is the arrival: later than the truth by the time the
 * ticket waited to reach the server, never earlier than anyone who came before
 * and reached it first. Until that number arrives, the creation stamp stands.
 */
export function arrivalStamp(created: TicketOperation, sorted: readonly TicketOperation[]): string {
  const receipt = sorted.find((o) => o.type === "ticket.numberAssigned");
  if (!receipt) return created.hlc;
  const untrusted = (created.type === "ticket.created" && created.untimed === true) || created.hlc > receipt.hlc;
  return untrusted ? receipt.hlc : created.hlc;
}

function conflict(s: Draft, op: TicketOperation, kind: ConflictKind, loser: string | null, winner: string | null): void {
  s.conflicts.push({ kind, opId: op.id, hlc: op.hlc, loser, winner });
}

function takeHolding(s: Draft, deskId: string, hlc: string): void {
  s.holder = deskId;
  s.calledAt ??= hlc;
  s.lastCalledAt ??= hlc;
}

function apply(s: Draft, op: TicketOperation): void {
  switch (op.type) {
    case "ticket.created":
      return; // applied up front
    case "ticket.questionEdited":
      if (s.firstStartedAt !== null) {
        // The desk has been answering the question it saw; an edit made after the
        // consultation began must not change the record of what was asked.
        s.conflicts.push({
          kind: "lateEdit",
          opId: op.id,
          hlc: op.hlc,
          loser: "participant",
          winner: s.holder,
          question: op.question,
        });
        return;
      }
      s.question = op.question;
      return;
    case "ticket.numberAssigned":
      // The server never numbers a ticket twice in a domain; should two numbers
      // still meet, the first stands so that a number once shown never changes.
      if (s.numbers[op.domain] === undefined) s.numbers = { ...s.numbers, [op.domain]: op.number };
      return;
    case "ticket.noteAdded":
      // Append-only: a note never overwrites another, whoever holds the ticket.
      s.notes.push({ id: op.id, deskId: op.deskId, text: op.text, hlc: op.hlc });
      return;
    case "ticket.rated":
      // The participant may change their answers: the latest stamp wins.
      s.rating =
        op.comment === undefined ? { scores: op.scores, hlc: op.hlc } : { scores: op.scores, comment: op.comment, hlc: op.hlc };
      return;
    case "ticket.cancelled":
      applyCancel(s, op);
      return;
    default:
      applyDeskAction(s, op);
      return;
  }
}

function applyCancel(s: Draft, op: TicketOperation): void {
  switch (s.status) {
    case "waiting":
    case "noShow":
      s.status = "cancelled";
      return;
    case "called":
      // The participant left before the consultation began: the cancel wins and
      // the calling desk is told.
      conflict(s, op, "cancelAfterCall", s.holder, "cancel");
      s.status = "cancelled";
      s.holder = null;
      return;
    case "serving":
    case "done":
      conflict(s, op, "cancelAfterStart", "participant", s.holder);
      return;
    case "cancelled":
      return;
  }
}

type DeskOp = Extract<TicketOperation, { deskId: string }>;

function applyDeskAction(s: Draft, op: DeskOp): void {
  if (s.known && deskDomain(op.deskId) !== s.domain) {
    conflict(s, op, "wrongDomain", op.deskId, null);
    return;
  }
  switch (op.type) {
    case "ticket.called":
      applyCall(s, op);
      return;
    case "ticket.recalled":
      if (s.status === "called" && s.holder === op.deskId) {
        s.callCount++;
        s.lastCalledAt = op.hlc;
      } else if (s.status === "waiting" || s.status === "noShow") {
        applyCall(s, op);
      } else {
        conflict(s, op, "notHolder", op.deskId, s.holder);
      }
      return;
    case "ticket.started":
      applyServe(s, op, () => {
        s.status = "serving";
        s.startedAt = op.hlc;
        s.firstStartedAt ??= op.hlc;
      });
      return;
    case "ticket.closed":
      if (s.status === "done") {
        conflict(s, op, "closedTwice", op.deskId, s.holder);
        return;
      }
      applyServe(s, op, () => {
        s.status = "done";
        s.startedAt ??= op.hlc;
        s.firstStartedAt ??= op.hlc;
        s.closedAt = op.hlc;
        s.outcome = op.outcome ?? null;
      });
      return;
    case "ticket.skipped":
      if (s.status !== "called" || s.holder !== op.deskId) {
        conflict(s, op, "notHolder", op.deskId, s.holder);
        return;
      }
      s.holder = null;
      if (op.requeue) {
        s.status = "waiting";
        s.requeuedAt = op.hlc;
      } else {
        s.status = "noShow";
      }
      return;
    case "ticket.transferred": {
      if (op.toDomain === s.domain) {
        conflict(s, op, "sameDomain", op.deskId, null);
        return;
      }
      const mayTransfer =
        s.status === "waiting" ||
        s.status === "noShow" ||
        ((s.status === "called" || s.status === "serving") && s.holder === op.deskId);
      if (!mayTransfer) {
        conflict(s, op, "notHolder", op.deskId, s.holder);
        return;
      }
      // Back into the line of the new domain by the original arrival time: a skip
      // in the old line says nothing of the new one. The consultation there is a new
      // one (startedAt), but the question stays fixed if one had begun (firstStartedAt).
      s.domain = op.toDomain;
      s.status = "waiting";
      s.holder = null;
      s.calledAt = null;
      s.lastCalledAt = null;
      s.startedAt = null;
      if (!faults.transferKeepsRequeue) s.requeuedAt = null;
      s.callCount = 0;
      return;
    }
  }
}

function applyCall(s: Draft, op: DeskOp): void {
  switch (s.status) {
    case "waiting":
    case "noShow":
      s.status = "called";
      s.holder = op.deskId;
      s.calledAt = op.hlc;
      s.lastCalledAt = op.hlc;
      s.callCount = 1;
      return;
    case "called":
    case "serving":
      if (s.holder === op.deskId) {
        s.callCount++;
        s.lastCalledAt = op.hlc;
        return;
      }
      if (faults.laterCallTakes && s.status === "called") {
        conflict(s, op, "callRace", s.holder, op.deskId);
        s.holder = op.deskId;
        s.calledAt = op.hlc;
        s.lastCalledAt = op.hlc;
        return;
      }
      // Two desks called the same ticket while apart: the earlier call holds.
      conflict(s, op, "callRace", op.deskId, s.holder);
      return;
    case "cancelled":
      conflict(s, op, "callAfterCancel", op.deskId, "cancel");
      return;
    case "done":
      conflict(s, op, "notHolder", op.deskId, s.holder);
      return;
  }
}

/**
 * Start and close: the participant being at a table is the ground truth. A desk
 * that starts or closes a ticket that another desk only called takes it over;
 * once a consultation runs at one desk, other desks' service actions are set
 * aside. A consultation beats a cancel: the participant is evidently there.
 */
function applyServe(s: Draft, op: DeskOp, serve: () => void): void {
  switch (s.status) {
    case "waiting":
    case "noShow":
      takeHolding(s, op.deskId, op.hlc);
      serve();
      return;
    case "called":
      if (s.holder !== op.deskId) {
        conflict(s, op, "takeover", s.holder, op.deskId);
        s.holder = op.deskId;
      }
      serve();
      return;
    case "serving":
      if (s.holder !== op.deskId) {
        conflict(s, op, "notHolder", op.deskId, s.holder);
        return;
      }
      serve();
      return;
    case "cancelled":
      conflict(s, op, "cancelOverridden", "cancel", op.deskId);
      takeHolding(s, op.deskId, op.hlc);
      serve();
      return;
    case "done":
      conflict(s, op, "notHolder", op.deskId, s.holder);
      return;
  }
}

/** The number to show: the server's, else a reserved one, else a provisional code. */
export function displayNumber(t: Pick<TicketState, "id" | "domain" | "numbers" | "reservedNumber">): {
  text: string;
  provisional: boolean;
} {
  const given = t.numbers[t.domain];
  if (given) return { text: given, provisional: false };
  if (t.reservedNumber?.startsWith(`${t.domain}-`)) return { text: t.reservedNumber, provisional: false };
  return { text: provisionalCode(t.id, t.domain), provisional: true };
}

/** A short code derived from the ticket id, shown until a number arrives: `K·7F3A`. */
export function provisionalCode(ticketId: string, domain: DomainCode): string {
  return `${domain}·${ticketId.slice(-4)}`;
}
