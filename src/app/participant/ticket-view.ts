import type { DomainCode } from "../../core/domain.ts";
import { deskTable } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import { expectedWait, openDesks, placeInLine, serviceMinutes, type WaitRange } from "../../core/queue.ts";
import { displayNumber, type TicketState, type TicketStatus } from "../../core/ticket-fold.ts";

/**
 * What the participant's ticket screen shows, computed from the folded states
 * of every ticket the phone knows (the public view of others' tickets is enough
 * for a place in line).
 */
export interface TicketView {
  readonly id: string;
  readonly domain: DomainCode;
  readonly number: string;
  readonly provisional: boolean;
  readonly status: TicketStatus;
  /** the table number the participant must go to, when called or serving */
  readonly table: number | null;
  readonly deskId: string | null;
  /** 1-based, when waiting */
  readonly place: number | null;
  readonly wait: WaitRange | null;
  /** another ticket of the same participant is in consultation now: this place is kept */
  readonly heldWhileBusy: boolean;
  /** when this ticket was last called (clock stamp), to tell a new call from an old one */
  readonly lastCalledAt: string | null;
  /** the participant may still edit the question (`mayEditQuestion`) */
  readonly questionEditable: boolean;
  /** an edit of the question came after the consultation began and was kept aside (question-edit.ts finds whose) */
  readonly lateEdit: boolean;
  /** the number called last in this ticket's domain (what the board shows now), or null before the first call */
  readonly nowServing: string | null;
}

type EventDomains = { readonly domains: readonly Pick<LoketEvent["domains"][number], "code" | "desks">[] };

function configuredDesks(event: EventDomains | null, domain: DomainCode): number {
  return event?.domains.find((d) => d.code === domain)?.desks ?? 1;
}

/**
 * The question can be edited while the ticket waits or is called, not once the
 * consultation has started: the desk answers the question it saw (the fold keeps
 * a later edit aside as a `lateEdit` conflict). The rest of the edit's logic is
 * in question-edit.ts, loaded with its form; this rule decides whether the
 * button shows, so it stays in the first visit's chunk.
 */
export function mayEditQuestion(t: Pick<TicketState, "status" | "question">): boolean {
  return (t.status === "waiting" || t.status === "called") && t.question !== null;
}

export function ticketView(ticket: TicketState, all: readonly TicketState[], event: EventDomains | null): TicketView {
  const { text, provisional } = displayNumber(ticket);
  const place = placeInLine(all, ticket);
  const wait =
    place === null
      ? null
      : expectedWait(
          place - 1,
          openDesks(all, ticket.domain, configuredDesks(event, ticket.domain)),
          serviceMinutes(all, ticket.domain),
        );
  const holding = ticket.status === "called" || ticket.status === "serving";
  const heldWhileBusy =
    ticket.status === "waiting" &&
    ticket.participantId !== null &&
    all.some((t) => t.id !== ticket.id && t.participantId === ticket.participantId && t.status === "serving");
  return {
    id: ticket.id,
    domain: ticket.domain,
    number: text,
    provisional,
    status: ticket.status,
    table: holding && ticket.holder ? deskTable(ticket.holder) : null,
    deskId: holding ? ticket.holder : null,
    place,
    wait,
    heldWhileBusy,
    lastCalledAt: ticket.lastCalledAt,
    questionEditable: mayEditQuestion(ticket),
    lateEdit: ticket.conflicts.some((c) => c.kind === "lateEdit"),
    nowServing: nowServing(all, ticket.domain),
  };
}

/**
 * The number most recently called in a domain: the one the board shows and the
 * room hears. Called stamps are clock stamps, so they order across desks.
 */
export function nowServing(all: readonly TicketState[], domain: DomainCode): string | null {
  let latest: TicketState | null = null;
  for (const t of all) {
    if (t.domain !== domain || t.lastCalledAt === null || t.status === "cancelled") continue;
    if (latest === null || (latest.lastCalledAt ?? "") < t.lastCalledAt) latest = t;
  }
  return latest ? displayNumber(latest).text : null;
}

/** The participant's tickets: open ones first (called, serving, waiting), then finished, newest first. */
export function sortMyTickets(tickets: readonly TicketState[]): TicketState[] {
  const rank: Record<TicketStatus, number> = { called: 0, serving: 1, waiting: 2, noShow: 3, done: 4, cancelled: 5 };
  return [...tickets].sort((a, b) => rank[a.status] - rank[b.status] || (a.arrivedAt < b.arrivedAt ? 1 : -1));
}
