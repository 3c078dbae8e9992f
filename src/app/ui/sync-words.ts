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
