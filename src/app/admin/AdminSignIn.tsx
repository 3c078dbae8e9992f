import { useState } from "preact/hooks";
import { SignInError, signIn } from "../../sync/session.ts";
import { BASE_URL } from "../connection.ts";
import type { Device } from "../device.ts";
import { useMessages } from "../i18n/define.ts";
import type { AdminSession } from "./admin-session.ts";
import { adminMessages } from "./messages.ts";

export function AdminSignIn({
  device,
  initialEvent,
  onSignedIn,
}: {
  device: Device;
  initialEvent: string;
  onSignedIn: (s: AdminSession) => void;
}) {
  const m = useMessages(adminMessages);
  const [eventId, setEventId] = useState(initialEvent);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="admin-signin-title">
      <h1 id="admin-signin-title">{m.signInTitle}</h1>
      <p>{m.signInIntro}</p>
      <form
        data-testid="admin-signin-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const s = await signIn(device.store, BASE_URL, {
              role: "organizer",
              eventId: eventId.trim(),
              code,
              deviceId: device.deviceId,
            });
            onSignedIn({ ...s, role: "organizer" });
          } catch (err) {
            if (err instanceof SignInError && err.code === "offline") setError(m.signInOffline);
            else setError(m.signInFailed(err instanceof Error ? err.message : String(err)));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="field">
          <label for="admin-event">{m.eventId}</label>
          <input
            id="admin-event"
            data-testid="admin-signin-event"
            required
            autocomplete="off"
            value={eventId}
            onInput={(e) => setEventId(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="admin-code">{m.passcode}</label>
          <input
            id="admin-code"
            data-testid="admin-passcode"
            type="password"
            required
            minLength={4}
            autocomplete="off"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </div>
        {error && (
          <p class="notice bad" role="alert" data-testid="admin-signin-error">
            {error}
          </p>
        )}
        <button type="submit" data-testid="admin-signin-submit" disabled={busy}>
          {busy ? m.signingIn : m.signIn}
        </button>
      </form>
    </section>
  );
}
