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
import { fmtMinutes } from "./format.ts";
import { type AdminMessages, adminMessages } from "./messages.ts";
import { TableWrap } from "./TableWrap.tsx";
import { TicketLog } from "./TicketLog.tsx";

/** The after-event report, from what this device holds; printable (print styles hide the rest of the page). */
export function Report(p: {
  event: LoketEvent;
  tickets: readonly TicketState[];
  participants: readonly ParticipantState[];
  ops: readonly Operation[];
  now: number;
}) {
  const m = useMessages(adminMessages);
  const lang = useLang();
  const [personal, setPersonal] = useState(true);
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
        <p class="user-text">
          <strong>{p.event.name}</strong> — {p.event.venue}, {p.event.startDate} – {p.event.endDate}
        </p>

        <section aria-labelledby="rep-complete">
          <h3 id="rep-complete">{m.completeness}</h3>
          <p class="muted">{m.completenessNote}</p>
          <ul data-testid="admin-report-devices">
            {devices.map((d) => (
              <li key={d.deviceId}>
                {d.deskId ?? d.role} (<code>{d.deviceId.slice(-6)}</code>): {m.lastOp}{" "}
                {formatTime(d.lastOpAt, lang, p.event.timeZone)} · {d.operations}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="rep-totals">
          <h3 id="rep-totals">{m.totals}</h3>
          <dl class="figures" data-testid="admin-report-totals">
            <Fig label={m.tickets} value={t.tickets} field="tickets" />
            <Fig label={m.participants} value={t.participants} field="participants" />
            <Fig label={m.participantsServed} value={t.participantsServed} field="participantsServed" />
            <Fig label={m.served} value={t.served} field="served" />
            <Fig label={m.noShow} value={t.noShow} field="noShow" />
            <Fig label={m.cancelled} value={t.cancelled} field="cancelled" />
            <Fig label={m.waiting} value={t.waiting} field="waiting" />
            <Fig label={m.transferred} value={t.transferred} field="transferred" />
            <Fig label={m.avgWait} value={fmtMinutes(t.wait.mean)} field="avgWait" />
            <Fig label={m.avgService} value={fmtMinutes(t.service.mean)} field="avgService" />
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
                    <td>{d.tickets}</td>
                    <td>{d.served}</td>
                    <td>{d.noShow}</td>
                    <td>{d.cancelled}</td>
                    <td>{fmtMinutes(d.wait.mean)}</td>
                    <td>{fmtMinutes(d.wait.p90)}</td>
                    <td>{fmtMinutes(d.service.mean)}</td>
                    <td>{fmtMinutes(d.service.p90)}</td>
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
                  <SkmRow key={d.domain} label={`${d.domain} — ${domainName(d.domain)}`} result={d.result} m={m} id={d.domain} />
                ))}
                <SkmRow label={m.skmOverall} result={r.skm.overall} m={m} id="overall" />
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
                      <th scope="row">
                        {x.region.type === "kota" ? "Kota" : "Kab."} {x.region.name}
                      </th>
                      <td>{x.participants}</td>
                      <td>{x.tickets}</td>
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
                    <td>{x.count}</td>
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
                      <th scope="row">{f.number}</th>
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

function SkmRow({ label, result, m, id }: { label: string; result: SkmResult; m: AdminMessages; id: string }) {
  return (
    <tr data-testid="admin-report-skm-row" data-row={id}>
      <th scope="row">{label}</th>
      <td data-testid={id === "overall" ? "skm-responses" : undefined}>{result.respondents}</td>
      {result.elements.map((e) => (
        <td key={e.element}>{e.nrr === null ? m.none : e.nrr.toFixed(2)}</td>
      ))}
      <td data-field="ikm">{result.ikm === null ? m.none : result.ikm.toFixed(2)}</td>
      <td data-field="category">{categoryText(result.category, m)}</td>
    </tr>
  );
}
