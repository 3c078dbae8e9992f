import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { DESK_PATTERN, type DeskId } from "../../core/domain.ts";
import { Frame } from "../Frame.tsx";
import { useDevice } from "../hooks.ts";
import { useMessages } from "../i18n/define.ts";
import { DeviceGate } from "../ui/DeviceGate.tsx";
import { DeskSignIn } from "./DeskSignIn.tsx";
import { DeskWithData } from "./DeskWithData.tsx";
import { type DeskSession, storedDeskSession } from "./desk-session.ts";
import { deskMessages } from "./messages.ts";
import "./desk.css";

/**
 * The desk route. A sign-in link carries `?event=&desk=` (and may carry
 * `&code=`); once signed in, the session lives in the device store and the
 * desk works offline.
 */
export default function DeskPage() {
  const m = useMessages(deskMessages);
  const { query } = useLocation();
  const opened = useDevice();
  const [session, setSession] = useState<DeskSession | null | undefined>(undefined);

  useEffect(() => {
    if (opened.device) void storedDeskSession(opened.device.store).then(setSession);
  }, [opened.device]);

  const linkDesk = query.desk && DESK_PATTERN.test(query.desk) ? (query.desk as DeskId) : null;
  const linkEvent = query.event ?? null;
  // A link for another desk or event asks to sign in again; otherwise the kept session stands.
  const mismatch = session && ((linkDesk && linkDesk !== session.deskId) || (linkEvent && linkEvent !== session.eventId));

  return (
    <Frame title={m.title} wide>
      <DeviceGate opened={opened} ready={session !== undefined}>
        {(device) =>
          session && !mismatch ? (
            <DeskWithData device={device} session={session} onSignedOut={() => setSession(null)} />
          ) : (
            <DeskSignIn
              device={device}
              initial={{
                eventId: linkEvent ?? session?.eventId ?? "",
                deskId: linkDesk ?? (session?.deskId as DeskId | undefined) ?? null,
                code: query.code ?? "",
              }}
              onSignedIn={setSession}
            />
          )
        }
      </DeviceGate>
    </Frame>
  );
}
