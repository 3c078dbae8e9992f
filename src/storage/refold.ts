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

export function refoldSubject(subjectId: string, ops: readonly Operation[]): SubjectState {
  const first = ops[0];
  if (first && !isTicketOp(first)) return { kind: "participant", id: subjectId, state: foldParticipant(ops) };
  return { kind: "ticket", id: subjectId, state: foldTicket(ops) };
}
