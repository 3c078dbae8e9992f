import type { DeviceStatusView } from "../../core/admin-protocol.ts";
import type { SyncErrorCode } from "../../sync/status.ts";
import { formatTime } from "../format.ts";
import { common } from "../i18n/common.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { errorWords } from "../ui/sync-words.ts";
import { deviceLags } from "./event-form.ts";
import { manageMessages } from "./manage-messages.ts";
import { adminMessages } from "./messages.ts";
import { TableWrap } from "./TableWrap.tsx";

/**
 * Each device as the server last heard of it: last push and pull, the changes
 * it still holds, its last sync error. A device not synced for over 15 minutes
 * stands out. Participants' phones are many: hidden unless asked for.
 */
export function DeviceSync({
  devices,
  now,
  timeZone,
  showParticipants,
}: {
  devices: readonly DeviceStatusView[];
  now: number;
  timeZone: string;
  showParticipants: boolean;
}) {
  const m = useMessages(manageMessages);
  const c = useMessages(common);
  const a = useMessages(adminMessages);
  const lang = useLang();
  const shown = devices.filter((d) => showParticipants || d.role !== "participant");
  const role = { participant: m.roleParticipant, desk: m.roleDesk, organizer: m.roleOrganizer } as const;
  const at = (ms: number | null) => (ms === null ? m.never : formatTime(ms, lang, timeZone));
  if (shown.length === 0) return <p class="muted">{m.noDevices}</p>;
  return (
    <TableWrap>
      <table data-testid="admin-device-sync">
        <thead>
          <tr>
            <th scope="col">{m.role}</th>
            <th scope="col">{a.device}</th>
            <th scope="col">{m.lastPush}</th>
            <th scope="col">{m.lastPull}</th>
            <th scope="col">{m.unsynced}</th>
            <th scope="col">{m.lastError}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => {
            const lags = deviceLags(d, now);
            return (
              <tr
                key={d.deviceId}
                class={lags ? "stale" : ""}
                data-testid="admin-device-sync-row"
                data-device={d.deviceId}
                data-lagging={lags ? "true" : "false"}
              >
                <th scope="row">{d.deskId ?? role[d.role]}</th>
                <td>
                  <code>{d.deviceId.slice(-6)}</code>
                </td>
                <td>{at(d.lastPushAt)}</td>
                <td>
                  {at(d.lastPullAt)}
                  {lags && <span class="pill warn"> {m.lagging}</span>}
                </td>
                <td data-field="pending">{d.pending}</td>
                <td data-field="lastError">{d.lastError ? errorWords(d.lastError as SyncErrorCode, c) : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
