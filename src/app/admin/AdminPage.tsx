import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Frame } from "../Frame.tsx";
import { useDevice } from "../hooks.ts";
import { common } from "../i18n/common.ts";
import { useMessages } from "../i18n/define.ts";
import { AdminSignIn } from "./AdminSignIn.tsx";
import { AdminWithData } from "./AdminWithData.tsx";
import { type AdminSession, storedAdminSession } from "./admin-session.ts";
import { adminMessages } from "./messages.ts";
import "./admin.css";

/** The organizer route: sign in with the organizer code, then overview, conflicts, report, exports, logs, posters. */
export default function AdminPage() {
  const m = useMessages(adminMessages);
  const c = useMessages(common);
  const { query } = useLocation();
  const { device, error, retry } = useDevice();
  const [session, setSession] = useState<AdminSession | null | undefined>(undefined);

  useEffect(() => {
    if (device) void storedAdminSession(device.store).then(setSession);
  }, [device]);

  const mismatch = session && query.event && query.event !== session.eventId;
  return (
    <Frame title={m.title} wide>
      <div data-testid="admin-page">
        {error ? (
          <p class="notice bad" role="alert">
            {c.storageFailed}{" "}
            <button type="button" class="secondary" onClick={retry}>
              {c.retry}
            </button>
          </p>
        ) : !device || session === undefined ? (
          <p aria-live="polite">{c.loading}</p>
        ) : session && !mismatch ? (
          <AdminWithData device={device} session={session} onSignedOut={() => setSession(null)} />
        ) : (
          <AdminSignIn device={device} initialEvent={query.event ?? session?.eventId ?? ""} onSignedIn={setSession} />
        )}
      </div>
    </Frame>
  );
}
