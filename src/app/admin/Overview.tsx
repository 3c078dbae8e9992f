import { useMemo } from "preact/hooks";
import { DOMAIN_CODES } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import type { Operation } from "../../core/operation.ts";
import { deskFigures, deviceActivity, domainFigures } from "../../core/report.ts";
import { displayNumber, type TicketState } from "../../core/ticket-fold.ts";
import { formatTime } from "../format.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import type { AdminApi } from "./admin-api.ts";
import { DeviceSyncWithData } from "./DeviceSyncWithData.tsx";
import { adminMessages } from "./messages.ts";
import { formatMinutes } from "./report-format.ts";
import { TableWrap } from "./TableWrap.tsx";

const STALE_MS = 30 * 60 * 1000;

/** Live figures per domain and per desk, and when each desk device was last heard of. */
export function Overview({
  event,
  tickets,
  ops,
  now,
  api,
}: {
  event: LoketEvent;
  tickets: readonly TicketState[];
  ops: readonly Operation[];
  now: number;
  /** the server's view of each device's sync; absent in tests without a server */
  api?: AdminApi;
}) {
  const m = useMessages(adminMessages);
  const lang = useLang();
  const domains = useMemo(
    () => DOMAIN_CODES.filter((d) => event.domains.some((x) => x.code === d)).map((d) => domainFigures(tickets, d)),
    [event, tickets],
  );
  const desks = useMemo(() => deskFigures(event, tickets, now), [event, tickets, now]);
  const devices = useMemo(() => deviceActivity(ops), [ops]);
  return (
    <section aria-labelledby="admin-overview-title" data-testid="admin-overview">
      <h2 id="admin-overview-title">{m.overviewHeading}</h2>
      <p class="muted">{m.overviewNote}</p>
      <TableWrap>
        <table data-testid="admin-overview-domains">
          <thead>
            <tr>
              <th scope="col">{m.domain}</th>
              <th scope="col">{m.waiting}</th>
              <th scope="col">{m.inService}</th>
              <th scope="col">{m.served}</th>
              <th scope="col">{m.noShow}</th>
              <th scope="col">{m.avgWait}</th>
              <th scope="col">{m.p90Wait}</th>
              <th scope="col">{m.avgService}</th>
              <th scope="col">{m.p90Service}</th>
            </tr>
          </thead>
          <tbody>
            {domains.map((d) => (
              <tr key={d.domain} data-testid="admin-overview-domain" data-domain={d.domain}>
                <th scope="row">{d.domain}</th>
                <td data-field="waiting">{d.waiting}</td>
                <td data-field="inService">{d.inService}</td>
                <td data-field="served">{d.served}</td>
                <td data-field="noShow">{d.noShow}</td>
                <td>{formatMinutes(d.wait.mean, lang)}</td>
                <td>{formatMinutes(d.wait.p90, lang)}</td>
                <td>{formatMinutes(d.service.mean, lang)}</td>
                <td>{formatMinutes(d.service.p90, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <TableWrap>
        <table data-testid="admin-overview-desks">
          <thead>
            <tr>
              <th scope="col">{m.desk}</th>
              <th scope="col">{m.current}</th>
              <th scope="col">{m.served}</th>
              <th scope="col">{m.idle}</th>
            </tr>
          </thead>
          <tbody>
            {desks.map((d) => (
              <tr key={d.deskId} data-testid="admin-overview-desk" data-desk={d.deskId}>
                <th scope="row">{d.deskId}</th>
                <td data-field="current">{d.current ? displayNumber(d.current).text : m.none}</td>
                <td data-field="served">{d.served}</td>
                <td>{d.idleMinutes === null ? m.none : m.minutes(Math.round(d.idleMinutes))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {api && <DeviceSyncWithData api={api} now={now} timeZone={event.timeZone} />}
      <h3>{m.devicesHeading}</h3>
      <TableWrap>
        <table data-testid="admin-overview-devices">
          <thead>
            <tr>
              <th scope="col">{m.desk}</th>
              <th scope="col">{m.device}</th>
              <th scope="col">{m.lastOp}</th>
              <th scope="col">{m.operations}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => {
              const stale = now - d.lastOpAt > STALE_MS;
              return (
                <tr key={d.deviceId} class={stale ? "stale" : ""}>
                  <th scope="row">{d.deskId ?? d.role}</th>
                  <td>
                    <code>{d.deviceId.slice(-6)}</code>
                  </td>
                  <td>
                    {formatTime(d.lastOpAt, lang, event.timeZone)}
                    {stale && <span class="pill warn"> {m.staleDevice}</span>}
                  </td>
                  <td>{d.operations}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
