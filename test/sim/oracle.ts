import { OPEN_STATUSES, onePerDomainOf } from "../../src/core/fair-use.ts";
import { hlcWall, MAX_AHEAD_MS } from "../../src/core/hlc.ts";
import { type Operation, subjectOf } from "../../src/core/operation.ts";
import type { ParticipantState } from "../../src/core/participant-fold.ts";
import { LIMITS } from "../../src/core/protocol.ts";
import { serviceMinutesOf, waitMinutes } from "../../src/core/report.ts";
import type { TicketState } from "../../src/core/ticket-fold.ts";
import { ERASED_REASON } from "../../src/server/privacy.ts";
import type { RejectedOp } from "../../src/storage/contract.ts";
import type { SimDevice } from "./device.ts";

/**
 * The true-time oracle. The simulation knows when each operation really
 * happened (`SimDevice.trueTime`), whatever the device's clock said; at
 * quiescence the final record must tell the truth, not only agree:
 *
 * - durations: every waiting and service time in the record is within one
 *   minute of the true one, when the device that made both ends knew the
 *   server's time (`timed`; a device that has not synced since its clock jumped
 *   cannot know, and the record cannot either; nor can an operation that must
 *   sort after the device's own earlier, wrongly stamped one on the same ticket);
 * - the line: a ticket's arrival is its true time of taking within the
 *   tolerance when it was made with a known time; otherwise (never synced, or a
 *   clock beyond the bound) it is the server's receipt, never before the truth,
 *   so nobody who came earlier is passed;
 * - every consultation that a desk closed is in the final record as done;
 * - every refusal is expected: operations stamped more than a day ahead of the
 *   true time (the server's 24-hour rule), a desk's action on a ticket that
 *   another desk had meanwhile transferred out of its domain, a profile saved
 *   after its erasure, and the fair-use cases named below.
 */
export const TOLERANCE_MS = 60_000;

/** The operations by which a desk comes to hold a ticket. */
const HOLDING: ReadonlySet<string> = new Set(["ticket.called", "ticket.recalled", "ticket.started", "ticket.closed"]);

export interface TruthReport {
  durationsChecked: number;
  waitsChecked: number;
  arrivalsChecked: number;
  receiptArrivals: number;
  consultations: number;
  /** profiles saved more than once, whose last save must stand */
  profileEdits: number;
  refusals: Record<string, number>;
}

