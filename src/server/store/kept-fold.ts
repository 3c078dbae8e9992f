import type { DomainCode } from "../../core/domain.ts";
import type { Operation, TicketOperation } from "../../core/operation.ts";
import { foldNext, foldTicket, type TicketState } from "../../core/ticket-fold.ts";

/**
 * A transferred ticket's folded state, kept with its row by both stores and
 * moved on one operation at a time (core/ticket-fold.ts foldNext), so that
 * an operation on a ticket with a long history costs the same as on a new one
 * (issue 9: 3,000 operations on one ticket used to stall every request).
 * The fold decides whether a transfer took effect and which domain a desk
 * acted in; only an operation stamped before the latest (a desk that was
 * offline) needs the whole history again.
 */
export interface KeptFold {
  /** the slim state: what placement needs, without the words */
  state: TicketState;
  /** the latest stamp of the devices' operations folded in */
  last: string;
}

/** Operations that can change who holds a ticket or where it is: only they need the fold again when stamped out of order. */
const MAY_MOVE: ReadonlySet<Operation["type"]> = new Set([
  "ticket.called",
  "ticket.recalled",
  "ticket.started",
  "ticket.transferred",
  "ticket.skipped",
  "ticket.closed",
  "ticket.cancelled",
]);

/** The folded state without the words (question, notes, outcome, rating, conflicts): what placement needs, small. */
function slim(s: TicketState): TicketState {
  return { ...s, question: null, notes: [], outcome: null, rating: null, conflicts: [] };
}

export function readKept(json: string | null): KeptFold | null {
  return json === null ? null : (JSON.parse(json) as KeptFold);
}

/**
 * The domain a desk's `op` happened in, from the kept fold, when `op` comes
 * after everything in it in clock order; null when only the history can tell
 * (core/domain-at.ts domainWhen).
 */
export function keptDomainAt(kept: KeptFold | null, op: Operation): DomainCode | null {
  return kept && op.hlc > kept.last ? kept.state.domain : null;
}

/**
 * The kept fold after `op` was stored: moved on by `op`; "refold" when only
 * the whole history can tell (the first transfer, or an operation that may
 * move the ticket stamped before the latest); null when it stays as it is
 * (a note stamped out of order changes nothing placement needs).
 */
export function moveOn(kept: KeptFold | null, op: TicketOperation): KeptFold | "refold" | null {
  const state = kept ? foldNext(kept.state, op, kept.last) : null;
  if (state) return { state: slim(state), last: op.hlc };
  return kept === null || MAY_MOVE.has(op.type) ? "refold" : null;
}

/** The kept fold of a ticket's whole history (any order), null when it has no operations. */
export function refold(history: readonly Operation[]): KeptFold | null {
  const state = foldTicket(history);
  if (!state) return null;
  const last = history.reduce((m, o) => (o.actor.role !== "server" && o.hlc > m ? o.hlc : m), "");
  return { state: slim(state), last };
}
