import { useEffect } from "preact/hooks";
import { useLocation } from "preact-iso";
import { connect } from "../connection.ts";
import type { Device } from "../device.ts";
import { Frame } from "../Frame.tsx";
import { useDevice, useSyncStatus } from "../hooks.ts";
import { common } from "../i18n/common.ts";
import { useMessages } from "../i18n/define.ts";
import { useEvent } from "../use-event.ts";
import { useJoin } from "../use-session.ts";
import { JoinScreen } from "./JoinScreen.tsx";
import { joinParams } from "./join.ts";
import { participant } from "./messages.ts";
import { ParticipantHome } from "./ParticipantHome.tsx";
import "./participant.css";

/** Route `/`: the participant's phone. */
export default function ParticipantPage() {
  const m = useMessages(participant);
  const c = useMessages(common);
  const { device, error, retry } = useDevice();
  return (
    <Frame title={m.title}>
      {error ? (
        <div class="notice bad" role="alert">
          <p>{c.storageFailed}</p>
          <button type="button" onClick={retry}>
            {c.retry}
          </button>
        </div>
      ) : device ? (
        <Joined device={device} />
      ) : (
        <p role="status">{c.loading}</p>
      )}
    </Frame>
  );
}

function Joined({ device }: { device: Device }) {
  const m = useMessages(participant);
  const { query, route } = useLocation();
  const params = joinParams(query);
  const { phase, session, submit, retry } = useJoin(device, params, "participant");
  const conn = session && phase === "ready" ? connect(device, session) : null;
  const status = useSyncStatus(conn?.engine ?? null);
  const event = useEvent(device, session);

  // The join code leaves the address bar (and the history) once used.
  useEffect(() => {
    if (phase === "ready" && params) route("/", true);
  }, [phase, params, route]);

  // A session the server no longer accepts: sign in again with the kept code.
  useEffect(() => {
    if (status?.phase === "signedOut") retry();
  }, [status?.phase, retry]);

  if (!conn) return <JoinScreen phase={phase} initial={params} onSubmit={submit} onRetry={retry} />;
  if (!event) {
    return (
      <p role="status" class={event === null ? "notice warn" : ""}>
        {event === null ? m.joinOffline : m.eventLoading}
      </p>
    );
  }
  return <ParticipantHome conn={conn} event={event} />;
}
