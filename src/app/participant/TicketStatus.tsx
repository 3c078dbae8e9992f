import { callWindow, formatTime, roundRange, zoneName } from "../format.ts";
import { type Lang, useLang, useMessages } from "../i18n/define.ts";
import { participant } from "./messages.ts";
import type { TicketView } from "./ticket-view.ts";

type M = (typeof participant)["id"];

/** A desk is named with its domain ("Meja K1"), as on the board and in the room's call. */
export function statusText(v: Pick<TicketView, "status" | "deskId">, m: M): string {
  switch (v.status) {
    case "waiting":
      return m.statusWaiting;
    case "called":
      return v.deskId ? m.statusCalled(v.deskId) : m.statusCalledNoDesk;
    case "serving":
      return m.statusServing;
    case "done":
      return m.statusDone;
    case "noShow":
      return m.statusNoShow;
    case "cancelled":
      return m.statusCancelled;
  }
}

/** Place in line and the expected wait as a range. */
export function LineInfo({ view, timeZone }: { view: TicketView; timeZone?: string }) {
  const m = useMessages(participant);
  const lang = useLang();
  if (view.place === null || !view.wait) return null;
  const [lo, hi] = roundRange(view.wait.low, view.wait.high);
  return (
    <p class="line-info">
      <span data-testid="ticket-place">{m.place(view.place)}</span>
      <br />
      <span data-testid="ticket-wait">{view.place === 1 && lo === 0 ? m.waitSoon : m.waitRange(lo, hi)}</span>
      {timeZone && (
        <>
          <br />
          <span data-testid="ticket-call-window">{callWindowText(view.wait, lang, timeZone, m)}</span>
        </>
      )}
      {view.wait.estimated && <span class="muted"> {m.waitEstimated}</span>}
    </p>
  );
}

/** "Perkiraan dipanggil sekitar 10.40–10.55 WITA": the wait as clock times in the event's zone. */
function callWindowText(wait: NonNullable<TicketView["wait"]>, lang: Lang, timeZone: string, m: M): string {
  const [from, to] = callWindow(Date.now(), wait.low, wait.high);
  return m.callAround(formatTime(from, lang, timeZone), formatTime(to, lang, timeZone), zoneName(timeZone));
}
