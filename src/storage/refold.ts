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

/**
 * UU 27/2022: once a participant's erasure is held, their profile operations
 * are deleted from the device, not only folded away. Returns the ids of the
 * `participant.registered` operations to delete (none without an erasure).
 * An erasure the server refused does not count: callers pass held ops only.
 */
export function erasedProfileOps(ops: readonly Operation[]): string[] {
  if (!ops.some((op) => op.type === "participant.erased")) return [];
  return ops.filter((op) => op.type === "participant.registered").map((op) => op.id);
}

export function refoldSubject(subjectId: string, ops: readonly Operation[]): SubjectState {
  const first = ops[0];
  if (first && !isTicketOp(first)) return { kind: "participant", id: subjectId, state: foldParticipant(ops) };
  return { kind: "ticket", id: subjectId, state: foldTicket(ops) };
}

/** A profile operation that a desk may forget: on the server's record, not waiting to go out, not refused. */
export function isForgettableProfile(row: { op: Operation; outbox: 0 | 1; seq: number | null; rejected?: string }): boolean {
  return row.op.type === "participant.registered" && row.outbox === 0 && row.seq !== null && !row.rejected;
}
