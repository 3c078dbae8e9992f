import type { SyncStatus } from "../../sync/status.ts";
import { formatTime } from "../format.ts";
import { common } from "../i18n/common.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { errorWords } from "./sync-words.ts";

type M = (typeof common)["id"];

const PHASE: Record<SyncStatus["phase"], keyof M> = {
  idle: "syncIdle",
  syncing: "syncSyncing",
  offline: "syncOffline",
  error: "syncError",
  updateRequired: "syncUpdateRequired",
  signedOut: "syncSignedOut",
};

/** Sync state in plain words: last synced, changes not sent, offline since, last failure. */
export function SyncBadge({ status, timeZone, onSyncNow }: { status: SyncStatus; timeZone?: string; onSyncNow?: () => void }) {
  const m = useMessages(common);
  const lang = useLang();
  const t = (ms: number) => formatTime(ms, lang, timeZone);
  const phaseText = m[PHASE[status.phase]] as string;
  return (
    <section class={`sync-badge ${status.phase}`} data-testid="sync-badge" data-phase={status.phase} aria-live="polite">
      {/* The count of unsent changes shares the state's line: a line of its own came
          and went with every change and moved everything below the badge. */}
      <span class="sync-line">
        <span class="state">{phaseText}</span>
        {status.pending > 0 && <span data-testid="sync-pending">{m.pending(status.pending)}</span>}
      </span>
      <span data-testid="last-synced">{status.lastSyncedAt ? m.lastSynced(t(status.lastSyncedAt)) : m.neverSynced}</span>
      {status.offlineSince !== null && status.phase === "offline" && (
        <span data-testid="offline-since">{m.offlineSince(t(status.offlineSince))}</span>
      )}
      {status.lastError && status.phase !== "idle" && (
        <span data-testid="sync-error" title={status.lastError.detail}>
          {m.lastFailure(errorWords(status.lastError.code, m))}
        </span>
      )}
      {status.rejected > 0 && (
        // set aside for good (refused, or failing every time): the reason is the server's words or the failure's
        <span class="sync-rejected" data-testid="sync-rejected" role="status">
          {m.rejected(status.rejected)}
          {status.lastRejection && <> — {m.rejectedReason(status.lastRejection)}</>}
        </span>
      )}
      {/* Always there, also while a round runs (another round follows it): a button
          that came and went with each round moved the screen under the pointer. */}
      {onSyncNow && (
        <button type="button" class="link" data-testid="sync-now" onClick={onSyncNow}>
          {m.syncNow}
        </button>
      )}
    </section>
  );
}
