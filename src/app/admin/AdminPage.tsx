import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Frame } from "../Frame.tsx";
import { useDevice } from "../hooks.ts";
import { useMessages } from "../i18n/define.ts";
import { DeviceGate } from "../ui/DeviceGate.tsx";
import { AdminSignIn } from "./AdminSignIn.tsx";
import { AdminWithData } from "./AdminWithData.tsx";
import { type AdminSession, storedAdminSession } from "./admin-session.ts";
import { adminMessages } from "./messages.ts";
import "./admin.css";

/** The organizer route: sign in with the organizer code, then overview, conflicts, report, exports, logs, posters. */
export default function AdminPage() {
  const m = useMessages(adminMessages);
  const { query } = useLocation();
  const opened = useDevice();
  const [session, setSession] = useState<AdminSession | null | undefined>(undefined);

  useEffect(() => {
    if (opened.device) void storedAdminSession(opened.device.store).then(setSession);
  }, [opened.device]);

  const mismatch = session && query.event && query.event !== session.eventId;
  return (
    <Frame title={m.title} wide>
      <div data-testid="admin-page">
        <DeviceGate opened={opened} ready={session !== undefined}>
          {(device) =>
            session && !mismatch ? (
              <AdminWithData device={device} session={session} onSignedOut={() => setSession(null)} />
            ) : (
              <AdminSignIn device={device} initialEvent={query.event ?? session?.eventId ?? ""} onSignedIn={setSession} />
            )
          }
        </DeviceGate>
      </div>
    </Frame>
  );
}
