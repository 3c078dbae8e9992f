import { type DomainCode, isDomainCode } from "./domain.ts";
import type { TicketStatus } from "./ticket-fold.ts";

/**
 * Fair use (issue 9, point 4), the rule itself, shared by the server that
 * enforces it (server/fair-use.ts) and the phone that explains it:
 *
 *   a participant holds at most ONE open ticket per domain, where open means
 *   waiting, called or being served (the ticket's folded status, in the
 *   domain it is in now: a ticket transferred into a domain counts there).
 *
 * A ticket that is done, cancelled or marked no-show frees its domain (the
 * phone shows those as finished, core TERMINAL; a participant who missed the
 * call may line up again). Only tickets a participant creates themselves are
 * capped: desks record walk-ins for many people, organizers are not limited.
 */
export const OPEN_STATUSES: ReadonlySet<TicketStatus> = new Set(["waiting", "called", "serving"]);

const RULE = "one open ticket per domain";

/** The refusal's reason on the wire: the rule first (the phone recognizes it), the domain, then plain words. */
export function onePerDomain(domain: DomainCode): string {
  return `${RULE} (${domain}): you already have a ticket waiting, called or being served in domain ${domain}; cancel it or wait until it is served before taking another`;
}

/** The domain of a fair-use refusal, or null when `reason` is another refusal. */
export function onePerDomainOf(reason: string): DomainCode | null {
  if (!reason.startsWith(`${RULE} (`)) return null;
  const code = reason.slice(RULE.length + 2, RULE.length + 3);
  return isDomainCode(code) ? code : null;
}
