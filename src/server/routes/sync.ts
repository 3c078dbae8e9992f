import * as v from "valibot";
import { ID_PATTERN } from "../../core/ids.ts";
import { describeIssues, type Operation, parseOperation } from "../../core/operation.ts";
import { API, LIMITS, PullQuerySchema, PushRequestSchema, type PushResponse, type PushResult } from "../../core/protocol.ts";
import { viewOf } from "../../core/visibility.ts";
import { authorizeOp } from "../authorize.ts";
import { fairUseOfPush } from "../fair-use.ts";
import { readBody } from "../http/body.ts";
import type { App, Deps } from "../http/context.ts";
import { fail } from "../http/errors.ts";
import { mapInSlices } from "../in-slices.ts";
import { consentRule } from "../privacy.ts";
import { checkRelayed } from "../relay.ts";
import type { TokenRecord } from "../store/types.ts";

function idOf(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null || !("id" in raw)) return null;
  const id = (raw as { id: unknown }).id;
  return typeof id === "string" && ID_PATTERN.test(id) ? id : null;
}

/**
 * Push and pull. A push is checked operation by operation: a malformed or
 * forbidden operation is rejected with its reason and never keeps the others
 * of its batch out. The batch's accepted operations commit in one transaction.
 */
export function syncRoutes(app: App, deps: Deps): void {
  app.post(API.push, async (c) => {
    const who = c.get("who");
    const body = await readBody(c, PushRequestSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const raws = body.value.ops;
    const results: (PushResult | undefined)[] = new Array(raws.length);
    const valid: Operation[] = [];
    const where: number[] = [];
    // checked in slices: a whole push in one piece held every other request for tens of ms (in-slices.ts)
    const checked = await mapInSlices(raws, parseOperation);
    checked.forEach((parsed, i) => {
      const raw = raws[i];
      if (parsed.ok) {
        valid.push(parsed.op);
        where.push(i);
      } else {
        results[i] = { id: idOf(raw), status: "rejected", reason: parsed.reason };
      }
    });
    // Operations carried for another device (relay.ts): authorized as their author's, once its signature holds.
    const authors = new Map<string, TokenRecord>();
    // A proof that fails is answered as such (without one, the usual "actor does not match"
    // stands), by the store after its duplicate check: a copy of an operation already on
    // record is a duplicate whatever it carries (a device that cut an erased participant's
    // words from the copy it holds still relays it with the author's proof of the original).
    const badProofs = new Map<string, string>();
    for (const op of valid) {
      if (op.actor.deviceId === who.deviceId || op.actor.role === "server") continue;
      const check = await checkRelayed(deps.store, op, body.value.proofs?.[op.id]);
      if (check.ok) authors.set(op.id, check.author);
      else if (body.value.proofs?.[op.id]) badProofs.set(op.id, check.reason);
    }
    // One open ticket per participant and domain (fair-use.ts), decided here with
    // what the store holds now and applied after the rules of authorization: a
    // retry is still answered as a duplicate, a forgery by its own reason. An
    // operation with a failing proof counts for nothing here.
    const vouched = valid.filter((op) => !badProofs.has(op.id));
    const unfair = await fairUseOfPush(vouched, (pid) => deps.store.ticketsHeldBy(who.eventId, pid));
    const unfairOf = new Map(vouched.map((op, k) => [op.id, unfair[k] ?? null]));
    const now = deps.now();
    // consent must be to the event's current privacy notice (privacy.ts)
    const event = valid.some((op) => op.type === "participant.registered") ? await deps.store.getEvent(who.eventId) : null;
    const outcome = await deps.store.push(valid, {
      eventId: who.eventId,
      now,
      authorize: (op, facts, isDeviceParticipant) =>
        badProofs.get(op.id) ??
        authorizeOp(op, authors.get(op.id) ?? who, facts, isDeviceParticipant, now) ??
        consentRule(op, event) ??
        unfairOf.get(op.id) ??
        null,
    });
    outcome.results.forEach((r, k) => {
      results[where[k] ?? 0] = r;
    });
    const final = results as PushResult[];
    const rejected = final.filter((r) => r.status === "rejected");
    if (rejected.length > 0) {
      deps.log({
        level: "warn",
        status: 200,
        message: `push: ${rejected.length} of ${final.length} operations rejected`,
        deviceId: who.deviceId,
        rejected: rejected.slice(0, 10),
      });
    }
    if (outcome.lastSeq !== null) deps.notifier.publish(who.eventId, outcome.lastSeq);
    // committed: push messages go out from here on their own (webpush/dispatch.ts), never holding this answer
    if (deps.webPush)
      deps.webPush.afterCommit(
        who.eventId,
        valid.filter((_, k) => outcome.results[k]?.status === "accepted"),
      );
    const res: PushResponse = { results: final, serverTime: now };
    return c.json(res);
  });

  app.get(API.pull, async (c) => {
    const who = c.get("who");
    const q = c.req.query();
    const query = v.safeParse(PullQuerySchema, {
      after: q.after ?? "0",
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
    });
    if (!query.success) return fail(c, deps.log, "badRequest", `bad pull query: ${describeIssues(query.issues)}`);
    const { after, limit } = query.output;
    const page = await deps.store.pull(who.eventId, after, limit ?? LIMITS.defaultPullPage);
    // The stored JSON goes out as it is; only what a participant may not see
    // in full is decoded and cut down to its public view.
    const parts: string[] = [];
    // Desks forget the profiles of participants they are done with
    // (core/retention.ts); a participant who lines up again comes with their
    // profile, re-sent beside the new ticket. Only what lies at or below the
    // cursor: later profile operations are in this page or the next anyway.
    if (who.role === "desk" && after > 0) {
      const owners = new Set<string>();
      for (const s of page.ops) if (s.type === "ticket.created" && s.owner !== null) owners.add(s.owner);
      for (const s of await deps.store.profilesOf(who.eventId, [...owners], after)) parts.push(`{"seq":${s.seq},"op":${s.json}}`);
    }
    for (const s of page.ops) {
      if (who.role !== "participant" || (s.owner !== null && s.owner === who.participantId)) {
        parts.push(`{"seq":${s.seq},"op":${s.json}}`);
        continue;
      }
      const viewer = { role: who.role, ...(who.participantId ? { participantId: who.participantId } : {}) };
      const view = viewOf(JSON.parse(s.json) as Operation, viewer, s.owner);
      if (view) parts.push(JSON.stringify({ seq: s.seq, op: view }));
    }
    const json = `{"ops":[${parts.join(",")}],"cursor":${page.cursor},"more":${page.more},"serverTime":${deps.now()}}`;
    return c.body(json, 200, { "Content-Type": "application/json; charset=UTF-8" });
  });
}
