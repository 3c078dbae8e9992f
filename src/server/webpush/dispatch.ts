import { type DomainCode, deskDomain } from "../../core/domain.ts";
import { isTicketOp, type Operation } from "../../core/operation.ts";
import { NEAR_PLACE, type PushPayload, pushWords, type WebPushInfo } from "../../core/push.ts";
import { waitingLine } from "../../core/queue.ts";
import { displayNumber, foldTicket, type TicketState } from "../../core/ticket-fold.ts";
import type { LogLine } from "../http/errors.ts";
import type { PushSubscriptionRecord, SyncStore } from "../store/types.ts";
import type { VapidKeys } from "./keys.ts";
import { createPushSender, type PushSender, type SenderOptions } from "./sender.ts";

/**
 * What the server pushes to participants' phones, decided after a push has
 * committed (never inside it, never before its answer):
 * - "called": a desk's `ticket.called` / `ticket.recalled` was accepted and
 *   the ticket's fold shows that desk holding the call (a call that lost a
 *   race is not announced);
 * - "near": the ticket is NEAR_PLACE-th in its line or closer, once per ticket
 *   (recorded in the store, so neither a restart nor a second instance repeats it);
 *   only the lines the committed operations can reorder are folded.
 * A participant's erasure deletes their subscriptions. Push services that
 * answer 404/410 lose the subscription.
 */
export interface WebPush {
  info(): WebPushInfo;
  allows(endpoint: string): boolean;
  /** the operations a push just committed (accepted, not duplicates); returns at once */
  afterCommit(eventId: string, accepted: readonly Operation[]): void;
  /** resolves when the work started so far is done (tests, shutdown) */
  idle(): Promise<void>;
}

/** How long a push service keeps a message for a phone that is off: a call is stale after 15 minutes. */
const TTL = { called: 15 * 60, near: 30 * 60 } as const;

export interface WebPushOptions extends Omit<SenderOptions, "log"> {
  vapid: VapidKeys;
}

