import { isParticipantOp, isTicketOp, type Operation } from "./operation.ts";
import { foldParticipant, type ParticipantState } from "./participant-fold.ts";
import { foldTicket, type TicketState } from "./ticket-fold.ts";

/** Fold a whole operation log into ticket and participant states (tests, bundles, reports). */
export function foldAll(ops: readonly Operation[]): { tickets: TicketState[]; participants: ParticipantState[] } {
  const byTicket = new Map<string, Operation[]>();
  const byParticipant = new Map<string, Operation[]>();
  for (const op of ops) {
    if (isTicketOp(op)) push(byTicket, op.ticketId, op);
    else if (isParticipantOp(op)) push(byParticipant, op.participantId, op);
  }
  const tickets: TicketState[] = [];
  for (const list of byTicket.values()) {
    const t = foldTicket(list);
    if (t) tickets.push(t);
  }
  const participants: ParticipantState[] = [];
  for (const list of byParticipant.values()) {
    const p = foldParticipant(list);
    if (p) participants.push(p);
  }
  return { tickets, participants };
}

function push(m: Map<string, Operation[]>, k: string, op: Operation): void {
  const l = m.get(k);
  if (l) l.push(op);
  else m.set(k, [op]);
}
