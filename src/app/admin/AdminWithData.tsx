import { useMemo, useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import { UnsyncedChangesError } from "../../storage/contract.ts";
import { signOut } from "../../sync/session.ts";
import { connect, refreshEvent } from "../connection.ts";
import type { Device } from "../device.ts";
import { erasureDrafts } from "../erasure.ts";
import { useLive, useNow, useSyncStatus } from "../hooks.ts";
import { useMessages } from "../i18n/define.ts";
import { SyncBadge } from "../ui/SyncBadge.tsx";
import { useAfterSync } from "../ui/use-after-sync.ts";
import { useEvent } from "../use-event.ts";
import { adminApi } from "./admin-api.ts";
import type { AdminSession } from "./admin-session.ts";
import { BundleImport } from "./BundleImport.tsx";
import { ConflictReview } from "./ConflictReview.tsx";
import { CsvExport } from "./CsvExport.tsx";
import { adminMessages } from "./messages.ts";
import { Overview } from "./Overview.tsx";
import { Participants } from "./Participants.tsx";
import { Report } from "./Report.tsx";
import { defaultSigning, type ReportSigning, signingKey } from "./report-signing.ts";
import { Setup } from "./Setup.tsx";

type Tab = "overview" | "conflicts" | "report" | "participants" | "export" | "bundles" | "setup";
const TABS: readonly Tab[] = ["overview", "conflicts", "report", "participants", "export", "bundles", "setup"];

/** Loads what the organizer sees from the device store; every section works offline on what it holds. */
export function AdminWithData({
  device,
  session,
  onSignedOut,
}: {
  device: Device;
  session: AdminSession;
  onSignedOut: () => void;
}) {
  const m = useMessages(adminMessages);
  const { store } = device;
  const tickets = useLive(() => store.allTickets(), [store]) ?? [];
  const participants = useLive(() => store.allParticipants(), [store]) ?? [];
  const ops = useLive(() => store.allOperations(), [store]) ?? [];
  const conn = useMemo(() => connect(device, session), [device, session]);
  const now = useNow(30_000, conn.recorder.now);
  const status = useSyncStatus(conn.engine);
  // UU 27/2022: an erasure that arrived takes the participant's own words off this laptop too
  useAfterSync(conn.engine, () => store.redactErased());
  // undefined while the device and the server are asked: "no event" is said only once both answered
  const stored = useEvent(device, session);
  // an edit made here shows at once; refreshEvent keeps it on the device for offline use
  const [edited, setEdited] = useState<LoketEvent | null>(null);
  const event = edited ?? stored ?? null;
  const eventLoading = !edited && stored === undefined;
  const api = useMemo(() => adminApi(session.token), [session.token]);
  const signing = useLive(() => store.getMeta<ReportSigning>(signingKey(session.eventId)), [store, session.eventId]);
  // the day's work first; the report is for after
  const [tab, setTab] = useState<Tab>("overview");
  const [signOutError, setSignOutError] = useState<string | null>(null);

  const label: Record<Tab, string> = {
    overview: m.tabOverview,
    conflicts: m.tabConflicts,
    report: m.tabReport,
    participants: m.tabParticipants,
    export: m.tabExport,
    bundles: m.tabBundles,
    setup: m.tabSetup,
  };

  return (
    <div class="admin" data-testid="admin">
      <div class="admin-head no-print">
        <h1>
          {m.title} — <span class="user-text">{event?.name ?? session.eventId}</span>
        </h1>
        <button
          type="button"
          class="secondary"
          data-testid="admin-sign-out"
          onClick={async () => {
            try {
              await signOut(store);
              conn.engine.stop();
              onSignedOut();
            } catch (e) {
              if (e instanceof UnsyncedChangesError) setSignOutError(m.signOutRefused(e.pending));
              else throw e;
            }
          }}
        >
          {m.signOut}
        </button>
      </div>
      {status && (
        <div class="no-print">
          <SyncBadge status={status} timeZone={event?.timeZone} onSyncNow={() => void conn.engine.syncNow()} />
        </div>
      )}
      {signOutError && (
        <p class="notice warn no-print" role="alert">
          {signOutError}
        </p>
      )}
      <nav class="admin-tabs no-print" aria-label={m.sections}>
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            class={tab === t ? "" : "secondary"}
            aria-pressed={tab === t}
            data-testid={`admin-tab-${t}`}
            onClick={() => setTab(t)}
          >
            {label[t]}
          </button>
        ))}
      </nav>
      {eventLoading && tab !== "bundles" ? (
        <p class="muted" role="status" data-testid="admin-event-loading">
          {m.eventLoading}
        </p>
      ) : !event && tab !== "bundles" ? (
        <p class="notice warn" data-testid="admin-no-event">
          {m.noEvent}
        </p>
      ) : tab === "overview" && event ? (
        <Overview event={event} tickets={tickets} ops={ops} now={now} api={api} />
      ) : tab === "conflicts" ? (
        <ConflictReview tickets={tickets} />
      ) : tab === "report" && event ? (
        <Report
          event={event}
          tickets={tickets}
          participants={participants}
          ops={ops}
          now={now}
          signing={signing ?? defaultSigning(event.venue)}
          onSigning={(s) => void store.setMeta(signingKey(session.eventId), s)}
        />
      ) : tab === "participants" && event ? (
        <Participants
          event={event}
          participants={participants}
          tickets={tickets}
          onErase={async (row) => {
            await conn.recorder.recordAll(erasureDrafts(row.id, row.profile.regionId, tickets));
          }}
        />
      ) : tab === "export" && event ? (
        <CsvExport event={event} tickets={tickets} participants={participants} />
      ) : tab === "bundles" ? (
        <BundleImport store={store} eventId={session.eventId} />
      ) : event ? (
        <Setup
          event={event}
          api={api}
          onEventChanged={(e) => {
            setEdited(e);
            void refreshEvent(device, session);
          }}
          onPurged={() => void conn.engine.syncNow()}
        />
      ) : null}
    </div>
  );
}