export function createWebPush(store: SyncStore, log: LogLine, opts: WebPushOptions, sender?: PushSender): WebPush {
  const push = sender ?? createPushSender({ ...opts, log });
  const work = new Set<Promise<void>>();
  /** per event: a line scan running, and whether another is owed after it */
  const scans = new Map<string, { owed: Operation[] }>();

  function track(p: Promise<void>): void {
    const guarded = p.catch((e: unknown) => {
      log({ level: "error", message: `web push: ${String(e).slice(0, 300)}` });
    });
    work.add(guarded);
    void guarded.finally(() => work.delete(guarded));
  }

  async function deliver(sub: PushSubscriptionRecord, payload: PushPayload, ttl: number): Promise<void> {
    const result = await push.send({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, payload, ttl);
    if (result === "gone") await store.deletePushSubscription(sub.eventId, sub.endpoint, null);
  }

  async function called(eventId: string, ticketId: string, deskId: string): Promise<void> {
    // Subscriptions first: most tickets' owners have none (walk-ins, phones
    // without push), and folding a ticket reads its whole history, which grows
    // with every call (issue 9: 10,000 operations on one ticket).
    const owner = await store.ticketOwner(eventId, ticketId);
    if (owner === null) return;
    const subs = await store.pushSubscriptionsOf(eventId, [owner]);
    if (subs.length === 0) return;
    const state = foldTicket(await store.ticketOps(eventId, ticketId));
    if (state?.status !== "called" || state.holder !== deskId || state.participantId !== owner) return;
    const number = displayNumber(state).text;
    await Promise.all(
      subs.map((sub) => {
        const words = pushWords(sub.lang, { kind: "called", number, deskId });
        return deliver(sub, { kind: "called", ...words, ticketId }, TTL.called);
      }),
    );
  }

  /** The lines an accepted operation can reorder: its ticket's domain, and a transfer's target. */
  async function linesTouched(eventId: string, ops: readonly Operation[]): Promise<Set<DomainCode>> {
    const out = new Set<DomainCode>();
    for (const op of ops) {
      if (op.type === "ticket.created") out.add(op.domain);
      else if (op.type === "ticket.cancelled") {
        const s = foldTicket(await store.ticketOps(eventId, op.ticketId));
        if (s) out.add(s.domain);
      } else if ("deskId" in op && isTicketOp(op)) {
        // a desk acts in its own domain; on a ticket elsewhere the fold sets it aside and no line moves
        const d = deskDomain(op.deskId);
        if (d) out.add(d);
        if (op.type === "ticket.transferred") out.add(op.toDomain);
      }
    }
    return out;
  }

  async function scanLines(eventId: string, domains: ReadonlySet<DomainCode>): Promise<void> {
    if (domains.size === 0) return;
    const subs = await store.pushSubscriptionsOf(eventId);
    if (subs.length === 0) return;
    const byParticipant = groupBy(subs, (s) => s.participantId);
    for (const domain of domains) {
      const byTicket = groupBy((await store.lineOps(eventId, domain)).filter(isTicketOp), (op) => op.ticketId);
      const states: TicketState[] = [];
      for (const ops of byTicket.values()) {
        const s = foldTicket(ops);
        if (s) states.push(s);
      }
      const line = waitingLine(states, domain).slice(0, NEAR_PLACE);
      for (const [i, t] of line.entries()) {
        const mine = t.participantId ? byParticipant.get(t.participantId) : undefined;
        if (!mine) continue;
        // a number first: "K·7F3A is 2nd" would puzzle; the next scan comes with the number
        const number = displayNumber(t);
        if (number.provisional) continue;
        if (!(await store.markPushSent(eventId, t.id, "near"))) continue;
        await Promise.all(
          mine.map((sub) => {
            const words = pushWords(sub.lang, { kind: "near", number: number.text, place: i + 1 });
            return deliver(sub, { kind: "near", ...words, ticketId: t.id }, TTL.near);
          }),
        );
      }
    }
  }

  /** One scan per event at a time; pushes arriving meanwhile add their operations to one more scan after it. */
  function scheduleScan(eventId: string, ops: readonly Operation[]): void {
    const running = scans.get(eventId);
    if (running) {
      running.owed.push(...ops);
      return;
    }
    const state = { owed: [...ops] };
    scans.set(eventId, state);
    track(
      (async () => {
        try {
          while (state.owed.length > 0) {
            const batch = state.owed.splice(0);
            await scanLines(eventId, await linesTouched(eventId, batch));
          }
        } finally {
          scans.delete(eventId);
        }
      })(),
    );
  }

  async function erased(eventId: string, participantId: string): Promise<void> {
    for (const sub of await store.pushSubscriptionsOf(eventId, [participantId])) {
      await store.deletePushSubscription(eventId, sub.endpoint, null);
    }
  }

  return {
    info: () => ({ available: true, publicKey: opts.vapid.publicKey }),
    allows: (endpoint) => push.allows(endpoint),
    afterCommit(eventId, accepted) {
      if (accepted.length === 0) return;
      // after the answer is on its way: nothing here may hold up the request that committed
      setImmediate(() => {
        // One look per ticket and push, at its last call: a desk's log can carry
        // hundreds of recalls of one ticket, and each look folds its history.
        const calls = new Map<string, string>();
        for (const op of accepted) {
          if (op.type === "participant.erased") track(erased(eventId, op.participantId));
          if (op.type === "ticket.called" || op.type === "ticket.recalled") {
            calls.delete(op.ticketId);
            calls.set(op.ticketId, op.deskId);
          }
        }
        for (const [ticketId, deskId] of calls) track(called(eventId, ticketId, deskId));
        const moving = accepted.filter(isTicketOp);
        if (moving.length > 0) scheduleScan(eventId, moving);
      });
    },
    async idle() {
      while (work.size > 0) await Promise.all([...work]);
    },
  };
}

/**
 * Items grouped by key, each group in the items' order, built in place: copying
 * a group at each of its items was quadratic (a ticket with 10,000 operations).
 */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}
