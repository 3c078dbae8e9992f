import * as v from "valibot";
import {
  type AdminEventResponse,
  type CodesResponse,
  type DevicesResponse,
  EventDraftSchema,
  EventPatchSchema,
  type EventsResponse,
  PurgeRequestSchema,
  type PurgeResponse,
  RotateRequestSchema,
} from "../../core/admin-protocol.ts";
import { DEFAULT_DOMAINS, deskId } from "../../core/domain.ts";
import { EventSchema, type LoketEvent } from "../../core/event.ts";
import { describeIssues } from "../../core/operation.ts";
import { API } from "../../core/protocol.ts";
import type { DeviceTracker } from "../devices.ts";
import { readBody } from "../http/body.ts";
import type { App, Deps } from "../http/context.ts";
import { fail } from "../http/errors.ts";
import { localDate, purgeAllowed } from "../privacy.ts";
import type { EventCodes } from "../store/types.ts";
import { newCode } from "../tokens.ts";

/**
 * The organizer's API (issue 5): events and their codes, device sync status,
 * and the after-event purge. Every route needs an organizer token; edits,
 * codes, devices and the purge act on the token's own event. A new event is
 * created with fresh codes, returned once to its creator, who signs in to it
 * with its organizer code to manage it.
 *
 * Rotating a code stops it working for NEW sign-ins at once. Tokens already
 * issued with the old code stay valid until they expire (TOKEN_TTL_MS): a desk
 * signed in this morning and now offline must not be locked out mid-day by a
 * rotation it cannot even hear about. To shut out a device, rotate its code
 * and let its token expire (not covered: revoking one token at once).
 */
export const DEFAULT_SKM_ELEMENTS = [1, 2, 3, 5, 6, 7, 8, 9];

export function desksOf(event: Pick<LoketEvent, "domains">): string[] {
  return event.domains.flatMap((d) => Array.from({ length: d.desks }, (_, i) => deskId(d.code, i + 1)));
}

/** A code unlike every other code of the event, so that no two roles share one. */
function freshCode(codes: EventCodes | null): string {
  const taken = new Set(codes ? [codes.participantCode, codes.organizerCode, ...Object.values(codes.deskCodes)] : []);
  for (;;) {
    const c = newCode();
    if (!taken.has(c)) return c;
  }
}

/** Codes for an event: kept where a desk already had one, fresh for new desks, dropped for removed desks. */
export function codesFor(event: LoketEvent, previous: EventCodes | null): EventCodes {
  const codes: EventCodes = {
    participantCode: previous?.participantCode ?? "",
    organizerCode: previous?.organizerCode ?? "",
    deskCodes: {},
  };
  if (!codes.participantCode) codes.participantCode = freshCode(codes);
  if (!codes.organizerCode) codes.organizerCode = freshCode(codes);
  for (const d of desksOf(event)) codes.deskCodes[d] = previous?.deskCodes[d] ?? freshCode(codes);
  return codes;
}

/** What EventSchema cannot say about one field alone; null when the event is consistent. */
export function eventProblem(event: LoketEvent): string | null {
  if (event.endDate < event.startDate) return "endDate must not be before startDate";
  const domains = event.domains.map((d) => d.code);
  if (new Set(domains).size !== domains.length) return "each domain may appear only once";
  const regions = event.regions.map((r) => r.id);
  if (new Set(regions).size !== regions.length) return "each region id may appear only once";
  try {
    new Intl.DateTimeFormat("en", { timeZone: event.timeZone });
  } catch {
    return `unknown time zone "${event.timeZone}": use an IANA zone such as Asia/Makassar`;
  }
  return null;
}

function checked(input: unknown): { ok: true; event: LoketEvent } | { ok: false; message: string } {
  const r = v.safeParse(EventSchema, input);
  if (!r.success) return { ok: false, message: `the event is not valid: ${describeIssues(r.issues)}` };
  const problem = eventProblem(r.output);
  return problem ? { ok: false, message: `the event is not valid: ${problem}` } : { ok: true, event: r.output };
}

