import { useState } from "preact/hooks";
import { useMessages } from "../i18n/define.ts";
import { notices } from "./notice-messages.ts";

const SEEN_KEY = "loket.storageNoticeSeen";

/**
 * Shown when the browser refused persistent storage: the data may be evicted.
 * It speaks of "this phone", so only the participant's ticket screen shows it,
 * at the end of the screen (appearing there moves nothing), and only until the
 * participant says "Mengerti" (kept in localStorage, not in the event's data).
 */
export function PersistNotice() {
  const m = useMessages(notices);
  const [seen, setSeen] = useState(() => readSeen());
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
