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
/**
 * What stands for another device in a participant's public view: neither the
 * device id (actor.deviceId) nor the clock stamp's node (which older clients
 * and scripts set to the device id) reach other participants. The stamp keeps
 * its time and counter, so the order of operations barely moves (only exact
 * ties of time and counter fall back to the operation id).
 */
export const HIDDEN_DEVICE_ID = "0000000000000000";
const HIDDEN_NODE = "0";

function hideNode(hlc: string): string {
  return `${hlc.slice(0, hlc.lastIndexOf("-"))}-${HIDDEN_NODE}`;
}

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
  // The owner's id rides on their own operations' actor too: it goes as well,
  // and so does every device id (HIDDEN_DEVICE_ID).
  const { participantId: _p, deviceId: _d, ...rest0 } = op.actor;
  const actor = { ...rest0, deviceId: HIDDEN_DEVICE_ID };
  const hlc = hideNode(op.hlc);
  switch (op.type) {
    case "ticket.created": {
      const { question: _q, ...rest } = op;
      return { ...rest, hlc, actor, participantId: null };
    }
    case "ticket.closed": {
      const { outcome: _o, ...rest } = op;
      return { ...rest, hlc, actor };
    }
    case "ticket.questionEdited":
    case "ticket.noteAdded":
    case "ticket.rated":
      return null;
    default:
      return { ...op, hlc, actor };
  }
}

/** Whether a desk may act on a ticket now in `domain`. */
export function deskMayAct(deskId: string, domain: string): boolean {
  return deskDomain(deskId) === domain;
}
