import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { type Connection, connect } from "../connection.ts";
import type { Device } from "../device.ts";
import { Frame } from "../Frame.tsx";
import { formatTime } from "../format.ts";
import { useBrowserOffline, useDevice, useLive, useNow, useSyncStatus } from "../hooks.ts";
import { common } from "../i18n/common.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { joinParams } from "../participant/join.ts";
import { unlockAudioOnGesture } from "../sound.ts";
import { SyncBadge } from "../ui/SyncBadge.tsx";
import { useEvent } from "../use-event.ts";
import { useJoin } from "../use-session.ts";
import { type Announcer, createAnnouncer } from "./announcer.ts";
import { BoardView } from "./BoardView.tsx";
import { board } from "./messages.ts";
import { boardModel, callsToAnnounce } from "./view.ts";
import "./board.css";

/** Route `/board`: the venue's TV. Signs in with the participant code (public view only). */
export default function BoardPage() {
  const m = useMessages(board);
  const c = useMessages(common);
  const { device, error } = useDevice();
  return (
    <Frame title={m.title} wide>
      {error ? (
        <p class="notice bad">{c.storageFailed}</p>
      ) : device ? (
        <BoardJoined device={device} />
      ) : (
        <p role="status">{c.loading}</p>
      )}
    </Frame>
  );
}

function BoardJoined({ device }: { device: Device }) {
  const m = useMessages(board);
  const c = useMessages(common);
  const { query, route } = useLocation();
  const params = joinParams(query);
  const { phase, session, retry } = useJoin(device, params, null);
  const conn = session && phase === "ready" ? connect(device, session) : null;
  const status = useSyncStatus(conn?.engine ?? null);
  useEffect(() => {
    if (phase === "ready" && params) route("/board", true);
  }, [phase, params, route]);
  useEffect(() => {
    if (status?.phase === "signedOut") retry();
  }, [status?.phase, retry]);
  if (!conn) {
    return (
      <p class={phase === "checking" || phase === "joining" ? "" : "notice warn"} role="status" data-testid="board-join">
        {phase === "checking" || phase === "joining" ? c.loading : m.join}
      </p>
    );
  }
  return <Board conn={conn} />;
}

function Board({ conn }: { conn: Connection }) {
  const m = useMessages(board);
  const lang = useLang();
  const { store } = conn.device;
  const event = useEvent(conn.device, conn.session);
  const status = useSyncStatus(conn.engine, store);
  const tickets = useLive(() => store.allTickets(), [store]);
  const now = useNow(15_000, conn.recorder.now);
  const browserOffline = useBrowserOffline();
  // The engine notices on its next round; the browser's own event is quicker.
  const offlineSince = status?.phase === "offline" && status.offlineSince !== null ? status.offlineSince : browserOffline;
  const model = useMemo(() => (tickets && event ? boardModel(tickets, event) : null), [tickets, event]);
  const [soundOn, setSoundOn] = useState(false);
  const [speaking, setSpeaking] = useState<string | null>(null);
  const announcer = useRef<Announcer | null>(null);
  const seen = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    const off = unlockAudioOnGesture();
    announcer.current = createAnnouncer((call) => setSpeaking(m.announcing(call.number, call.table)));
    return () => {
      off();
      announcer.current?.dispose();
    };
  }, [m]);

  useEffect(() => {
    if (!tickets) return;
    const r = callsToAnnounce(tickets, seen.current);
    seen.current = r.seen;
    if (r.calls.length > 0) announcer.current?.announce(r.calls);
  }, [tickets]);

  const tz = event?.timeZone;
  if (!model || !event) return <p role="status">…</p>;
  return (
    <>
      <div class="board-bar">
        <h1 class="board-title">{event.name}</h1>
        <span class="board-clock" aria-hidden="true">
          {formatTime(now, lang, tz)}
        </span>
        {soundOn ? (
          <span class="muted">{announcer.current?.hasVoice() ? m.soundActive : m.noVoice}</span>
        ) : (
          <button type="button" class="secondary" data-testid="board-sound" onClick={() => setSoundOn(true)}>
            {m.soundOn}
          </button>
        )}
      </div>
      {offlineSince !== null && (
        <p class="notice warn board-offline" role="status" data-testid="board-offline">
          {m.offlineSince(formatTime(offlineSince, lang, tz))}
        </p>
      )}
      <p class="visually-hidden" aria-live="assertive" data-testid="board-announcement">
        {speaking ?? ""}
      </p>
      <BoardView model={model} domains={event.domains} />
      {status?.lastSyncedAt && (
        <p class="board-updated" data-testid="board-updated">
          {m.lastUpdate(formatTime(status.lastSyncedAt, lang, tz))}
        </p>
      )}
      {/* for the staff at the screen: the same sync state as every surface, last failure included */}
      {status && <SyncBadge status={status} timeZone={tz} onSyncNow={() => void conn.engine.syncNow()} />}
    </>
  );
}
