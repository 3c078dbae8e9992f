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
  const offlineSince =
    (status?.phase === "offline" || status?.phase === "error") && status.offlineSince !== null
      ? status.offlineSince
      : browserOffline;
  const model = useMemo(() => (tickets && event ? boardModel(tickets, event) : null), [tickets, event]);
  const [soundOn, setSoundOn] = useState(soundRemembered);
  const [speaking, setSpeaking] = useState<string | null>(null);
  const announcer = useRef<Announcer | null>(null);
  const seen = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    const off = unlockAudioOnGesture();
    announcer.current = createAnnouncer((call) => setSpeaking(m.announcing(call.number, call.deskId)));
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
  const lastGood = status?.lastSyncedAt ?? null;
  return (
    <>
      <div class="board-bar">
        <h1 class="board-title">{event.name}</h1>
        <span class="board-clock" aria-hidden="true">
          {formatTime(now, lang, tz)}
        </span>
        {soundOn ? (
          <span class="board-sound-on">{announcer.current?.hasVoice() ? m.soundActive : m.noVoice}</span>
        ) : (
          <button
            type="button"
            class="secondary"
            data-testid="board-sound"
            onClick={() => {
              rememberSound();
              setSoundOn(true);
            }}
          >
            {m.soundOn}
          </button>
        )}
      </div>
      <p class="visually-hidden" aria-live="assertive" data-testid="board-announcement">
        {speaking ?? ""}
      </p>
      <BoardView model={model} domains={event.domains} />
      {/* Nothing here is for staff but one small mark: how fresh the picture is. */}
      <p class={offlineSince !== null ? "board-freshness stale" : "board-freshness"}>
        {offlineSince !== null && (
          <span data-testid="board-offline">{m.offlineSince(formatTime(lastGood ?? offlineSince, lang, tz))}</span>
        )}
        {offlineSince === null && lastGood !== null && (
          <span data-testid="board-updated">{m.lastUpdate(formatTime(lastGood, lang, tz))}</span>
        )}
      </p>
    </>
  );
}

/**
 * "Aktifkan suara panggilan" is pressed once per TV, not after every reload:
 * the choice is kept in localStorage. The browser may still hold sound back
 * until someone touches the page, unless it was started with autoplay allowed
 * (README: kiosk mode); unlockAudioOnGesture covers the first touch.
 */
const SOUND_KEY = "loket.board.sound";

function soundRemembered(): boolean {
  try {
    return globalThis.localStorage?.getItem(SOUND_KEY) === "on";
  } catch {
    return false;
  }
}

function rememberSound(): void {
  try {
    globalThis.localStorage?.setItem(SOUND_KEY, "on");
  } catch {
    // storage refused (private mode): sound stays on until the next reload
  }
}
