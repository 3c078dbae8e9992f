import { isTicketOp, type Operation } from "../core/operation.ts";
import { foldParticipant, type ParticipantState } from "../core/participant-fold.ts";
import { foldTicket, type TicketState } from "../core/ticket-fold.ts";

/**
 * The state a subject's operations fold into: a ticket or a participant (ids are
 * globally unique, so a subject is one or the other), or nothing when none of its
 * operations count. Shared by both stores so that they cannot disagree.
 */
export type SubjectState =
  | { kind: "ticket"; id: string; state: TicketState | null }
  | { kind: "participant"; id: string; state: ParticipantState | null };

/** What the stores know of a held operation's standing with the server. */
export interface HeldRow {
  readonly op: Operation;
  readonly outbox: 0 | 1;
  readonly seq: number | null;
  readonly rejected?: string;
}

/**
 * UU 27/2022: once a participant's erasure is on the server's record, their
 * profile operations are deleted from the device, not only folded away.
 * Returns the ids of the `participant.registered` operations to delete.
 *
 * Only an erasure the server holds counts (pulled, or pushed and acknowledged):
 * one still in the outbox already hides the profile (the fold shows the
 * participant erased) but deletes nothing, so that if the server refuses it,
 * the profile is still there and nothing was lost. A refused erasure never
 * counts.
 */
export function erasedProfileOps(rows: readonly HeldRow[]): string[] {
  if (!rows.some((r) => r.op.type === "participant.erased" && r.outbox === 0 && !r.rejected)) return [];
  return rows.filter((r) => r.op.type === "participant.registered").map((r) => r.op.id);
}

export function refoldSubject(subjectId: string, ops: readonly Operation[]): SubjectState {
  const first = ops[0];
  if (first && !isTicketOp(first)) return { kind: "participant", id: subjectId, state: foldParticipant(ops) };
  return { kind: "ticket", id: subjectId, state: foldTicket(ops) };
}

/** A profile operation that a desk may forget: on the server's record, not waiting to go out, not refused. */
export function isForgettableProfile(row: HeldRow): boolean {
  return row.op.type === "participant.registered" && row.outbox === 0 && row.seq !== null && !row.rejected;
}

/**
 * A server operation (a queue number) that a restored server lost: confirmed after the
 * restored history's base. The server makes it again, under a new id, when the ticket's
 * author pushes the ticket again; kept, it would give the ticket a number the record does
 * not have (store.rewind deletes it).
 */
export function lostServerOp(row: HeldRow, base: number): boolean {
  return row.op.actor.role === "server" && row.seq !== null && row.seq > base;
}
