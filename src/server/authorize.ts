import { deskDomain } from "../core/domain.ts";
import { hlcWall } from "../core/hlc.ts";
import type { Operation } from "../core/operation.ts";
import { LIMITS } from "../core/protocol.ts";
import type { TicketFacts, TokenRecord } from "./store/types.ts";

/**
 * Who may push what. Pure: the push route calls it inside the store's
 * transaction with what the store knows of the ticket at that point, so that a
 * ticket created earlier in the same batch is known to the next operation.
 *
 * Returns the reason to reject, in words the person at the device can act on,
 * or null to accept. The rules are the table in docs/ARCHITECTURE.md ("Auth
 * and roles"), which test/api/authorization-table.test.ts reads and walks:
 * - an operation belongs to the token's event and its actor is the token's
 *   device, role, desk and participant (no forging);
 * - `server` operations (queue numbers) are made by the server only;
 * - participants create, edit, cancel and rate their own tickets and register
 *   or erase their own profile; nothing else. Their tickets are never
 *   `priority` (a desk sees who is elderly, disabled or pregnant);
 * - a participant's own words are theirs alone: only they edit their question
 *   or rate a consultation (SKM, Permenpan RB 14/2017: the user's judgement),
 *   not the desk being rated, not an organizer;
 * - desks act on tickets whose current domain is theirs, create walk-in
 *   tickets in their domain and record walk-in profiles (never a profile a
 *   participant's device owns);
 * - organizers do anything else within their event.
 */
export function authorizeOp(
  op: Operation,
  who: TokenRecord,
  facts: TicketFacts | null,
  isDeviceParticipant: (participantId: string) => boolean,
  now: number,
): string | null {
  if (op.eventId !== who.eventId) return `operation is for event "${op.eventId}" but this device signed in to "${who.eventId}"`;
  if (op.actor.role === "server" || op.type === "ticket.numberAssigned") {
    return "queue numbers and other server operations are made by the server only";
  }
  const a = op.actor;
  if (
    a.deviceId !== who.deviceId ||
    a.role !== who.role ||
    (a.deskId ?? null) !== who.deskId ||
    (a.participantId ?? null) !== who.participantId
  ) {
    return "actor does not match your sign-in";
  }
  const ahead = hlcWall(op.hlc) - now;
  if (ahead > LIMITS.maxClockAheadMs) {
    return `clock ahead of server by ${Math.round(ahead / 3_600_000)} hours: check the device's date and time`;
  }
  // A desk's walk-in may be "only a number" (issue 13): the person asks at the table.
  if (op.type === "ticket.created" && op.question === undefined && who.role === "participant") {
    return "a new ticket needs its question";
  }
  if (op.type === "ticket.closed" && op.outcome === undefined) return "closing a consultation needs its outcome";
  if (op.type === "ticket.created" && facts?.known) return "this ticket was already created";
  if ("deskId" in op && who.role === "desk" && op.deskId !== who.deskId) {
    return `this device is desk ${who.deskId} and cannot act as desk ${op.deskId}`;
  }
  if ((op.type === "ticket.rated" || op.type === "ticket.questionEdited") && who.role !== "participant") {
    return op.type === "ticket.rated"
      ? "only the participant rates their consultation"
      : "only the participant edits their question; a desk adds a note instead";
  }
  switch (who.role) {
    case "organizer":
      return null;
    case "participant":
      return participantRule(op, who.participantId, facts);
    case "desk":
      return deskRule(op, who.deskId ?? "", facts, isDeviceParticipant);
  }
}

const OTHERS_TICKET = "this ticket belongs to another participant";

function participantRule(op: Operation, me: string | null, facts: TicketFacts | null): string | null {
  switch (op.type) {
    case "participant.registered":
    case "participant.erased":
      return op.participantId === me ? null : "you may only change your own profile";
    case "ticket.created":
      if (op.participantId !== me) return "a ticket you take must carry your own participant id";
      if (op.priority) return "priority service is given at a desk";
      return facts?.owner != null && facts.owner !== me ? OTHERS_TICKET : null;
    case "ticket.questionEdited":
    case "ticket.cancelled":
    case "ticket.rated":
      // An operation that arrives before its ticket's creation makes its sender
      // the provisional owner; the creation must then carry the same owner.
      if (facts === null || (!facts.known && facts.owner === null)) return null;
      return facts.owner === me ? null : OTHERS_TICKET;
    default:
      return `a participant cannot do ${op.type}: that is a desk's action`;
  }
}

function deskRule(
  op: Operation,
  deskId: string,
  facts: TicketFacts | null,
  isDeviceParticipant: (participantId: string) => boolean,
): string | null {
  const mine = deskDomain(deskId);
  switch (op.type) {
    case "participant.registered":
      return isDeviceParticipant(op.participantId)
        ? "a desk records walk-in profiles only, not the profile of a participant's own device"
        : null;
    case "participant.erased":
      return "only the participant or an organizer can erase a profile";
    case "ticket.created":
      return op.domain === mine ? null : `desk ${deskId} creates tickets in domain ${mine} only`;
    default:
      // A ticket whose creation has not arrived yet has no known domain: the
      // fold sets aside a desk action of another domain once it is known.
      if (facts?.domain != null && facts.domain !== mine) {
        return `this ticket is now in domain ${facts.domain}; desk ${deskId} acts on domain ${mine} only`;
      }
      return null;
  }
}
