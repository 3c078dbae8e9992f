import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { deskDomain, deskTable } from "../../core/domain.ts";
import { newId } from "../../core/ids.ts";
import { API, AuthRequestSchema, type AuthResponse } from "../../core/protocol.ts";
import { readBody } from "../http/body.ts";
import type { App, Deps } from "../http/context.ts";
import { fail } from "../http/errors.ts";
import { tooMany } from "../http/guards.ts";
import type { TokenRecord } from "../store/types.ts";
import { hashToken, newToken, sameCode } from "../tokens.ts";

/** The caller's address, for the sign-in rate limit; "local" when the app is called in-process. */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

/**
 * Exchanges an event's code for a device token. A participant gets a
 * participant id chosen by the server and kept for that device, so that
 * signing in again after the token expired keeps their tickets theirs.
 */
export function authRoutes(app: App, deps: Deps): void {
  app.post(API.auth, async (c) => {
    const retryAfter = deps.limiter.hit(`ip:${clientAddress(c)}`);
    if (retryAfter !== null) return tooMany(c, deps, retryAfter);
    const body = await readBody(c, AuthRequestSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const req = body.value;
    const [event, codes] = await Promise.all([deps.store.getEvent(req.eventId), deps.store.getCodes(req.eventId)]);
    if (!event || !codes) return fail(c, deps.log, "unauthorized", `wrong code or unknown event "${req.eventId}"`);
    let expected: string | undefined;
    if (req.role === "participant") expected = codes.participantCode;
    else if (req.role === "organizer") expected = codes.organizerCode;
    else {
      const domain = event.domains.find((d) => d.code === deskDomain(req.deskId));
      if (!domain || deskTable(req.deskId) > domain.desks) {
        return fail(c, deps.log, "unauthorized", `this event has no desk ${req.deskId}`);
      }
      expected = codes.deskCodes[req.deskId];
    }
    if (expected === undefined || !sameCode(req.code, expected)) {
      return fail(
        c,
        deps.log,
        "unauthorized",
        `wrong code for ${req.role === "desk" ? `desk ${req.deskId}` : `the ${req.role}`}`,
      );
    }
    const participantId =
      req.role === "participant" ? await deps.store.participantIdFor(req.eventId, req.deviceId, () => newId()) : null;
    const record: TokenRecord = {
      eventId: req.eventId,
      role: req.role,
      deviceId: req.deviceId,
      deskId: req.role === "desk" ? req.deskId : null,
      participantId,
      expiresAt: deps.now() + deps.tokenTtlMs,
    };
    const token = newToken();
    await deps.store.putToken(hashToken(token), record);
    const res: AuthResponse = {
      token,
      role: record.role,
      eventId: record.eventId,
      deviceId: record.deviceId,
      ...(record.deskId ? { deskId: record.deskId } : {}),
      ...(participantId ? { participantId } : {}),
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
    return c.json(res);
  });
}
