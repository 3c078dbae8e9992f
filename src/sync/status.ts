/**
 * The sync state every surface shows: what waits, when it last worked, since
 * when it is offline, and why the last round failed. A pure reducer, so the
 * transitions are tested without a network.
 *
 * "Last heard" is kept apart from "last synced": a device that has not heard
 * from the server for a while (a stalled 3G link that never closes) must not
 * say it is up to date. The engine reports the silence (`silent`), which turns
 * the phase to offline since the last word from the server.
 *
 * Errors carry a stable code (the UI translates it from its message catalogue)
 * and an English detail for logs and support.
 */
export type SyncPhase = "idle" | "syncing" | "offline" | "error" | "updateRequired" | "signedOut";

export type SyncErrorCode =
  /** the server could not be reached (no network, DNS, connection refused) */
  | "offline"
  /** the server answered 5xx */
  | "serverError"
  /** the server asked us to slow down (429) */
  | "rateLimited"
  /** the server refused a request as malformed or too large (4xx) */
  | "badRequest"
  /** the server answered something we cannot read */
  | "badResponse"
  /** this app speaks a protocol the server no longer accepts (426): update the app */
  | "clientTooOld"
  /** the server is older than this app (426 serverTooOld): the organizer must update it; we keep retrying */
  | "serverTooOld"
  /** no session, or the server no longer accepts it (401): sign in again */
  | "unauthorized"
  /** the device's own storage failed */
  | "storage";

export interface SyncError {
  readonly code: SyncErrorCode;
  /** English, for logs and support; the screens show the code's translation */
  readonly detail: string;
}

export interface SyncStatus {
  readonly phase: SyncPhase;
  /** operations waiting for the server */
  readonly pending: number;
  /** when a round last completed (ms), or null if never */
  readonly lastSyncedAt: number | null;
  /** when the server last answered or spoke on the live stream (ms), or null if never */
  readonly lastHeardAt: number | null;
  /** since when the server has been unreachable (ms), or null */
  readonly offlineSince: number | null;
  readonly lastError: SyncError | null;
  /** operations the server refused (listed under the store's meta "rejected") */
  readonly rejected: number;
  /** the reason given for the latest of them (the server's words, or why the device set it aside) */
  readonly lastRejection: string | null;
}

export type SyncEvent =
  | { readonly type: "roundStarted" }
  | { readonly type: "roundSucceeded"; readonly at: number }
  | { readonly type: "roundFailed"; readonly at: number; readonly error: SyncError }
  | { readonly type: "counts"; readonly pending: number; readonly rejected: number; readonly lastRejection?: string | null }
  /** the server answered a request or spoke on the live stream */
  | { readonly type: "heard"; readonly at: number }
  /** the live stream has been silent too long: the device is deaf, whatever the last round said */
  | { readonly type: "silent"; readonly at: number };

export const INITIAL_STATUS: SyncStatus = {
  phase: "idle",
  pending: 0,
  lastSyncedAt: null,
  lastHeardAt: null,
  offlineSince: null,
  lastError: null,
  rejected: 0,
  lastRejection: null,
};

export function nextStatus(s: SyncStatus, e: SyncEvent): SyncStatus {
  switch (e.type) {
    case "roundStarted":
      // A retry while offline or failing keeps showing why, rather than flickering.
      if (s.phase === "offline" || s.phase === "error" || s.phase === "updateRequired") return s;
      return { ...s, phase: "syncing" };
    case "roundSucceeded":
      return { ...s, phase: "idle", lastSyncedAt: e.at, offlineSince: null, lastError: null };
    case "roundFailed":
      return { ...s, phase: phaseOf(e.error.code), lastError: e.error, offlineSince: offlineSince(s, e) };
    case "counts": {
      const lastRejection = e.lastRejection ?? null;
      if (s.pending === e.pending && s.rejected === e.rejected && s.lastRejection === lastRejection) return s;
      return { ...s, pending: e.pending, rejected: e.rejected, lastRejection };
    }
    case "heard":
      return s.lastHeardAt !== null && s.lastHeardAt >= e.at ? s : { ...s, lastHeardAt: e.at };
    case "silent": {
      if (s.phase === "updateRequired" || s.phase === "signedOut") return s;
      const since = s.offlineSince ?? s.lastHeardAt ?? e.at;
      const error: SyncError = { code: "offline", detail: "no word from the server on the live stream" };
      return { ...s, phase: "offline", offlineSince: since, lastError: s.phase === "offline" ? s.lastError : error };
    }
  }
}

function phaseOf(code: SyncErrorCode): SyncPhase {
  switch (code) {
    case "offline":
      return "offline";
    case "clientTooOld":
      return "updateRequired";
    case "unauthorized":
      return "signedOut";
    default:
      return "error";
  }
}

function offlineSince(s: SyncStatus, e: { at: number; error: SyncError }): number | null {
  if (e.error.code !== "offline") return null;
  return s.offlineSince ?? e.at;
}
