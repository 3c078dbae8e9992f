import { useEffect, useState } from "preact/hooks";
import { useMessages } from "../i18n/define.ts";
import { notices } from "./notice-messages.ts";

const SEEN_KEY = "loket.storageNoticeSeen";

/**
 * Shown when the browser refused persistent storage: the data may be evicted.
 * It speaks of "this phone", so only the participant's ticket screen shows it,
 * at the end of the screen (appearing there moves nothing), and once: it stays
 * while that screen is open (or until "Mengerti"), and is not shown again on
 * this phone (kept in localStorage, not in the event's data). Saying it on
 * every screen taught people to ignore it (issue 12).
 */
export function PersistNotice() {
  const m = useMessages(notices);
  const [seen, setSeen] = useState(() => readSeen());
  // shown now: the next screen, or the next visit, does without it
  useEffect(() => {
    if (!seen) writeSeen();
  }, []);
  if (seen) return null;
  return (
    <div class="notice warn small" data-testid="persist-notice">
      <p>{m.persistDenied}</p>
      <button
        type="button"
        class="secondary"
        data-testid="persist-notice-ok"
        onClick={() => {
          writeSeen();
          setSeen(true);
        }}
      >
        {m.understood}
      </button>
    </div>
  );
}

function readSeen(): boolean {
  try {
    return globalThis.localStorage?.getItem(SEEN_KEY) === "1";
  } catch {
    return false; // storage blocked: show it, it is only a notice
  }
}

function writeSeen(): void {
  try {
    globalThis.localStorage?.setItem(SEEN_KEY, "1");
  } catch {
    // storage blocked: it shows again next time, which is harmless
  }
}
