import { deskDomain } from "./domain.ts";
import type { Operation, Role } from "./operation.ts";

/**
 * What a caller may see of an operation (UU 27/2022: never show one
 * participant's data to another). Pure, so the server's pull and the tests
 * share it.
 *
 * - organizers and desks see everything of their event (a desk needs the names
 *   and questions of every line it may be transferred);
 * - a participant sees their own profile and tickets whole, and of everyone
 *   else's tickets only the public view: numbers, states and desks, enough to
 *   compute their place in line. Notes, outcomes, ratings, questions, profiles
 *   and edits of others are not sent at all.
 */
export interface Viewer {
  readonly role: Exclude<Role, "server">;
  readonly participantId?: string;
  readonly deskId?: string;
}

/** `owner` is the participant id recorded on the ticket's creation, if any. */
export function viewOf(op: Operation, viewer: Viewer, owner: string | null): Operation | null {
  if (viewer.role !== "participant") return op;
  const me = viewer.participantId;
  if (op.type === "participant.registered" || op.type === "participant.erased") {
    return op.participantId === me ? op : null;
  }
  if (owner !== null && owner === me) return op;
  // The owner's id rides on their own operations' actor too: it goes as well.
  const { participantId: _p, ...actor } = op.actor;
  switch (op.type) {
    case "ticket.created": {
      const { question: _q, ...rest } = op;
      return { ...rest, actor, participantId: null };
    }
    case "ticket.closed": {
      const { outcome: _o, ...rest } = op;
      return { ...rest, actor };
    }
    case "ticket.questionEdited":
    case "ticket.noteAdded":
    case "ticket.rated":
      return null;
    default:
      return { ...op, actor };
  }
}

/** Whether a desk may act on a ticket now in `domain`. */
export function deskMayAct(deskId: string, domain: string): boolean {
  return deskDomain(deskId) === domain;
}
