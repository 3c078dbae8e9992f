import { useEffect, useState } from "preact/hooks";
import type { LoketEvent } from "../../core/event.ts";
import { cachedEvent, refreshEvent } from "../desk/event-cache.ts";
import type { Device } from "../device.ts";
import { useLive, useNow } from "../hooks.ts";
import { useMessages } from "../i18n/define.ts";
import { type AdminSession, signOutOrganizer } from "./admin-session.ts";
import { BundleImport } from "./BundleImport.tsx";
import { ConflictReview } from "./ConflictReview.tsx";
import { CsvExport } from "./CsvExport.tsx";
import { adminMessages } from "./messages.ts";
import { Overview } from "./Overview.tsx";
import { Report } from "./Report.tsx";
import { Setup } from "./Setup.tsx";

type Tab = "overview" | "conflicts" | "report" | "export" | "bundles" | "setup";
const TABS: readonly Tab[] = ["overview", "conflicts", "report", "export", "bundles", "setup"];

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
  const now = useNow(30_000);
  const [event, setEvent] = useState<LoketEvent | null>(null);
  const [tab, setTab] = useState<Tab>("overview");
  const [signOutError, setSignOutError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void cachedEvent(store, session.eventId).then((e) => live && e && setEvent(e));
    void refreshEvent(store, session.token).then((e) => live && e && setEvent(e));
    return () => {
      live = false;
    };
  }, [store, session]);

  const label: Record<Tab, string> = {
    overview: m.tabOverview,
    conflicts: m.tabConflicts,
    report: m.tabReport,
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
            const r = await signOutOrganizer(store);
            if (r.ok) onSignedOut();
            else setSignOutError(m.signOutRefused(r.pending));
          }}
        >
          {m.signOut}
        </button>
      </div>
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
      {!event && tab !== "bundles" ? (
        <p class="notice warn" data-testid="admin-no-event">
          {m.noEvent}
        </p>
      ) : tab === "overview" && event ? (
        <Overview event={event} tickets={tickets} ops={ops} now={now} />
      ) : tab === "conflicts" ? (
        <ConflictReview tickets={tickets} />
      ) : tab === "report" && event ? (
        <Report event={event} tickets={tickets} participants={participants} ops={ops} now={now} />
      ) : tab === "export" && event ? (
        <CsvExport event={event} tickets={tickets} participants={participants} />
      ) : tab === "bundles" ? (
        <BundleImport store={store} eventId={session.eventId} />
      ) : event ? (
        <Setup event={event} />
      ) : null}
    </div>
  );
}
