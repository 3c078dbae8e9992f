import type { DomainCode } from "../core/domain.ts";
import { onePerDomain } from "../core/fair-use.ts";
import type { Operation } from "../core/operation.ts";
import type { HeldTicket } from "./store/types.ts";

/**
 * Fair use, enforced (the rule is core/fair-use.ts): a participant's
 * `ticket.created` is refused while that participant holds an open ticket
 * (waiting, called or being served) in the same domain. One person cannot
 * flood a line, and queue numbers stay human-sized (store/numbering.ts
 * MAX_NUMBER). Desks and organizers are not limited: walk-ins are recorded on
 * behalf of many people. The phone shows the rule before anything is sent
 * (a domain where it holds a number cannot be chosen) and explains a refusal
 * in plain words (app/ui/SyncBadge).
 *
 * The refusal is per operation: the batch's other operations go on. A refused
 * creation takes the same batch's later operations on that ticket with it,
 * so no ticket is left without its creation.
 *
 * Checked in the push route before the store's transaction, with what the
 * store knows then: a cancellation anywhere in the same batch frees its
 * domain (see fairUse). Two pushes of the same participant racing each
 * other could both pass; a device sends its pushes one at a time, so only a
 * hand-made client can, and it gains one extra ticket, not a flood.
 */

/**
 * For each operation of ONE participant, in order: the reason to refuse it
 * under the fair-use rule, or null. `held`: the participant's tickets the
 * store knows (store ticketsHeldBy).
 */
export function fairUse(ops: readonly Operation[], held: readonly HeldTicket[]): (string | null)[] {
  const known = new Set(held.map((t) => t.ticketId));
  // A cancellation anywhere in the push frees its domain: a push carries the
  // phone's outbox in stamp order, and after its clock recovered a phone's
  // cancellation of an old ticket can be stamped after the creation of its new
  // one (core/hlc.ts stampAbove), though the phone made them the other way
  // round. What is judged is what the participant holds once the push is in.
  const cancelled = new Set(ops.flatMap((op) => (op.type === "ticket.cancelled" ? [op.ticketId] : [])));
  const openIn = new Map<string, DomainCode>(
    held.filter((t) => t.open && !cancelled.has(t.ticketId)).map((t) => [t.ticketId, t.domain]),
  );
  const refused = new Map<string, string>();
  return ops.map((op) => {
    if ("ticketId" in op && refused.has(op.ticketId)) return refused.get(op.ticketId) ?? null;
    if (op.type !== "ticket.created" || op.actor.role !== "participant") return null;
    // a retry of a creation already stored (its ticket may be finished since) is the store's to answer: duplicate
    if (known.has(op.ticketId) || openIn.has(op.ticketId)) return null;
    // taken and given up in the same push: it holds nothing once the push is in
    if (cancelled.has(op.ticketId)) return null;
    if ([...openIn.values()].includes(op.domain)) {
      refused.set(op.ticketId, onePerDomain(op.domain));
      return onePerDomain(op.domain);
    }
    openIn.set(op.ticketId, op.domain);
    return null;
  });
}

/**
 * The fair-use refusals of a whole push, which may carry several
 * participants' operations (a desk relays offline phones' operations,
 * relay.ts): each participant is checked against their own open tickets,
 * asked of the store only for a participant who creates a ticket here.
 */
export async function fairUseOfPush(
  ops: readonly Operation[],
  ticketsHeldBy: (participantId: string) => Promise<HeldTicket[]>,
): Promise<(string | null)[]> {
  const reasons: (string | null)[] = ops.map(() => null);
  const byParticipant = new Map<string, number[]>();
  ops.forEach((op, i) => {
    const pid = op.actor.role === "participant" ? op.actor.participantId : undefined;
    if (!pid) return;
    const list = byParticipant.get(pid);
    if (list) list.push(i);
    else byParticipant.set(pid, [i]);
  });
  for (const [pid, at] of byParticipant) {
    const mine = at.map((i) => ops[i]).filter((op): op is Operation => op !== undefined);
    if (!mine.some((op) => op.type === "ticket.created")) continue;
    fairUse(mine, await ticketsHeldBy(pid)).forEach((r, k) => {
      const i = at[k];
      if (i !== undefined) reasons[i] = r;
    });
  }
  return reasons;
}
