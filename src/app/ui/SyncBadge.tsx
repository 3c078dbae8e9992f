import { onePerDomainOf } from "../../core/fair-use.ts";
import type { SyncStatus } from "../../sync/status.ts";
import { formatTime } from "../format.ts";
import { useNow } from "../hooks.ts";
import { type CommonMessages, common } from "../i18n/common.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { errorWords, heardAgo, rejectionWords } from "./sync-words.ts";

type M = CommonMessages;

const PHASE: Record<SyncStatus["phase"], keyof M> = {
  idle: "syncIdle",
  syncing: "syncSyncing",
  offline: "syncOffline",
  error: "syncError",
  updateRequired: "syncUpdateRequired",
  signedOut: "syncSignedOut",
};

/** A participant's words for the same phases: no "sinkron", no "luring". */
const PLAIN_PHASE: Record<SyncStatus["phase"], keyof M> = {
  ...PHASE,
  idle: "plainIdle",
  syncing: "plainSyncing",
  offline: "plainOffline",
  error: "plainError",
};

/**
 * Sync state in plain words: how long ago the server was last heard from,
 * changes not sent, offline since, last failure. `plain` words it for a
 * participant rather than for staff. The "last heard" line ticks, so a device
 * that has gone deaf shows it growing even before the engine calls it offline.
 */
export function SyncBadge({
  status,
  timeZone,
  onSyncNow,
  plain = false,
}: {
  status: SyncStatus;
  timeZone?: string;
  onSyncNow?: () => void;
  plain?: boolean;
}) {
  const m = useMessages(common);
  const lang = useLang();
  const now = useNow(5_000);
  const t = (ms: number) => formatTime(ms, lang, timeZone);
  const phaseText = m[(plain ? PLAIN_PHASE : PHASE)[status.phase]] as string;
  const heard = status.lastHeardAt ?? status.lastSyncedAt;
  return (
    <section class={`sync-badge ${status.phase}`} data-testid="sync-badge" data-phase={status.phase} aria-live="polite">
      {/* The count of unsent changes shares the state's line: a line of its own came
          and went with every change and moved everything below the badge. */}
      <span class="sync-line">
        <span class="state">{phaseText}</span>
        {status.pending > 0 && (
          <span data-testid="sync-pending">{plain ? m.plainPending(status.pending) : m.pending(status.pending)}</span>
        )}
      </span>
      {heard !== null ? (
        <span data-testid="last-heard" data-heard-at={heard}>
          {heardWords(heardAgo(heard, Math.max(now, Date.now())), m, t)}
        </span>
      ) : (
        <span data-testid="last-heard">{plain ? m.plainNever : m.neverSynced}</span>
      )}
      {!plain && status.lastSyncedAt !== null && <span data-testid="last-synced">{m.lastSynced(t(status.lastSyncedAt))}</span>}
      {status.offlineSince !== null && status.phase === "offline" && (
        <span data-testid="offline-since">
          {plain ? m.plainOfflineSince(t(status.offlineSince)) : m.offlineSince(t(status.offlineSince))}
        </span>
      )}
      {status.lastError && status.phase !== "idle" && !(plain && status.phase === "offline") && (
        <span data-testid="sync-error" title={status.lastError.detail}>
          {m.lastFailure(errorWords(status.lastError.code, m))}
        </span>
      )}
      {status.rejected > 0 && (
        // set aside for good (refused, or failing every time): the reason is the server's words or the
        // failure's, for staff; a participant gets what to do instead (the staff can read the reason elsewhere)
        <span class="sync-rejected" data-testid="sync-rejected" role="status">
          {plain ? m.plainRejected : m.rejected(status.rejected)}
          {status.lastRejection && (!plain || onePerDomainOf(status.lastRejection)) && (
            <> — {m.rejectedReason(rejectionWords(status.lastRejection, m))}</>
          )}
        </span>
      )}
      {/* Always there, also while a round runs (another round follows it): a button
          that came and went with each round moved the screen under the pointer. */}
      {onSyncNow && (
        <button type="button" class="link" data-testid="sync-now" onClick={onSyncNow}>
          {plain ? m.plainCheckNow : m.syncNow}
        </button>
      )}
    </section>
  );
}

function heardWords(ago: ReturnType<typeof heardAgo>, m: M, t: (ms: number) => string): string {
  switch (ago.kind) {
    case "justNow":
      return m.heardJustNow;
    case "seconds":
      return m.heardSecondsAgo(ago.n);
    case "minutes":
      return m.heardMinutesAgo(ago.n);
    case "at":
      return m.heardAt(t(ago.at));
  }
}
