import { useMessages } from "../i18n/define.ts";
import { notices } from "./notice-messages.ts";

/** Shown when the browser refused persistent storage: the data may be evicted. Loaded by Frame only then. */
export function PersistNotice() {
  const m = useMessages(notices);
  return (
    <p class="notice warn small" data-testid="persist-notice">
      {m.persistDenied}
    </p>
  );
}
