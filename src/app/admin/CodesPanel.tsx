import { useState } from "preact/hooks";
import type { EventCodesView, RotateRequest } from "../../core/admin-protocol.ts";
import { useMessages } from "../i18n/define.ts";
import { type AdminApi, adminErrorWords } from "./admin-api.ts";
import { manageMessages } from "./manage-messages.ts";

/** The codes of an event, with a rotate button per code when `onRotate` is given. */
export function CodesList({
  codes,
  onRotate,
  busy = false,
}: {
  codes: EventCodesView;
  onRotate?: (req: RotateRequest) => void;
  busy?: boolean;
}) {
  const m = useMessages(manageMessages);
  const rows: { label: string; code: string; req: RotateRequest; key: string }[] = [
    { label: m.participantCode, code: codes.participantCode, req: { kind: "participant" }, key: "participant" },
    { label: m.organizerCode, code: codes.organizerCode, req: { kind: "organizer" }, key: "organizer" },
    ...Object.entries(codes.deskCodes)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([deskId, code]) => ({ label: m.deskCode(deskId), code, req: { kind: "desk" as const, deskId }, key: deskId })),
  ];
  return (
    <dl class="codes-list" data-testid="admin-codes">
      {rows.map((r) => (
        <div key={r.key} data-testid="admin-code" data-code-of={r.key}>
          <dt>{r.label}</dt>
          <dd>
            <code data-field="code">{r.code}</code>
            {onRotate && (
              <button
                type="button"
                class="secondary"
                data-testid="admin-rotate"
                data-code-of={r.key}
                disabled={busy}
                onClick={() => onRotate(r.req)}
              >
                {m.rotate}
              </button>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The organizer's own event's codes, fetched on demand (they are secrets: not shown until asked). */
export function CodesPanel({ api, onCodes }: { api: AdminApi; onCodes?: (codes: EventCodesView) => void }) {
  const m = useMessages(manageMessages);
  const [codes, setCodes] = useState<EventCodesView | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(fn: () => Promise<EventCodesView>, done?: string) {
    setBusy(true);
    setMessage(null);
    try {
      const fresh = await fn();
      setCodes(fresh);
      onCodes?.(fresh);
      if (done) setMessage({ ok: true, text: done });
    } catch (err) {
      setMessage({ ok: false, text: adminErrorWords(err, m) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="admin-codes-title" data-testid="admin-codes-panel">
      <h3 id="admin-codes-title">{m.codesHeading}</h3>
      <p class="muted">{m.codesIntro}</p>
      {!codes && (
        <button
          type="button"
          class="secondary"
          data-testid="admin-show-codes"
          disabled={busy}
          onClick={() => void run(async () => (await api.ownEvent()).codes)}
        >
          {m.showCodes}
        </button>
      )}
      {message && (
        <p class={`notice ${message.ok ? "ok" : "bad"}`} role={message.ok ? "status" : "alert"} data-testid="admin-codes-message">
          {message.text}
        </p>
      )}
      {codes && (
        <CodesList codes={codes} busy={busy} onRotate={(req) => void run(async () => (await api.rotate(req)).codes, m.rotated)} />
      )}
    </section>
  );
}
