import { useMemo, useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import type { Operation } from "../../core/operation.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import { buildReport, deviceActivity } from "../../core/report.ts";
import type { SkmCategory, SkmResult } from "../../core/skm.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import { formatTime } from "../format.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { BarChart } from "./BarChart.tsx";
import { type AdminMessages, adminMessages } from "./messages.ts";
import { ReportSigningFields } from "./ReportSigningFields.tsx";
import { formatDate, formatDateRange, formatMinutes, formatNumber, regionLabel } from "./report-format.ts";
import type { ReportSigning } from "./report-signing.ts";
import { TableWrap } from "./TableWrap.tsx";
import { TicketLog } from "./TicketLog.tsx";

/**
 * The after-event report, from what this device holds; printable (print styles
 * hide the rest of the page). It is an official record for the Deputy: a title
 * block (event, place, dates, the unit responsible), numbers written as the
 * language writes them (81,25 in Bahasa Indonesia), regions with their type, no
 * device ids, and a place, date and signature block at the end. Personal data
 * is left out unless the organizer asks for it.
 */
export function Report(p: {
  event: LoketEvent;
  tickets: readonly TicketState[];
  participants: readonly ParticipantState[];
  ops: readonly Operation[];
  now: number;
  signing: ReportSigning;
  onSigning: (s: ReportSigning) => void;
}) {
  const m = useMessages(adminMessages);
  const lang = useLang();
  const [personal, setPersonal] = useState(false);
  const n = (x: number, digits = 0) => formatNumber(x, lang, digits);
  const minutes = (x: number | null | undefined) => formatMinutes(x, lang);
  const r = useMemo(() => buildReport(p.event, p.tickets, p.participants), [p.event, p.tickets, p.participants]);
  const devices = useMemo(() => deviceActivity(p.ops), [p.ops]);
  const domainName = (code: string) => p.event.domains.find((d) => d.code === code)?.name[lang] ?? code;
  const t = r.totals;

  return (
    <div data-testid="report">
      <article class="report" aria-labelledby="admin-report-title" data-testid="admin-report">
        <div class="report-head">
          <h2 id="admin-report-title">{m.reportHeading}</h2>
          <div class="actions no-print">
            <label class="check">
              <input
                type="checkbox"
                data-testid="admin-report-anonymous"
                checked={!personal}
                onChange={(e) => setPersonal(!e.currentTarget.checked)}
              />
              {m.withoutPersonal}
            </label>
            <button type="button" data-testid="admin-report-print" onClick={() => window.print()}>
              {m.print}
            </button>
          </div>
        </div>
        <ReportSigningFields signing={p.signing} onSigning={p.onSigning} />
        <dl class="report-title-block" data-testid="admin-report-title-block">
          <dt>{m.reportEvent}</dt>
          <dd class="user-text">{p.event.name}</dd>
          <dt>{m.venue}</dt>
          <dd class="user-text">{p.event.venue}</dd>
          <dt>{m.dates}</dt>
          <dd data-testid="admin-report-dates">{formatDateRange(p.event.startDate, p.event.endDate, lang)}</dd>
          <dt>{m.reportUnit}</dt>
          <dd class="user-text" data-testid="admin-report-unit">
            {p.event.unit || m.blankLine}
          </dd>
        </dl>

        <section aria-labelledby="rep-complete">
          <h3 id="rep-complete">{m.completeness}</h3>
          <p class="muted">{m.completenessNote}</p>
          <ul data-testid="admin-report-devices">
            {devices.map((d) => (
              <li key={d.deviceId}>
                {d.deskId ? `${m.desk} ${d.deskId}` : roleText(d.role, m)}: {m.lastOp}{" "}
                {formatTime(d.lastOpAt, lang, p.event.timeZone)} · {m.changes(n(d.operations))}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="rep-totals">
          <h3 id="rep-totals">{m.totals}</h3>
          <dl class="figures" data-testid="admin-report-totals">
            <Fig label={m.tickets} value={n(t.tickets)} field="tickets" />
            <Fig label={m.participants} value={n(t.participants)} field="participants" />
            <Fig label={m.participantsServed} value={n(t.participantsServed)} field="participantsServed" />
            <Fig label={m.served} value={n(t.served)} field="served" />
            <Fig label={m.noShow} value={n(t.noShow)} field="noShow" />
            <Fig label={m.cancelled} value={n(t.cancelled)} field="cancelled" />
            <Fig label={m.waiting} value={n(t.waiting)} field="waiting" />
            <Fig label={m.transferred} value={n(t.transferred)} field="transferred" />
            <Fig label={m.avgWait} value={minutes(t.wait.mean)} field="avgWait" />
            <Fig label={m.avgService} value={minutes(t.service.mean)} field="avgService" />
          </dl>
        </section>

        <section aria-labelledby="rep-domains">
          <h3 id="rep-domains">{m.perDomain}</h3>
          <TableWrap>
            <table data-testid="admin-report-domains">
              <thead>
                <tr>
                  <th scope="col">{m.domain}</th>
                  <th scope="col">{m.tickets}</th>
                  <th scope="col">{m.served}</th>
                  <th scope="col">{m.noShow}</th>
                  <th scope="col">{m.cancelled}</th>
                  <th scope="col">{m.avgWait}</th>
                  <th scope="col">{m.p90Wait}</th>
                  <th scope="col">{m.avgService}</th>
                  <th scope="col">{m.p90Service}</th>
                </tr>
              </thead>
              <tbody>
                {r.domains.map((d) => (
                  <tr key={d.domain} data-domain={d.domain}>
                    <th scope="row">
                      {d.domain} — {domainName(d.domain)}
                    </th>
                    <td>{n(d.tickets)}</td>
                    <td>{n(d.served)}</td>
                    <td>{n(d.noShow)}</td>
                    <td>{n(d.cancelled)}</td>
                    <td>{minutes(d.wait.mean)}</td>
                    <td>{minutes(d.wait.p90)}</td>
                    <td>{minutes(d.service.mean)}</td>
                    <td>{minutes(d.service.p90)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>

        <section aria-labelledby="rep-charts" class="charts">
          <h3 id="rep-charts" class="visually-hidden">
            {m.waitChart}
          </h3>
          <BarChart bins={r.waitBins} title={m.waitChart} testId="admin-report-wait-chart" />
          <BarChart bins={r.serviceBins} title={m.serviceChart} testId="admin-report-service-chart" />
        </section>

        <section aria-labelledby="rep-skm">
          <h3 id="rep-skm">{m.skmHeading}</h3>
          <p class="muted">{m.skmNote}</p>
          <TableWrap>
            <table data-testid="admin-report-skm">
              <thead>
                <tr>
                  <th scope="col">{m.domain}</th>
                  <th scope="col">{m.respondents}</th>
                  {[...p.event.skmElements]
                    .sort((a, b) => a - b)
                    .map((e) => (
                      <th scope="col" key={e}>
                        {m.element(e)}
                      </th>
                    ))}
                  <th scope="col">{m.ikm}</th>
                  <th scope="col">{m.category}</th>
                </tr>
              </thead>
              <tbody>
                {r.skm.domains.map((d) => (
                  <SkmRow
                    key={d.domain}
                    label={`${d.domain} — ${domainName(d.domain)}`}
                    result={d.result}
                    m={m}
                    n={n}
                    id={d.domain}
                  />
                ))}
                <SkmRow label={m.skmOverall} result={r.skm.overall} m={m} n={n} id="overall" />
              </tbody>
            </table>
          </TableWrap>
        </section>

        <section aria-labelledby="rep-regions">
          <h3 id="rep-regions">{m.perRegion}</h3>
          <p data-testid="admin-report-regions-came">{m.regionsCame(r.regionsCame, r.regionsTotal)}</p>
          {r.unknownRegion > 0 && <p class="muted">{m.unknownRegion(r.unknownRegion)}</p>}
          {r.provinces.map((prov) => (
            <TableWrap key={prov.provinceCode}>
              <table data-testid="admin-report-province" data-province={prov.provinceCode}>
                <caption>
                  {prov.provinceName}: {m.regionsCame(prov.came, prov.regions.length)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{m.region}</th>
                    <th scope="col">{m.participants}</th>
                    <th scope="col">{m.tickets}</th>
                    <th scope="col">{m.came}</th>
                  </tr>
                </thead>
                <tbody>
                  {prov.regions.map((x) => (
                    <tr key={x.region.id} class={x.participants > 0 ? "" : "absent"} data-region={x.region.id}>
                      <th scope="row">{regionLabel(x.region)}</th>
                      <td>{n(x.participants)}</td>
                      <td>{n(x.tickets)}</td>
                      <td>{x.participants > 0 ? m.came : m.notCame}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ))}
        </section>

        <section aria-labelledby="rep-topics">
          <h3 id="rep-topics">{m.topics}</h3>
          <TableWrap>
            <table data-testid="admin-report-topics">
              <thead>
                <tr>
                  <th scope="col">{m.topic}</th>
                  <th scope="col">{m.count}</th>
                </tr>
              </thead>
              <tbody>
                {r.topics.slice(0, 50).map((x) => (
                  <tr key={x.topic}>
                    <td class="user-text">{x.topic}</td>
                    <td>{n(x.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>

        <section aria-labelledby="rep-followups">
          <h3 id="rep-followups">{m.followUps}</h3>
          {r.followUps.length === 0 ? (
            <p>{m.noFollowUps}</p>
          ) : (
            <TableWrap>
              <table data-testid="admin-report-followups">
                <thead>
                  <tr>
                    <th scope="col">{m.ticket}</th>
                    <th scope="col">{m.topic}</th>
                    <th scope="col">{m.what}</th>
                    <th scope="col">{m.who}</th>
                    <th scope="col">{m.due}</th>
                    {personal && <th scope="col">{m.participant}</th>}
                    <th scope="col">{m.region}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.followUps.map((f) => (
                    <tr key={f.ticketId} data-testid="admin-report-followup">
                      <th scope="row" class="ticket-no">
                        {f.number}
                      </th>
                      <td class="user-text">{f.topic}</td>
                      <td class="user-text">{f.what}</td>
                      <td class="user-text">{f.who}</td>
                      <td>{f.due}</td>
                      {personal && <td class="user-text">{f.participantName ?? m.none}</td>}
                      <td>{f.regionName ?? m.none}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
        <section aria-labelledby="rep-log">
          <h3 id="rep-log">{m.ticketLog}</h3>
          <TicketLog tickets={p.tickets} participants={p.participants} personal={personal} />
        </section>
        <section class="signature-block" aria-label={m.signatureBlock} data-testid="admin-report-signature">
          <p>
            {p.signing.place || m.blankLine}, {formatDate(p.event.endDate, lang)}
          </p>
          <p class="user-text">{p.signing.position || m.blankLine}</p>
          <p class="signature-space" aria-hidden="true" />
          <p class="user-text signature-name">{p.signing.name || m.blankLine}</p>
        </section>
      </article>
    </div>
  );
}

function Fig({ label, value, field }: { label: string; value: string | number; field: string }) {
  return (
    <div class="figure" data-field={field}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function categoryText(c: SkmCategory | null, m: AdminMessages): string {
  switch (c) {
    case "A":
      return m.categoryA;
    case "B":
      return m.categoryB;
    case "C":
      return m.categoryC;
    case "D":
      return m.categoryD;
    default:
      return m.none;
  }
}

function roleText(role: string, m: AdminMessages): string {
  return role === "organizer"
    ? m.roleOrganizer
    : role === "participant"
      ? m.roleParticipant
      : role === "board"
        ? m.roleBoard
        : role;
}

function SkmRow({
  label,
  result,
  m,
  n,
  id,
}: {
  label: string;
  result: SkmResult;
  m: AdminMessages;
  n: (x: number, digits?: number) => string;
  id: string;
}) {
  return (
    <tr data-testid="admin-report-skm-row" data-row={id}>
      <th scope="row">{label}</th>
      <td data-testid={id === "overall" ? "skm-responses" : undefined}>{n(result.respondents)}</td>
      {result.elements.map((e) => (
        <td key={e.element} data-element={e.element}>
          {e.nrr === null ? m.none : n(e.nrr, 2)}
        </td>
      ))}
      <td data-field="ikm">{result.ikm === null ? m.none : n(result.ikm, 2)}</td>
      <td data-field="category">{categoryText(result.category, m)}</td>
    </tr>
  );
}
