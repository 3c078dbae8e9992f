import type { SyncStatus } from "../../sync/status.ts";

/** Meta key: when this desk last completed a sync round (ms), kept across reloads. */
export const DESK_LAST_SYNC_KEY = "deskLastSyncedAt";

export type LineFreshness = { readonly stale: false } | { readonly stale: true; readonly since: number | null };

/**
 * Whether the desk's line may be out of date, and since when. The line is
 * what the device last pulled: while no round succeeds (no network, a failing
 * server, a token to renew), another desk may have called a ticket still shown
 * as waiting, so the officer is told, with the time of the last good round
 * (kept in the store, so a reload while offline still knows it). The
 * browser's own "offline" counts at once: the engine would notice only at its
 * next round, minutes later while the live stream was up.
 */
export function lineFreshness(status: SyncStatus | null, storedLastSync: number | null, browserOnline = true): LineFreshness {
  const failing = status !== null && status.phase !== "idle" && status.phase !== "syncing";
  if (!failing && browserOnline) return { stale: false };
  return { stale: true, since: status?.lastSyncedAt ?? storedLastSync };
}

/** The zone's short name as said in Indonesia ("WITA"), or "" for a zone outside Indonesia. */
export function zoneAbbrev(timeZone: string | undefined): string {
  switch (timeZone) {
    case "Asia/Jakarta":
    case "Asia/Pontianak":
      return "WIB";
    case "Asia/Makassar":
      return "WITA";
    case "Asia/Jayapura":
      return "WIT";
    default:
      return "";
  }
}
