import { hlcWall } from "./hlc.ts";
import type { Operation } from "./operation.ts";
import { displayNumber, foldTicket, type TicketState } from "./ticket-fold.ts";

/**
 * Closing a desk at the end of the day: the desk checks its own data before the
 * staff leave, while they can still remember what happened. Every ticket this
 * desk called must be resolved (served, no-show, back in the line or transferred
 * to another domain), every consultation it served needs an outcome (which
 * carries the topic), and outliers are flagged for a second look: a consultation
 * of under a minute (closed without a real start) or of 90 minutes or more
 * (probably left open over lunch).
 */
export type CloseIssueKind =
  /** still called by this desk: neither started, skipped nor marked no-show */
  | "stillCalled"
  /** a consultation still running at this desk */
  | "stillServing"
  /** closed without an outcome, so without topic or advice */
  | "noOutcome"
  /** under a minute from start to close */
  | "tooShort"
  /** 90 minutes or more from start to close */
  | "tooLong";

export interface CloseIssue {
  readonly kind: CloseIssueKind;
  readonly ticketId: string;
  readonly number: string;
  /** consultation length, for the outliers */
  readonly minutes?: number;
}

export interface CloseCheck {
  /** true when nothing blocks closing; outliers are warnings and do not block */
  readonly ok: boolean;
  readonly issues: readonly CloseIssue[];
  readonly called: number;
  readonly served: number;
  readonly noShow: number;
  readonly transferred: number;
  readonly requeued: number;
}

export const OUTLIER_LONG_MINUTES = 90;
export const OUTLIER_SHORT_MINUTES = 1;

const BLOCKING: ReadonlySet<CloseIssueKind> = new Set(["stillCalled", "stillServing", "noOutcome"]);

export function isBlocking(kind: CloseIssueKind): boolean {
  return BLOCKING.has(kind);
}

/** `ops`: every operation the device holds (the desk's own and what it pulled). */
export function checkDeskClose(ops: readonly Operation[], deskId: string): CloseCheck {
  const touched = new Set<string>();
  const byTicket = new Map<string, Operation[]>();
  for (const op of ops) {
    if (!("ticketId" in op)) continue;
    const list = byTicket.get(op.ticketId);
    if (list) list.push(op);
    else byTicket.set(op.ticketId, [op]);
    if ("deskId" in op && op.deskId === deskId) touched.add(op.ticketId);
  }
  const issues: CloseIssue[] = [];
  let served = 0;
  let noShow = 0;
  let transferred = 0;
  let requeued = 0;
  for (const id of touched) {
    const t = foldTicket(byTicket.get(id) ?? []);
    if (!t) continue;
    const deskOps = (byTicket.get(id) ?? []).filter((o) => "deskId" in o && o.deskId === deskId);
    const number = displayNumber(t).text;
    if (t.holder === deskId && t.status === "called") issues.push({ kind: "stillCalled", ticketId: id, number });
    else if (t.holder === deskId && t.status === "serving") issues.push({ kind: "stillServing", ticketId: id, number });
    else if (t.holder === deskId && t.status === "done") {
      served++;
      issues.push(...doneIssues(t, number));
    } else if (t.status === "noShow" && deskOps.some((o) => o.type === "ticket.skipped" && !o.requeue)) noShow++;
    else if (deskOps.some((o) => o.type === "ticket.transferred")) transferred++;
    else if (deskOps.some((o) => o.type === "ticket.skipped" && o.requeue)) requeued++;
  }
  issues.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  return {
    ok: !issues.some((i) => isBlocking(i.kind)),
    issues,
    called: touched.size,
    served,
    noShow,
    transferred,
    requeued,
  };
}

function doneIssues(t: TicketState, number: string): CloseIssue[] {
  const out: CloseIssue[] = [];
  if (!t.outcome) out.push({ kind: "noOutcome", ticketId: t.id, number });
  if (t.startedAt && t.closedAt) {
    const minutes = (hlcWall(t.closedAt) - hlcWall(t.startedAt)) / 60000;
    if (minutes < OUTLIER_SHORT_MINUTES) out.push({ kind: "tooShort", ticketId: t.id, number, minutes });
    else if (minutes >= OUTLIER_LONG_MINUTES) out.push({ kind: "tooLong", ticketId: t.id, number, minutes });
  }
  return out;
}
