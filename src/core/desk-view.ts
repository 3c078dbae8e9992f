import type { DomainCode } from "./domain.ts";
import { waitingLine } from "./queue.ts";
import { type ConflictKind, displayNumber, type TicketState } from "./ticket-fold.ts";

/**
 * What a desk screen shows, derived from the tickets the device holds: its
 * current consultation, the line, the participants busy elsewhere, and the
 * conflicts that went against it. Pure, so the rules are tested without a DOM.
 */
export interface DeskView {
  /** the ticket this desk is serving, else the one it called most recently */
  readonly current: TicketState | null;
  /** other tickets this desk still holds (called twice, or serving two) */
  readonly alsoHeld: readonly TicketState[];
  readonly line: readonly TicketState[];
  /** tickets this desk once called that now wait in another domain's line or this one (for the "recall" list) */
  readonly noShows: readonly TicketState[];
}

export function deskView(tickets: readonly TicketState[], deskId: string, domain: DomainCode): DeskView {
  const held = tickets
    .filter((t) => t.holder === deskId && (t.status === "called" || t.status === "serving"))
    .sort((a, b) => rank(a) - rank(b) || ((b.lastCalledAt ?? "") < (a.lastCalledAt ?? "") ? -1 : 1));
  return {
    current: held[0] ?? null,
    alsoHeld: held.slice(1),
    line: waitingLine(tickets, domain),
    noShows: tickets
      .filter((t) => t.known && t.domain === domain && t.status === "noShow")
      .sort((a, b) => ((a.lastCalledAt ?? "") < (b.lastCalledAt ?? "") ? 1 : -1)),
  };
}

const rank = (t: TicketState) => (t.status === "serving" ? 0 : 1);

export interface BusyElsewhere {
  readonly ticketId: string;
  readonly number: string;
  readonly domain: DomainCode;
  readonly deskId: string | null;
  readonly status: "called" | "serving";
}

/**
 * The participant's other tickets that are called or in consultation at another
 * desk: a desk calling them should know they are busy elsewhere (their place in
 * this line is kept).
 */
export function busyElsewhere(tickets: readonly TicketState[], ticket: TicketState, deskId: string): BusyElsewhere[] {
  if (!ticket.participantId) return [];
  const out: BusyElsewhere[] = [];
  for (const t of tickets) {
    if (t.id === ticket.id || t.participantId !== ticket.participantId || t.holder === deskId) continue;
    if (t.status !== "called" && t.status !== "serving") continue;
    out.push({ ticketId: t.id, number: displayNumber(t).text, domain: t.domain, deskId: t.holder, status: t.status });
  }
  return out;
}

/** Conflict kinds where a desk's action was set aside or overridden. */
const AGAINST_DESK: ReadonlySet<ConflictKind> = new Set([
  "callRace",
  "takeover",
  "notHolder",
  "callAfterCancel",
  "cancelAfterCall",
  "closedTwice",
  "wrongDomain",
]);

export interface LostConflict {
  /** the first operation set aside: the notice's key */
  readonly opId: string;
  /** every operation of this desk set aside on the ticket: dismissing the notice dismisses them all */
  readonly opIds: readonly string[];
  readonly hlc: string;
  readonly kind: ConflictKind;
  readonly ticketId: string;
  readonly number: string;
  /** who the rule decided for: a desk id, "participant" or "cancel" */
  readonly winner: string | null;
}

/**
 * Conflicts that went against this desk and were not dismissed, one notice per
 * ticket, newest first. One race often sets aside several of the desk's
 * operations (the call, then a recall or a start made before it knew): the
 * officer needs to hear once who handles the ticket, not once per button
 * pressed. The notice names the first operation set aside (the cause).
 */
export function lostConflicts(
  tickets: readonly TicketState[],
  deskId: string,
  dismissed: readonly string[] = [],
): LostConflict[] {
  const gone = new Set(dismissed);
  const out: LostConflict[] = [];
  for (const t of tickets) {
    const against = t.conflicts
      .filter((c) => c.loser === deskId && AGAINST_DESK.has(c.kind) && !gone.has(c.opId))
      .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    const first = against[0];
    if (!first) continue;
    out.push({
      opId: first.opId,
      opIds: against.map((c) => c.opId),
      hlc: against[against.length - 1]?.hlc ?? first.hlc,
      kind: first.kind,
      ticketId: t.id,
      number: displayNumber(t).text,
      winner: first.winner,
    });
  }
  return out.sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0));
}
