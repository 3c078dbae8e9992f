import type { DomainCode } from "./domain.ts";
import { compareOps, isTicketOp, type Operation } from "./operation.ts";
import { foldTicket } from "./ticket-fold.ts";

/**
 * The domain a ticket was in when `op` happened: the fold of the ticket's
 * operations that come before `op` in the total (clock) order, its creation
 * always included. Null while the creation is unknown.
 *
 * The server authorizes a desk's action on a transferred ticket by this, not
 * by the domain the ticket is in now: a desk that called and served a ticket
 * while offline did what it was allowed to do at that moment, even if another
 * desk's transfer, later in clock order, reached the server first. Sync stays
 * a set union; the fold settles the race (the transfer of a ticket being
 * served elsewhere is set aside as a conflict).
 */
export function domainWhen(ticketOps: readonly Operation[], op: Operation): DomainCode | null {
  const before = ticketOps.filter(
    (o) => isTicketOp(o) && (o.type === "ticket.created" || compareOps(o, op) < 0) && o.id !== op.id,
  );
  const state = foldTicket(before);
  return state?.known ? state.domain : null;
}
