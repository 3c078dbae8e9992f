import type { ParticipantState } from "./participant-fold.ts";
import { TERMINAL, type TicketState } from "./ticket-fold.ts";

/**
 * UU 27/2022, data minimisation on desk devices: a desk needs a participant's
 * profile (name, position, institution, phone) only while one of their tickets
 * can still come to a table, that is, while it is not done, cancelled or out
 * of line as a no-show. After that the desk keeps the ticket (number, topic,
 * notes, outcome) and forgets the person.
 *
 * Returns the participants whose profile the desk may forget. The store forgets
 * only what the server already holds, so an unsent walk-in registration stays
 * until it is acknowledged. Should the participant line up again, the server
 * sends the profile with the new ticket (see the pull route).
 */
export function profilesNoLongerNeeded(participants: readonly ParticipantState[], tickets: readonly TicketState[]): string[] {
  const stillExpected = new Set<string>();
  for (const t of tickets) if (t.participantId && !TERMINAL.has(t.status)) stillExpected.add(t.participantId);
  return participants.filter((p) => p.profile !== null && !stillExpected.has(p.id)).map((p) => p.id);
}
