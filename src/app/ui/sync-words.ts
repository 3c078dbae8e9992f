import { onePerDomainOf } from "../../core/fair-use.ts";
import type { SyncErrorCode } from "../../sync/status.ts";
import type { CommonMessages } from "../i18n/common.ts";

/** The catalogue's words for sync failures (the keys `err…`). */
type ErrorKey = Extract<keyof CommonMessages, `err${string}`>;

/**
 * Plain words for every sync error code: a `Record`, so that a new code in
 * `SyncErrorCode` without words here fails the typecheck (and the words
 * themselves live in i18n/common.ts, Bahasa Indonesia first, English beside).
 */
export const ERROR_WORDS: Record<SyncErrorCode, ErrorKey> = {
  offline: "errNetwork",
  serverError: "errServer",
  rateLimited: "errRateLimited",
  badRequest: "errBadRequest",
  badResponse: "errBadResponse",
  clientTooOld: "errTooOld",
  serverTooOld: "errServerTooOld",
  unauthorized: "errUnauthorized",
  storage: "errStorage",
};

/**
 * The words for a code. A code this app does not know (another device's,
 * newer, as the organizer's device list reports it) reads "unknown error".
 */
export function errorWords(code: SyncErrorCode, m: Pick<CommonMessages, ErrorKey>): string {
  return m[Object.hasOwn(ERROR_WORDS, code) ? ERROR_WORDS[code] : "errOther"];
}

/**
 * How long ago the device last heard from the server, in steps a reader can
 * trust: "just now" under 10 s, seconds under a minute, minutes under an hour,
 * then the clock time. Never rounds a silence down to "just now".
 */
export type HeardAgo =
  | { readonly kind: "justNow" }
  | { readonly kind: "seconds"; readonly n: number }
  | { readonly kind: "minutes"; readonly n: number }
  | { readonly kind: "at"; readonly at: number };

export function heardAgo(lastHeardAt: number, now: number): HeardAgo {
  const s = Math.max(0, Math.floor((now - lastHeardAt) / 1000));
  if (s < 10) return { kind: "justNow" };
  if (s < 60) return { kind: "seconds", n: s };
  if (s < 3600) return { kind: "minutes", n: Math.floor(s / 60) };
  return { kind: "at", at: lastHeardAt };
}

/**
 * A refusal in the reader's language where this app knows the rule (fair use:
 * one open ticket per domain, core/fair-use.ts); otherwise the server's own
 * words, which name the rule in English.
 */
export function rejectionWords(reason: string, m: Pick<CommonMessages, "refusedOnePerDomain">): string {
  const domain = onePerDomainOf(reason);
  return domain ? m.refusedOnePerDomain(domain) : reason;
}
