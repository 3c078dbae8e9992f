import { useEffect, useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import type { AdminApi } from "./admin-api.ts";
import { CodesPanel } from "./CodesPanel.tsx";
import { EventForm } from "./EventForm.tsx";
import { adminMessages } from "./messages.ts";
import { PurgePanel } from "./PurgePanel.tsx";
import { QrSvg } from "./QrSvg.tsx";
import { formatDateRange } from "./report-format.ts";

/**
 * The event as this device holds it, the forms that change it on the server
 * (edit, codes, a new event, the after-event purge: these need the network),
 * and the QR posters: one for participants to join, one per desk to sign in
 * (the desk code is never printed).
 *
 * The join poster always carries the participant code the server holds now
 * (fetched when this tab opens, and again after a rotation): a typed or empty
 * code made posters whose QR opened an empty join screen. Without it, "print"
 * says why and does not print.
 */
export function Setup({
  event,
  api,
  onEventChanged,
  onPurged,
}: {
  event: LoketEvent;
  api: AdminApi;
  onEventChanged: (event: LoketEvent) => void;
  onPurged: () => void;
}) {
  const m = useMessages(adminMessages);
  const lang = useLang();
  const [joinCode, setJoinCode] = useState<string | null>(null);
  const [codeState, setCodeState] = useState<"loading" | "known" | "unknown">("loading");
  const [printRefused, setPrintRefused] = useState(false);
  const fetchJoinCode = () => {
    setCodeState("loading");
    api.ownEvent().then(
      (r) => {
        setJoinCode(r.codes.participantCode);
        setCodeState("known");
      },
      () => setCodeState((s) => (s === "loading" ? "unknown" : s)),
    );
  };
  // once per event shown (and again on "fetch the code" or after a rotation)
  useEffect(fetchJoinCode, [event.id]);
  const origin = typeof location === "undefined" ? "" : location.origin;
  const joinUrl = `${origin}/?event=${encodeURIComponent(event.id)}${joinCode ? `&code=${encodeURIComponent(joinCode)}` : ""}`;
  const desks = event.domains.flatMap((d) => Array.from({ length: d.desks }, (_, i) => ({ id: `${d.code}${i + 1}`, domain: d })));

  return (
    <section aria-labelledby="admin-setup-title" data-testid="admin-setup">
      <div class="no-print">
        <h2 id="admin-setup-title">{m.setupHeading}</h2>
        <dl class="event-fields" data-testid="admin-event">
          <dt>{m.eventId}</dt>
          <dd>
            <code>{event.id}</code>
          </dd>
          <dt>{m.venue}</dt>
          <dd class="user-text">{event.venue}</dd>
          <dt>{m.dates}</dt>
          {/* written out as in the report ("15–16 Januari 2026"), never ISO on a screen */}
          <dd data-testid="admin-event-dates">{formatDateRange(event.startDate, event.endDate, lang)}</dd>
          <dt>{m.timeZone}</dt>
          <dd>{event.timeZone}</dd>
          <dt>{m.desks}</dt>
          <dd>
            <ul>
              {event.domains.map((d) => (
                <li key={d.code}>
                  {d.code} — {d.name[lang]}: {d.desks}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{m.skmElements}</dt>
          <dd>{[...event.skmElements].sort((a, b) => a - b).join(", ")}</dd>
          <dt>{m.region}</dt>
          <dd>{event.regions.length}</dd>
        </dl>
        <p class="notice">{m.setupNote}</p>
        <EventForm key={event.id} api={api} event={event} onSaved={onEventChanged} />
        <CodesPanel
          api={api}
          onCodes={(codes) => {
            setJoinCode(codes.participantCode);
            setCodeState("known");
          }}
        />
        <EventForm api={api} event={null} />
        <PurgePanel api={api} event={event} onPurged={onPurged} />
        <h2>{m.postersHeading}</h2>
        <p class="muted">{m.postersIntro}</p>
        <p data-testid="admin-join-code-line">
          {m.joinCode}:{" "}
          {codeState === "known" && joinCode ? (
            <code data-testid="admin-join-code">{joinCode}</code>
          ) : codeState === "loading" ? (
            <span class="muted">{m.joinCodeLoading}</span>
          ) : (
            <>
              <span class="muted">{m.joinCodeUnknown}</span>{" "}
              <button type="button" class="secondary" data-testid="admin-join-code-retry" onClick={fetchJoinCode}>
                {m.joinCodeRetry}
              </button>
            </>
          )}
        </p>
        {printRefused && !joinCode && (
          <p class="notice bad" role="alert" data-testid="admin-print-refused">
            {m.printRefused}
          </p>
        )}
        <button
          type="button"
          data-testid="admin-print-posters"
          onClick={() => {
            setPrintRefused(!joinCode);
            if (joinCode) window.print();
          }}
        >
          {m.printPosters}
        </button>
      </div>
      <div class="posters print-only-block">
        <figure class="poster" data-testid="admin-poster-join">
          <h3 class="user-text">{event.name}</h3>
          <p class="poster-title">{m.posterJoin}</p>
          <QrSvg text={joinUrl} label={m.qrAlt(joinUrl)} />
          <figcaption>
            {m.posterJoinHint}
            <br />
            <code class="poster-url">{joinUrl}</code>
          </figcaption>
        </figure>
        {desks.map((d) => {
          const url = `${origin}/desk?event=${encodeURIComponent(event.id)}&desk=${d.id}`;
          return (
            <figure class="poster" key={d.id} data-testid="admin-poster-desk" data-desk={d.id}>
              <h3>{m.posterDesk(d.id)}</h3>
              <p class="poster-title">{d.domain.name[lang]}</p>
              <QrSvg text={url} label={m.qrAlt(url)} />
              <figcaption>
                {m.posterDeskHint}
                <br />
                <code class="poster-url">{url}</code>
              </figcaption>
            </figure>
          );
        })}
      </div>
    </section>
  );
}
