import type { DomainCode } from "../core/domain.ts";
import type { Operation } from "../core/operation.ts";

/**
 * Fair use: a participant holds at most ONE open ticket per domain (created,
 * neither cancelled nor closed; a no-show still counts until they cancel it or
 * a desk closes it). One person cannot flood a line, and queue numbers stay
 * human-sized (store/numbering.ts MAX_NUMBER). The phone shows the rule before
 * anything is sent: a domain where the participant already has a number
 * cannot be chosen ("sudah punya nomor"). Desks and organizers are not limited:
 * walk-ins are recorded on behalf of many people.
 *
 * NOT WIRED INTO THE PUSH YET (issue 9, point 4, partly done): refusing a
 * creation leaves the ticket's later operations of the same device (an edit,
 * a cancel) to be accepted as a ticket without creation — a ghost the
 * multi-device simulation catches (test/sim: public states differ). Wiring it
 * needs those followers refused too (by ticket: "creation refused").
 *
 * Checked before the push's transaction with what the store knows then, and
 * in batch order: a cancellation earlier in the same batch frees its domain.
 * Two pushes of the same participant racing each other could both pass; a
 * device sends its pushes one at a time, so only a hand-made client can, and
 * it gains one extra ticket, not a flood.
 */
export const ONE_PER_DOMAIN = (domain: DomainCode) =>
  `you already have an open ticket in domain ${domain}: cancel it, or wait until it is served, before taking another`;

/** For each operation, in order: the reason to refuse it under the fair-use rule, or null. */
export function fairUse(ops: readonly Operation[], open: readonly { ticketId: string; domain: DomainCode }[]): (string | null)[] {
  const openIn = new Map(open.map((t) => [t.ticketId, t.domain]));
  return ops.map((op) => {
    if (op.type === "ticket.cancelled") {
      openIn.delete(op.ticketId);
      return null;
    }
    if (op.type !== "ticket.created" || op.actor.role !== "participant") return null;
    // a retry of a creation already stored is the store's to answer (duplicate)
    if (openIn.has(op.ticketId)) return null;
    if ([...openIn.values()].includes(op.domain)) return ONE_PER_DOMAIN(op.domain);
    openIn.set(op.ticketId, op.domain);
    return null;
  });
}
