import { useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { TextField } from "../ui/TextField.tsx";
import type { AdminApi } from "./admin-api.ts";
import { CodesPanel } from "./CodesPanel.tsx";
import { EventForm } from "./EventForm.tsx";
import { adminMessages } from "./messages.ts";
import { PurgePanel } from "./PurgePanel.tsx";
import { QrSvg } from "./QrSvg.tsx";

/**
 * The event as this device holds it, the forms that change it on the server
 * (edit, codes, a new event, the after-event purge: these need the network),
 * and the QR posters: one for participants to join, one per desk to sign in
 * (the desk code is never printed).
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
  const [joinCode, setJoinCode] = useState("");
  const origin = typeof location === "undefined" ? "" : location.origin;
  const joinUrl = `${origin}/?event=${encodeURIComponent(event.id)}${joinCode.trim() ? `&code=${encodeURIComponent(joinCode.trim())}` : ""}`;
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
          <dd>
            {event.startDate} – {event.endDate}
          </dd>
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
        <CodesPanel api={api} />
        <EventForm api={api} event={null} />
        <PurgePanel api={api} event={event} onPurged={onPurged} />
        <h2>{m.postersHeading}</h2>
        <p class="muted">{m.postersIntro}</p>
        <TextField
          id="admin-join-code"
          label={m.joinCode}
          testId="admin-join-code"
          autocomplete="off"
          value={joinCode}
          onValue={setJoinCode}
        />
        <button type="button" data-testid="admin-print-posters" onClick={() => window.print()}>
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
