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
  const { query, route } = useLocation();
  const opened = useDevice();
  const [session, setSession] = useState<DeskSession | null | undefined>(undefined);

  useEffect(() => {
    if (opened.device) void storedDeskSession(opened.device.store).then(setSession);
  }, [opened.device]);

  const linkDesk = query.desk && DESK_PATTERN.test(query.desk) ? (query.desk as DeskId) : null;
  const linkEvent = query.event ?? null;
  // A link for another desk or event asks to sign in again; otherwise the kept session stands.
  const mismatch = session && ((linkDesk && linkDesk !== session.deskId) || (linkEvent && linkEvent !== session.eventId));
  const signedIn = !!session && !mismatch;

  // A passcode in the address would stay on screen and in the browser's history:
  // once signed in, the entry is replaced by the same link without it.
  useEffect(() => {
    if (!signedIn || query.code === undefined) return;
    const kept = new URLSearchParams();
    if (query.event) kept.set("event", query.event);
    if (query.desk) kept.set("desk", query.desk);
    const rest = kept.toString();
    route(rest ? `/desk?${rest}` : "/desk", true);
  }, [signedIn, query.code, query.event, query.desk, route]);

  return (
    <Frame title={m.title} wide>
      <DeviceGate opened={opened} ready={session !== undefined}>
        {(device) =>
          session && signedIn ? (
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