export function adminRoutes(app: App, deps: Deps, devices: DeviceTracker): void {
  app.use("/api/admin/*", async (c, next) => {
    if (c.get("who").role !== "organizer") return fail(c, deps.log, "forbidden", "only the organizer may do this");
    await next();
  });

  app.get(API.adminEvents, async (c) => {
    const res: EventsResponse = { events: await deps.store.listEvents() };
    return c.json(res);
  });

  app.post(API.adminEvents, async (c) => {
    const body = await readBody(c, EventDraftSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const draft = body.value;
    const result = checked({
      ...draft,
      domains: draft.domains ?? DEFAULT_DOMAINS.map((d) => ({ code: d.code, name: { ...d.name }, desks: d.desks })),
      regions: draft.regions ?? [],
      skmElements: draft.skmElements ?? DEFAULT_SKM_ELEMENTS,
      consentNoticeVersion: draft.consentNoticeVersion ?? "1",
    });
    if (!result.ok) return fail(c, deps.log, "badRequest", result.message);
    if (await deps.store.getEvent(result.event.id)) {
      return fail(c, deps.log, "badRequest", `an event with id "${result.event.id}" already exists: choose another id`);
    }
    const codes = codesFor(result.event, null);
    await deps.store.putEvent(result.event, codes);
    deps.log({ level: "info", message: "event created", eventId: result.event.id, by: c.get("who").deviceId });
    const res: AdminEventResponse = { event: result.event, codes };
    return c.json(res, 201);
  });

  app.get(API.adminEvent, async (c) => {
    const eventId = c.get("who").eventId;
    const [event, codes] = await Promise.all([deps.store.getEvent(eventId), deps.store.getCodes(eventId)]);
    if (!event || !codes) return fail(c, deps.log, "notFound", `event "${eventId}" no longer exists`);
    const res: AdminEventResponse = { event, codes };
    return c.json(res);
  });

  app.patch(API.adminEvent, async (c) => {
    const eventId = c.get("who").eventId;
    const body = await readBody(c, EventPatchSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const [event, codes] = await Promise.all([deps.store.getEvent(eventId), deps.store.getCodes(eventId)]);
    if (!event || !codes) return fail(c, deps.log, "notFound", `event "${eventId}" no longer exists`);
    const result = checked({ ...event, ...body.value, id: event.id });
    if (!result.ok) return fail(c, deps.log, "badRequest", result.message);
    const next = codesFor(result.event, codes);
    await deps.store.putEvent(result.event, next);
    deps.log({ level: "info", message: "event edited", eventId, fields: Object.keys(body.value) });
    const res: AdminEventResponse = { event: result.event, codes: next };
    return c.json(res);
  });

  app.get(API.adminCodes, async (c) => {
    const codes = await deps.store.getCodes(c.get("who").eventId);
    if (!codes) return fail(c, deps.log, "notFound", "this event has no codes");
    const res: CodesResponse = { codes };
    return c.json(res);
  });

  app.post(API.adminRotate, async (c) => {
    const eventId = c.get("who").eventId;
    const body = await readBody(c, RotateRequestSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const [event, codes] = await Promise.all([deps.store.getEvent(eventId), deps.store.getCodes(eventId)]);
    if (!event || !codes) return fail(c, deps.log, "notFound", `event "${eventId}" no longer exists`);
    const req = body.value;
    const next: EventCodes = { ...codes, deskCodes: { ...codes.deskCodes } };
    if (req.kind === "participant") next.participantCode = freshCode(codes);
    else if (req.kind === "organizer") next.organizerCode = freshCode(codes);
    else {
      if (codes.deskCodes[req.deskId] === undefined)
        return fail(c, deps.log, "badRequest", `this event has no desk ${req.deskId}`);
      next.deskCodes[req.deskId] = freshCode(codes);
    }
    await deps.store.putEvent(event, next);
    deps.log({
      level: "info",
      message: "code rotated",
      eventId,
      kind: req.kind,
      ...(req.kind === "desk" ? { deskId: req.deskId } : {}),
    });
    const res: CodesResponse = { codes: next };
    return c.json(res);
  });

  app.get(API.adminDevices, async (c) => {
    const list = await devices.list(c.get("who").eventId);
    const res: DevicesResponse = {
      devices: list.map(({ eventId: _e, ...d }) => d),
      serverTime: deps.now(),
    };
    return c.json(res);
  });

  app.post(API.adminPurge, async (c) => {
    const eventId = c.get("who").eventId;
    const body = await readBody(c, PurgeRequestSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    if (body.value.confirm !== eventId) {
      return fail(c, deps.log, "badRequest", `to purge, confirm with this event's id "${eventId}"`);
    }
    const event = await deps.store.getEvent(eventId);
    if (!event) return fail(c, deps.log, "notFound", `event "${eventId}" no longer exists`);
    const now = deps.now();
    if (!purgeAllowed(event, localDate(now, event.timeZone))) {
      return fail(
        c,
        deps.log,
        "forbidden",
        `personal data can be purged from the event's last day (${event.endDate}) on, once the report is final`,
      );
    }
    const outcome = await deps.store.purgeParticipants(eventId, now);
    if (outcome.lastSeq !== null) deps.notifier.publish(eventId, outcome.lastSeq);
    // the push subscriptions are the participants' too (an endpoint names a browser): they go with the profiles
    for (const sub of await deps.store.pushSubscriptionsOf(eventId))
      await deps.store.deletePushSubscription(eventId, sub.endpoint, null);
    deps.log({ level: "info", message: "participants purged", eventId, erased: outcome.erased });
    const res: PurgeResponse = { erased: outcome.erased, serverTime: now };
    return c.json(res);
  });
}
