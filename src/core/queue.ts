import type { DomainCode } from "./domain.ts";
import { hlcWall } from "./hlc.ts";
import type { TicketState } from "./ticket-fold.ts";

/**
 * The line of a domain: priority tickets first, then by arrival (or by the time a
 * skipped ticket went back into the line). A requeued priority ticket stays among
 * the priority tickets, behind those of them already waiting: priority belongs to
 * the person (elderly, disabled, pregnant), and a skip does not change that.
 * Pure, so that the phone, the desk and the board agree on places without asking
 * anyone. Arrival is real time (see `arrivalStamp` in ticket-fold.ts).
 */
export function lineKey(t: Pick<TicketState, "priority" | "arrivedAt" | "requeuedAt" | "id">): string {
  return `${t.priority ? "0" : "1"}|${t.requeuedAt ?? t.arrivedAt}|${t.id}`;
}

export function waitingLine(tickets: Iterable<TicketState>, domain: DomainCode): TicketState[] {
  const line: TicketState[] = [];
  for (const t of tickets) if (t.known && t.domain === domain && t.status === "waiting") line.push(t);
  return line.sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : lineKey(a) > lineKey(b) ? 1 : 0));
}

/** 1-based place in its domain's line, or null when not waiting. */
export function placeInLine(tickets: Iterable<TicketState>, ticket: TicketState): number | null {
  if (ticket.status !== "waiting") return null;
  const i = waitingLine(tickets, ticket.domain).findIndex((t) => t.id === ticket.id);
  return i < 0 ? null : i + 1;
}

/** A desk counts as open while it has acted within this long of the domain's latest action. */
export const OPEN_DESK_WINDOW_MS = 30 * 60_000;

/**
 * Desks of the domain open now, as the tickets show it: those that called,
 * started or closed a ticket within half an hour of the domain's latest such
 * action (the fold's own "now", so that every device counts alike without a
 * clock). Before any desk has acted, the configured number is the best guess.
 */
export function openDesks(tickets: Iterable<TicketState>, domain: DomainCode, configured: number): number {
  const lastAct = new Map<string, number>();
  let latest = Number.NEGATIVE_INFINITY;
  for (const t of tickets) {
    if (t.domain !== domain || !t.holder) continue;
    const stamps = [t.lastCalledAt, t.startedAt, t.closedAt].filter((h): h is string => h !== null);
    for (const h of stamps) {
      const wall = hlcWall(h);
      lastAct.set(t.holder, Math.max(lastAct.get(t.holder) ?? wall, wall));
      latest = Math.max(latest, wall);
    }
  }
  let open = 0;
  for (const wall of lastAct.values()) if (wall >= latest - OPEN_DESK_WINDOW_MS) open++;
  return open > 0 ? open : Math.max(1, configured);
}

/** Service minutes of the domain's consultations that day (start to close). */
export function serviceMinutes(tickets: Iterable<TicketState>, domain: DomainCode): number[] {
  const out: number[] = [];
  for (const t of tickets) {
    if (t.domain !== domain || t.status !== "done" || !t.startedAt || !t.closedAt) continue;
    out.push((hlcWall(t.closedAt) - hlcWall(t.startedAt)) / 60000);
  }
  return out;
}

export interface WaitRange {
  /** minutes */
  readonly low: number;
  readonly high: number;
  /** true when the day has too few consultations and the default was used */
  readonly estimated: boolean;
}

/** Assumed length of a consultation until the day has shown its own. */
export const DEFAULT_SERVICE_MINUTES = 15;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

/**
 * Expected wait as a range, because a single number would be a promise: the
 * people ahead, shared over the open desks, times the day's quartiles of
 * service time (25th to 75th percentile).
 */
export function expectedWait(ahead: number, openDesks: number, samples: readonly number[]): WaitRange {
  const desks = Math.max(1, openDesks);
  const rounds = ahead / desks;
  if (samples.length < 3) {
    const m = DEFAULT_SERVICE_MINUTES;
    return { low: Math.round(rounds * m * 0.6), high: Math.round(rounds * m * 1.4), estimated: true };
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    low: Math.round(rounds * quantile(sorted, 0.25)),
    high: Math.round(rounds * quantile(sorted, 0.75)),
    estimated: false,
  };
}

export { quantile };
