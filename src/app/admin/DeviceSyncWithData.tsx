import { useEffect, useState } from "preact/hooks";
import type { DeviceStatusView } from "../../core/admin-protocol.ts";
import { useMessages } from "../i18n/define.ts";
import { type AdminApi, AdminApiError } from "./admin-api.ts";
import { DeviceSync } from "./DeviceSync.tsx";
import { manageMessages } from "./manage-messages.ts";

const REFRESH_MS = 30_000;

/** Loads the server's view of the devices every 30 seconds while shown; offline, says so and keeps the last list. */
export function DeviceSyncWithData({ api, now, timeZone }: { api: AdminApi; now: number; timeZone: string }) {
  const m = useMessages(manageMessages);
  const [devices, setDevices] = useState<DeviceStatusView[] | null>(null);
  const [serverSkew, setServerSkew] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [showParticipants, setShowParticipants] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .devices()
      .then((res) => {
        if (!live) return;
        setDevices(res.devices);
        // compare with the server's clock, not this laptop's
        setServerSkew(res.serverTime - Date.now());
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(e instanceof AdminApiError && e.code !== "offline" ? m.failed(e.message) : m.offline);
      });
    const timer = setTimeout(() => setTick((t) => t + 1), REFRESH_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, tick, m]);

  return (
    <section aria-labelledby="admin-device-sync-title" data-testid="admin-device-sync-section">
      <h3 id="admin-device-sync-title">{m.devicesHeading}</h3>
      <p class="muted">{m.devicesIntro}</p>
      <div class="admin-actions">
        <button type="button" class="secondary" data-testid="admin-device-sync-refresh" onClick={() => setTick((t) => t + 1)}>
          {m.refresh}
        </button>
        <label class="check">
          <input
            type="checkbox"
            data-testid="admin-device-sync-participants"
            checked={showParticipants}
            onChange={(e) => setShowParticipants(e.currentTarget.checked)}
          />
          {m.showParticipants}
        </label>
      </div>
      {error && (
        <p class="notice warn" role="status" data-testid="admin-device-sync-error">
          {error}
        </p>
      )}
      {devices && <DeviceSync devices={devices} now={now + serverSkew} timeZone={timeZone} showParticipants={showParticipants} />}
    </section>
  );
}
