import type { ParticipantState } from "../../core/participant-fold.ts";
import { displayNumber, type TicketState } from "../../core/ticket-fold.ts";

/** The number and, when known, the name to show for a ticket on the desk. */
export function ticketLabel(t: TicketState, people: ReadonlyMap<string, ParticipantState>) {
  const n = displayNumber(t);
  const profile = t.participantId ? (people.get(t.participantId)?.profile ?? null) : null;
  return { number: n.text, provisional: n.provisional, profile };
}
