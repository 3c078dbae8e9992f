import { type DomainCode, deskId, deskTable } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import { expectedWait, openDesks, serviceMinutes, type WaitRange, waitingLine } from "../../core/queue.ts";
import { displayNumber, type TicketState } from "../../core/ticket-fold.ts";

/**
 * What the board shows, from the public view of the event's tickets: who is
 * at each desk, the latest calls, and each domain's line with its expected
 * wait. Pure, so the board's logic is tested without a TV.
 */
export interface DeskNow {
  readonly deskId: string;
  readonly domain: DomainCode;
  readonly table: number;
  readonly number: string | null;
  readonly status: "called" | "serving" | null;
}

export interface Call {
  readonly ticketId: string;
  readonly number: string;
  readonly deskId: string;
  readonly table: number;
  /** clock stamp of the call (a recall makes a new one) */
  readonly at: string;
}

export interface DomainLine {
  readonly code: DomainCode;
  readonly waiting: number;
  readonly wait: WaitRange;
}

export interface BoardModel {
  /** tickets being called now (not yet in consultation), newest first: the board's largest type */
  readonly currentCalls: readonly Call[];
  readonly desks: readonly DeskNow[];
  readonly lastCalls: readonly Call[];
  readonly lines: readonly DomainLine[];
}

export const LAST_CALLS = 6;
/** at most this many current calls in the large type (a TV has room for two or three at a tenth of its height) */
export const CURRENT_CALLS = 3;

function callOf(t: TicketState): Call | null {
  if (!t.holder || !t.lastCalledAt) return null;
  return { ticketId: t.id, number: displayNumber(t).text, deskId: t.holder, table: deskTable(t.holder), at: t.lastCalledAt };
}

/** What the board needs of the event: its domains and their desk counts. */
export interface BoardEvent {
  readonly domains: readonly Pick<LoketEvent["domains"][number], "code" | "desks">[];
}

export function boardModel(tickets: readonly TicketState[], event: BoardEvent): BoardModel {
  const holding = tickets.filter((t) => t.status === "called" || t.status === "serving");
  const desks: DeskNow[] = [];
  for (const d of event.domains) {
    for (let table = 1; table <= d.desks; table++) {
      const id = deskId(d.code, table);
      // The latest call at a desk is who it has now (a desk holds one ticket at a time).
      const now = holding
        .filter((t) => t.holder === id)
        .sort((a, b) => ((a.lastCalledAt ?? "") < (b.lastCalledAt ?? "") ? 1 : -1))[0];
      desks.push({
        deskId: id,
        domain: d.code,
        table,
        number: now ? displayNumber(now).text : null,
        status: now ? (now.status as "called" | "serving") : null,
      });
    }
  }
  const lastCalls = tickets
    .filter((t) => t.status === "called" || t.status === "serving" || t.status === "done" || t.status === "noShow")
    .map(callOf)
    .filter((c): c is Call => c !== null)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, LAST_CALLS);
  const lines = event.domains.map((d) => {
    const waiting = waitingLine(tickets, d.code).length;
    return {
      code: d.code,
      waiting,
      wait: expectedWait(waiting, openDesks(tickets, d.code, d.desks), serviceMinutes(tickets, d.code)),
    };
  });
  const currentCalls = tickets
    .filter((t) => t.status === "called")
    .map(callOf)
    .filter((c): c is Call => c !== null)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, CURRENT_CALLS);
  return { currentCalls, desks, lastCalls, lines };
}

/**
 * New calls to announce: tickets now called whose call stamp the board has not
 * announced yet (a recall has a new stamp). On the first look, everything is
 * marked seen and nothing is announced — a board switched on mid-day does not
 * read out the morning.
 */
export function callsToAnnounce(
  tickets: readonly TicketState[],
  seen: ReadonlyMap<string, string> | null,
): { calls: Call[]; seen: Map<string, string> } {
  const next = new Map(seen ?? []);
  const calls: Call[] = [];
  for (const t of tickets) {
    if (t.status !== "called" || !t.lastCalledAt) continue;
    if (next.get(t.id) === t.lastCalledAt) continue;
    next.set(t.id, t.lastCalledAt);
    const c = callOf(t);
    if (seen !== null && c) calls.push(c);
  }
  calls.sort((a, b) => (a.at < b.at ? -1 : 1));
  return { calls, seen: next };
}