export async function checkTruth(
  devices: readonly SimDevice[],
  tickets: readonly TicketState[],
  participants: readonly ParticipantState[],
  violate: (m: string) => void,
): Promise<TruthReport> {
  const byStamp = new Map<string, { op: Operation; d: SimDevice }>();
  const made = new Map<string, { op: Operation; d: SimDevice }>();
  for (const d of devices)
    for (const op of d.made) {
      byStamp.set(op.hlc, { op, d });
      made.set(op.id, { op, d });
    }
  const trueOf = (hlc: string) => {
    const m = byStamp.get(hlc);
    return m ? m.d.trueTime.get(m.op.id) : undefined;
  };
  // An operation that must follow the device's own earlier stamp on its subject,
  // made while its clock was wrong and lying beyond the bound of this one's true
  // time, cannot carry the true time (core/hlc.ts stampAbove): its minutes are wrong
  // by the earlier error, and the record keeps the device's order instead.
  const dragged = (op: Operation, d: SimDevice) => {
    const at = d.trueTime.get(op.id) ?? 0;
    for (const earlier of d.made) {
      if (earlier.id === op.id) return false;
      if (subjectOf(earlier) === subjectOf(op) && hlcWall(earlier.hlc) > at + MAX_AHEAD_MS) return true;
    }
    return false;
  };
  const timed = (hlc: string) => {
    const m = byStamp.get(hlc);
    if (!m) return false;
    return m.d.timed.has(m.op.id) && !dragged(m.op, m.d);
  };
  const r: TruthReport = {
    durationsChecked: 0,
    waitsChecked: 0,
    arrivalsChecked: 0,
    receiptArrivals: 0,
    consultations: 0,
    profileEdits: 0,
    refusals: {},
  };

  for (const t of tickets) {
    if (!t.known) continue;
    // the service time: start to close, both ends made with a known time
    const service = serviceMinutesOf(t);
    if (service !== null && t.startedAt && t.closedAt && timed(t.startedAt) && timed(t.closedAt)) {
      const truth = ((trueOf(t.closedAt) ?? 0) - (trueOf(t.startedAt) ?? 0)) / 60_000;
      if (Math.abs(service - truth) * 60_000 > TOLERANCE_MS)
        violate(`ticket ${t.id}: service measured ${service.toFixed(2)} min, truly ${truth.toFixed(2)}`);
      r.durationsChecked++;
    }
    // the wait: arrival (or return to the line) to the call that stands
    const from = t.requeuedAt ?? t.arrivedAt;
    const wait = waitMinutes(t);
    if (wait !== null && t.calledAt && timed(from) && timed(t.calledAt)) {
      const truth = Math.max(0, ((trueOf(t.calledAt) ?? 0) - (trueOf(from) ?? 0)) / 60_000);
      if (Math.abs(wait - truth) * 60_000 > TOLERANCE_MS)
        violate(`ticket ${t.id}: wait measured ${wait.toFixed(2)} min, truly ${truth.toFixed(2)}`);
      r.waitsChecked++;
    }
    // the line's key: arrival in real time
    const creation = [...made.values()].find((m) => m.op.type === "ticket.created" && m.op.ticketId === t.id);
    if (creation) {
      const taken = creation.d.trueTime.get(creation.op.id) ?? 0;
      const arrived = hlcWall(t.arrivedAt);
      if (t.arrivedAt === creation.op.hlc && creation.d.timed.has(creation.op.id)) {
        if (Math.abs(arrived - taken) > TOLERANCE_MS)
          violate(`ticket ${t.id}: arrival ${(arrived - taken) / 1000} s off its true time`);
        r.arrivalsChecked++;
      } else if (t.arrivedAt !== creation.op.hlc) {
        // the server's receipt stands in: never before the truth (beyond the tolerance)
        if (arrived < taken - TOLERANCE_MS) violate(`ticket ${t.id}: receipt arrival before it was taken`);
        r.receiptArrivals++;
      }
    }
  }

  // The record's claims about the merge rules hold against the log of what was done:
  // - rule 1: the desk named as winning a call race took the ticket (a call, or a start
  //   that took it over) before the loser's call;
  // - rule 6: a ticket back in a line after a transfer stands there by its arrival, not by
  //   a skip made in the line it left.
  const opsOf = new Map<string, Operation[]>();
  for (const { op } of made.values()) {
    if (!("ticketId" in op)) continue;
    const list = opsOf.get(op.ticketId) ?? [];
    list.push(op);
    opsOf.set(op.ticketId, list);
  }
  for (const t of tickets) {
    const log = opsOf.get(t.id) ?? [];
    // a takeover and a consultation beating a cancel are on record, and took effect
    const setAside = new Set(
      t.conflicts.filter((c) => c.kind !== "takeover" && c.kind !== "cancelOverridden").map((c) => c.opId),
    );
    for (const c of t.conflicts) {
      if (c.kind !== "callRace") continue;
      const winnersCall = log
        .filter((op) => HOLDING.has(op.type) && "deskId" in op && op.deskId === c.winner && !setAside.has(op.id))
        .map((op) => op.hlc)
        .sort()[0];
      if (winnersCall === undefined || winnersCall > c.hlc)
        violate(`ticket ${t.id}: ${c.winner} named winner of a call race it joined later than ${c.loser}`);
    }
    const lastTransfer = log
      .filter((op) => op.type === "ticket.transferred" && !setAside.has(op.id))
      .map((op) => op.hlc)
      .sort()
      .pop();
    if (t.requeuedAt !== null && lastTransfer !== undefined && t.requeuedAt < lastTransfer)
      violate(`ticket ${t.id}: in the ${t.domain} line by a skip made before its transfer`);
  }

  // A profile is what its owner saved last (latest stamp wins, and a device's own
  // stamps on a subject follow each other even across its clock's recovery).
  const profiles = new Map(participants.map((p) => [p.id, p]));
  for (const d of devices) {
    if (d.kind !== "participant" || d.participantId === null) continue;
    const refused = new Set(((await d.store.getMeta<RejectedOp[]>("rejected")) ?? []).map((x) => x.id));
    const saves = d.made.filter((op) => op.type === "participant.registered" && !refused.has(op.id));
    const last = saves.at(-1);
    const state = profiles.get(d.participantId);
    if (last?.type !== "participant.registered" || !state || state.erased) continue;
    if (saves.length > 1) r.profileEdits++;
    if (JSON.stringify(state.profile) !== JSON.stringify(last.profile))
      violate(`${d.name}: profile is not the one last saved (${state.profile?.position} vs ${last.profile.position})`);
  }

  /** A creation refused by fair use, for another ticket of the same participant in that domain that `why` accepts. */
  const refusedForHolding = (op: Operation, reason: string, why: (t: TicketState) => boolean) =>
    op.type === "ticket.created" &&
    onePerDomainOf(reason) === op.domain &&
    tickets.some((t) => t.participantId === op.participantId && t.id !== op.ticketId && t.domain === op.domain && why(t));

  // every consultation a desk closed is in the record as done
  const states = new Map(tickets.map((t) => [t.id, t]));
  const erasedIds = new Set(participants.filter((p) => p.erased).map((p) => p.id));
  for (const d of devices) {
    const refused = new Map(((await d.store.getMeta<RejectedOp[]>("rejected")) ?? []).map((x) => [x.id, x]));
    /** tickets of this device whose creation was refused as expected (fair use) */
    const refusedIn = new Set<string>();
    for (const op of d.made) {
      const refusal = refused.get(op.id);
      if (refusal) {
        const ahead = hlcWall(op.hlc) - (d.trueTime.get(op.id) ?? 0);
        const ticket = "ticketId" in op ? states.get(op.ticketId) : undefined;
        const kind =
          /clock ahead/.test(refusal.reason) && ahead > LIMITS.maxClockAheadMs
            ? "clockAhead"
            : // a profile saved on a phone that had not yet heard of its erasure (by an organizer,
              // on the participant's request): the erasure beats it, and the server keeps no profile
              op.type === "participant.registered" && refusal.reason === ERASED_REASON && erasedIds.has(op.participantId)
              ? "afterErasure"
              : // a desk acting on its stale view of a ticket another desk had transferred
                // (or back again: S → P → S ends in its first domain, with a number in each)
                /now in domain/.test(refusal.reason) &&
                  ticket !== undefined &&
                  (ticket.originalDomain !== ticket.domain || Object.keys(ticket.numbers).length > 1)
                ? "transferredMeanwhile"
                : // a phone taking a number in a domain into which a desk had moved one of its
                  // tickets, before it heard of the move: the transferred ticket counts there
                  // (fair use, one open ticket per domain)
                  refusedForHolding(op, refusal.reason, (t) => t.originalDomain !== t.domain || Object.keys(t.numbers).length > 1)
                  ? "transferredIn"
                  : // a phone taking a number in a domain where a ticket it believed finished
                    // was in fact still open: a desk served it despite the cancel (a
                    // consultation beats a cancel), brought it back after a no-show, or the
                    // cancel itself was refused; the phone could not know yet
                    refusedForHolding(op, refusal.reason, (t) => stillHeld(t, opsOf.get(t.id) ?? []))
                    ? "stillHeld"
                    : // and that ticket's later operations in the same batch, refused with it
                      op.type !== "ticket.created" &&
                        "ticketId" in op &&
                        onePerDomainOf(refusal.reason) !== null &&
                        refusedIn.has(op.ticketId)
                      ? "refusedWithCreation"
                      : "unexpected";
        const expected = kind !== "unexpected";
        if ((kind === "transferredIn" || kind === "stillHeld") && op.type === "ticket.created") refusedIn.add(op.ticketId);
        r.refusals[kind] = (r.refusals[kind] ?? 0) + 1;
        if (!expected) {
          // name what the record holds for that participant, so a failing seed explains itself
          const held =
            op.type === "ticket.created"
              ? tickets
                  .filter((t) => t.participantId === op.participantId && t.id !== op.ticketId)
                  .map((t) => `${t.domain}:${t.status}[${(opsOf.get(t.id) ?? []).map((o) => o.type.slice(7)).join(",")}]`)
                  .join(" ")
              : "";
          violate(`${d.name}: ${op.type} refused unexpectedly: ${refusal.reason}${held ? `; their other tickets: ${held}` : ""}`);
        }
        continue;
      }
      if (op.type !== "ticket.closed") continue;
      r.consultations++;
      const t = states.get(op.ticketId);
      // a close the merge rules set aside (a desk that did not hold it) is on record as a conflict
      if (t?.conflicts.some((c) => c.opId === op.id)) continue;
      if (t?.status !== "done") violate(`${d.name}: closed ${op.ticketId} but the record says ${t?.status}`);
    }
  }
  return r;
}

/**
 * Whether a ticket its participant saw as finished may still have been open on the
 * server: open in the final record; a consultation that beat the participant's
 * cancel (rule: a started consultation beats a cancel); or a desk's service
 * action after a no-show (recalled, started or closed again), which the phone
 * had not heard of when it took its new number.
 */
function stillHeld(t: TicketState, log: readonly Operation[]): boolean {
  if (OPEN_STATUSES.has(t.status)) return true;
  if (t.conflicts.some((c) => c.kind === "cancelAfterStart" || c.kind === "cancelOverridden")) return true;
  const sorted = [...log].sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
  const noShow = sorted.findIndex((op) => op.type === "ticket.skipped" && !op.requeue);
  return noShow >= 0 && sorted.slice(noShow + 1).some((op) => HOLDING.has(op.type) || op.type === "ticket.skipped");
}
