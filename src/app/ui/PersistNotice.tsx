import { common } from "../i18n/common.ts";
import { useMessages } from "../i18n/define.ts";

/** Shown when the browser refused persistent storage: the data may be evicted. */
export function PersistNotice({ state }: { state: "granted" | "denied" | "unsupported" | null }) {
  const m = useMessages(common);
  if (state !== "denied") return null;
  return (
    <p class="notice warn small" data-testid="persist-notice">
      {m.persistDenied}
    </p>
  );
}
