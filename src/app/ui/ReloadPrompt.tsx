import { common } from "../i18n/common.ts";
import { useMessages } from "../i18n/define.ts";

/** Another tab opened a newer database: this page must reload to go on. */
export function ReloadPrompt({ show }: { show: boolean }) {
  const m = useMessages(common);
  if (!show) return null;
  return (
    <div class="notice bad banner" role="alert" data-testid="reload-prompt">
      <span>{m.dbUpgraded}</span>
      <button type="button" onClick={() => window.location.reload()}>
        {m.reload}
      </button>
    </div>
  );
}
