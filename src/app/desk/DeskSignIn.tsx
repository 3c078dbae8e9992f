import { useState } from "preact/hooks";
import { DEFAULT_DOMAINS, type DeskId, type DomainCode, deskDomain, deskId, deskTable } from "../../core/domain.ts";
import { SignInError, signIn } from "../../sync/session.ts";
import { BASE_URL } from "../connection.ts";
import type { Device } from "../device.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import type { DeskSession } from "./desk-session.ts";
import { deskMessages } from "./messages.ts";

export function DeskSignIn({
  device,
  initial,
  onSignedIn,
}: {
  device: Device;
  initial: { eventId: string; deskId: DeskId | null; code: string };
  onSignedIn: (s: DeskSession) => void;
}) {
  const m = useMessages(deskMessages);
  const lang = useLang();
  const [eventId, setEventId] = useState(initial.eventId);
  const [domain, setDomain] = useState<DomainCode>((initial.deskId && deskDomain(initial.deskId)) || "K");
  const [table, setTable] = useState(initial.deskId ? deskTable(initial.deskId) : 1);
  const [code, setCode] = useState(initial.code);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const desk = deskId(domain, table);
      const s = await signIn(device.store, BASE_URL, {
        role: "desk",
        eventId: eventId.trim(),
        deskId: desk,
        code,
        deviceId: device.deviceId,
      });
      onSignedIn({ ...s, role: "desk", deskId: desk });
    } catch (err) {
      if (err instanceof SignInError && err.code === "offline") setError(m.signInOffline);
      else setError(m.signInFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="desk-signin" aria-labelledby="desk-signin-title">
      <h1 id="desk-signin-title">{m.signInTitle}</h1>
      <p>{m.signInIntro}</p>
      <form onSubmit={submit} data-testid="desk-signin-form">
        <div class="field">
          <label for="desk-event">{m.eventId}</label>
          <input
            id="desk-event"
            data-testid="desk-signin-event"
            required
            pattern="[a-z0-9\-]{3,60}"
            autocomplete="off"
            value={eventId}
            onInput={(e) => setEventId(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="desk-domain">{m.domain}</label>
          <select
            id="desk-domain"
            data-testid="desk-signin-domain"
            value={domain}
            onChange={(e) => setDomain(e.currentTarget.value as DomainCode)}
          >
            {DEFAULT_DOMAINS.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="desk-table">{m.table}</label>
          <input
            id="desk-table"
            data-testid="desk-signin-table"
            type="number"
            min={1}
            max={20}
            required
            value={table}
            onInput={(e) => setTable(Number(e.currentTarget.value) || 1)}
          />
        </div>
        <div class="field">
          <label for="desk-code">{m.passcode}</label>
          <input
            id="desk-code"
            data-testid="desk-signin-code"
            type="password"
            required
            minLength={4}
            autocomplete="off"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </div>
        {error && (
          <p class="notice bad" role="alert" data-testid="desk-signin-error">
            {error}
          </p>
        )}
        <button type="submit" data-testid="desk-signin-submit" disabled={busy}>
          {busy ? m.signingIn : m.signIn}
        </button>
      </form>
    </section>
  );
}
