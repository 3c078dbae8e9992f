import { useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import { useMessages } from "../i18n/define.ts";
import { TextField } from "../ui/TextField.tsx";
import { type AdminApi, adminErrorWords } from "./admin-api.ts";
import { manageMessages } from "./manage-messages.ts";

/**
 * The after-event purge (UU 27/2022): typed confirmation, then the server
 * erases every participant's profile; this device folds the erasures away on
 * its next sync, which `onPurged` asks for at once.
 */
export function PurgePanel({ api, event, onPurged }: { api: AdminApi; event: LoketEvent; onPurged: () => void }) {
  const m = useMessages(manageMessages);
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section class="danger-zone" aria-labelledby="admin-purge-title" data-testid="admin-purge">
      <h3 id="admin-purge-title">{m.purgeHeading}</h3>
      <p>{m.purgeIntro}</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setMessage(null);
          try {
            const res = await api.purge(confirm.trim());
            setMessage({ ok: true, text: m.purged(res.erased) });
            setConfirm("");
            onPurged();
          } catch (err) {
            setMessage({ ok: false, text: adminErrorWords(err, m) });
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextField
          id="admin-purge-confirm"
          label={m.purgeConfirm(event.id)}
          testId="admin-purge-confirm"
          autocomplete="off"
          value={confirm}
          onValue={setConfirm}
        />
        {message && (
          <p
            class={`notice ${message.ok ? "ok" : "bad"}`}
            role={message.ok ? "status" : "alert"}
            data-testid="admin-purge-message"
          >
            {message.text}
          </p>
        )}
        <button type="submit" class="danger" data-testid="admin-purge-submit" disabled={busy || confirm.trim() !== event.id}>
          {m.purge}
        </button>
      </form>
    </section>
  );
}
