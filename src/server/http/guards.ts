import type { MiddlewareHandler } from "hono";
import { MIN_CLIENT_PROTOCOL, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../core/protocol.ts";
import { hashToken } from "../tokens.ts";
import type { Deps, Env } from "./context.ts";
import { fail } from "./errors.ts";

/**
 * The protocol gate runs before anything else is read or written, so a request
 * from an app the server no longer speaks to is never half-applied. EventSource
 * cannot set headers, so the live stream may carry the version as `?protocol=`.
 */
export function protocolGate(deps: Deps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const raw = c.req.header(PROTOCOL_HEADER) ?? c.req.query("protocol");
    const version = raw !== undefined && /^[0-9]{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : null;
    const versions = { minProtocol: MIN_CLIENT_PROTOCOL, protocol: PROTOCOL_VERSION };
    if (version === null || version < MIN_CLIENT_PROTOCOL) {
      return fail(
        c,
        deps.log,
        "clientTooOld",
        version === null
          ? `missing ${PROTOCOL_HEADER} header: this app is too old for the server, please update it`
          : `this app speaks protocol ${version} but the server needs at least ${MIN_CLIENT_PROTOCOL}: please update the app`,
        versions,
      );
    }
    if (version > PROTOCOL_VERSION) {
      return fail(
        c,
        deps.log,
        "serverTooOld",
        `this app speaks protocol ${version} but the server only knows up to ${PROTOCOL_VERSION}: the server needs an update`,
        versions,
      );
    }
    await next();
  };
}

/**
 * Signs the request in by its bearer token (or `?token=` for EventSource),
 * then applies the per-device rate limit (keyed by the device, so a new token
 * does not reset it).
 */
export function requireToken(deps: Deps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    const token = header?.match(/^Bearer\s+(\S{1,200})$/i)?.[1] ?? c.req.query("token");
    if (!token)
      return fail(c, deps.log, "unauthorized", "not signed in: send the token from /api/auth as 'Authorization: Bearer …'");
    if (token.length > 200) return fail(c, deps.log, "unauthorized", "unknown token: sign in again");
    const who = await deps.store.getToken(hashToken(token));
    if (!who) return fail(c, deps.log, "unauthorized", "unknown token: sign in again");
    if (who.expiresAt <= deps.now())
      return fail(c, deps.log, "unauthorized", "sign-in expired: sign in again with the event's code");
    const retryAfter = deps.limiter.hit(`d:${who.eventId}:${who.deviceId}`);
    if (retryAfter !== null) return tooMany(c, deps, retryAfter);
    c.set("who", who);
    await next();
  };
}

export function tooMany(c: Parameters<MiddlewareHandler<Env>>[0], deps: Deps, retryAfter: number): Response {
  const res = fail(c, deps.log, "rateLimited", `too many requests: wait ${retryAfter} seconds and try again`);
  res.headers.set("Retry-After", String(retryAfter));
  return res;
}
