import { useState } from "preact/hooks";
import { askNotifyPermission, type NotifyPermission, notifyPermission } from "../../pwa/notify.ts";
import { useMessages } from "../i18n/define.ts";
import { beep } from "../sound.ts";
import { panels } from "./panel-messages.ts";

const CHOICES = [null, 1, 2, 3, 5] as const;

/** Early alert (N-th in line) and permission for system notifications. */
export function AlertSettings({ nearAt, onChange }: { nearAt: number | null; onChange: (n: number | null) => void }) {
  const m = useMessages(panels);
  const [perm, setPerm] = useState<NotifyPermission>(notifyPermission());
  return (
    <section class="card" aria-labelledby="alerts-title" data-testid="alert-settings">
      <h2 id="alerts-title">{m.alertsTitle}</h2>
      <div class="field">
        <label for="alert-at">{m.alertEarlyLabel}</label>
        <select
          id="alert-at"
          data-testid="alert-at"
          value={nearAt === null ? "" : String(nearAt)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange(v === "" ? null : Number(v));
          }}
        >
          {CHOICES.map((n) => (
            <option key={String(n)} value={n === null ? "" : String(n)}>
              {n === null ? m.alertOff : m.alertNth(n)}
            </option>
          ))}
        </select>
      </div>
      {perm === "default" && (
        <button
          type="button"
          class="secondary block"
          data-testid="alert-permission"
          onClick={async () => setPerm(await askNotifyPermission())}
        >
          {m.alertEnable}
        </button>
      )}
      {perm === "granted" && <p class="muted">{m.alertOn}</p>}
      {perm === "denied" && <p class="muted">{m.alertDenied}</p>}
      <div class="actions">
        <button type="button" class="link" data-testid="alert-test" onClick={() => beep()}>
          {m.alertTest}
        </button>
      </div>
    </section>
  );
}
