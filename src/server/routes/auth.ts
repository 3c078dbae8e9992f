import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { deskDomain, deskTable } from "../../core/domain.ts";
import { newId } from "../../core/ids.ts";
import { API, AuthRequestSchema, type AuthResponse, type ChallengeResponse } from "../../core/protocol.ts";
import { checkSignInProof } from "../device-proof.ts";
import { readBody } from "../http/body.ts";
import type { App, Deps } from "../http/context.ts";
import { fail } from "../http/errors.ts";
import { tooMany } from "../http/guards.ts";
import type { TokenRecord } from "../store/types.ts";
import { hashToken, newToken, sameCode } from "../tokens.ts";

/** The caller's address, for the sign-in rate limits; "local" when the app is called in-process. */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

/**
 * Sign-in (docs/ARCHITECTURE.md, "Auth and roles"). A device proves it holds
 * the key behind its device id by signing a fresh server challenge with the
 * request; only then is its code checked and a token issued. So knowing
 * somebody's device id (it travels in operations) gives nothing.
 *
 * The server binds each device id, per event, to the first role and desk it
 * signs in with: a participant cannot become a desk's device (its number
 * blocks, its row in the organizer's overview), nor a desk another desk.
 * A participant gets a participant id chosen by the server and kept for that
 * device, so that signing in again (a lost or expired token) with the same
 * key keeps their tickets theirs.
 *
 * Rate limits: every sign-in request counts against a generous per-address
 * limit (a venue's phones share one NAT address), and each *failed* one
 * against a small per-address, per-role limit, which is what slows down
 * guessing desk and organizer codes without locking the venue's phones out.
 */
export function authRoutes(app: App, deps: Deps): void {
  app.post(API.authChallenge, (c) => {
    const retryAfter = deps.signInLimiter.hit(`ip:${clientAddress(c)}`);
    if (retryAfter !== null) return tooMany(c, deps, retryAfter);
    const { challenge, expiresAt } = deps.challenges.issue();
    const res: ChallengeResponse = { challenge, expiresAt: new Date(expiresAt).toISOString() };
    return c.json(res);
  });

  app.post(API.auth, async (c) => {
    const ip = clientAddress(c);
    const retryAfter = deps.signInLimiter.hit(`ip:${ip}`);
    if (retryAfter !== null) return tooMany(c, deps, retryAfter);
    const body = await readBody(c, AuthRequestSchema);
    if (!body.ok) return fail(c, deps.log, "badRequest", body.message);
    const req = body.value;
    const failuresKey = `fail:${ip}:${req.role}`;
    const wait = deps.failureLimiter.peek(failuresKey);
    if (wait !== null) return tooMany(c, deps, wait);
    const refuse = (error: "unauthorized" | "forbidden", message: string) => {
      deps.failureLimiter.hit(failuresKey);
      return fail(c, deps.log, error, message);
    };

    const deskId = req.role === "desk" ? req.deskId : null;
    const challengeProblem = deps.challenges.redeem(req.challenge);
    if (challengeProblem !== null) return refuse("unauthorized", challengeProblem);
    const proof = await checkSignInProof(
      { challenge: req.challenge, eventId: req.eventId, role: req.role, deviceId: req.deviceId, deskId: deskId ?? undefined },
      req,
    );
    if (!proof.ok) return refuse("unauthorized", proof.reason);

    const [event, codes] = await Promise.all([deps.store.getEvent(req.eventId), deps.store.getCodes(req.eventId)]);
    if (!event || !codes) return refuse("unauthorized", "wrong code or unknown event");
    let expected: string | undefined;
    if (req.role === "participant") expected = codes.participantCode;
    else if (req.role === "organizer") expected = codes.organizerCode;
    else {
      const domain = event.domains.find((d) => d.code === deskDomain(req.deskId));
      if (!domain || deskTable(req.deskId) > domain.desks) return refuse("unauthorized", `this event has no desk ${req.deskId}`);
      expected = codes.deskCodes[req.deskId];
    }
    if (expected === undefined || !sameCode(req.code, expected)) {
      return refuse("unauthorized", `wrong code for ${req.role === "desk" ? `desk ${req.deskId}` : `the ${req.role}`}`);
    }

    const bound = await deps.store.bindDevice(req.eventId, req.deviceId, {
      role: req.role,
      deskId,
      publicKey: req.publicKey,
    });
    if (bound.role !== req.role || bound.deskId !== deskId) {
      return refuse(
        "forbidden",
        `this device signed in to this event as ${bound.deskId ? `desk ${bound.deskId}` : `the ${bound.role}`}; one device key serves one role: use a key of its own for the ${req.role === "desk" ? `desk ${req.deskId}` : req.role}`,
      );
    }
    const participantId =
      req.role === "participant" ? await deps.store.participantIdFor(req.eventId, req.deviceId, () => newId()) : null;
    const record: TokenRecord = {
      eventId: req.eventId,
      role: req.role,
      deviceId: req.deviceId,
      deskId,
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
