import { useMemo, useRef } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { LoketEvent } from "../../core/event.ts";
import type { Connection } from "../connection.ts";
import { erasureDrafts } from "../erasure.ts";
import { useLive, usePersistence, useSyncStatus } from "../hooks.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { deferred } from "../ui/deferred.tsx";
import { SyncBadge } from "../ui/SyncBadge.tsx";
import { participant } from "./messages.ts";
import { RegisterForm } from "./RegisterForm.tsx";
import { TakeTicketForm } from "./TakeTicketForm.tsx";
import { TicketCard } from "./TicketCard.tsx";
import { TicketScreen } from "./TicketScreen.tsx";
import { busyDomains, ticketDrafts } from "./take-ticket.ts";
import { sortMyTickets, ticketView } from "./ticket-view.ts";
import { useCallAlerts } from "./use-call-alerts.ts";

const ALERT_AT_KEY = "alertAt";

// Below the tickets, and used only on a tap: one chunk, out of the first visit, with
// no placeholder (they come last on the page, so appearing moves nothing).
const HomePanels = deferred(() => import("./HomePanels.tsx").then((m) => m.HomePanels));
// Only when the browser refused persistent storage, and only on the ticket screen.
const PersistNotice = deferred(() => import("../ui/PersistNotice.tsx").then((m) => m.PersistNotice));
// Shown only once the participant has erased their data.
const ErasedScreen = deferred(
  () => import("./ErasedScreen.tsx").then((m) => m.ErasedScreen),
  () => <p role="status">…</p>,
);

/**
 * The participant's screens once joined: registration, my tickets, taking a
 * ticket, one ticket. The screen is chosen by the query (`?t=<id>`, `?take`,
 * `?profile=edit`) so that the phone's back button goes back.
 */
export function ParticipantHome({ conn, event }: { conn: Connection; event: LoketEvent }) {
  const m = useMessages(participant);
  const lang = useLang();
  const { query, route } = useLocation();
  const { store } = conn.device;
  const { recorder, engine } = conn;
  const pid = conn.session.participantId ?? "";
  const status = useSyncStatus(engine, store);
  const persistence = usePersistence();
  const me = useLive(async () => (await store.participant(pid)) ?? null, [store, pid]);
  const all = useLive(() => store.allTickets(), [store]);
  const nearAt = useLive(async () => (await store.getMeta<number | null>(ALERT_AT_KEY)) ?? null, [store]) ?? null;
  const mine = useMemo(() => sortMyTickets((all ?? []).filter((t) => t.participantId === pid)), [all, pid]);
  const views = useMemo(() => (all ? mine.map((t) => ticketView(t, all, event)) : undefined), [mine, all, event]);
  useCallAlerts(store, views, nearAt);

  const openTicketId = query.t;
  // The ticket just taken: its screen opens once the live query has it, with no flash of the list before.
  const justTaken = useRef<string | null>(null);
  const domainName = (code: string) => event.domains.find((d) => d.code === code)?.name[lang] ?? code;
  const badge = status && <SyncBadge plain status={status} timeZone={event.timeZone} onSyncNow={() => void engine.syncNow()} />;

  if (me === undefined || all === undefined) return <p role="status">{m.eventLoading}</p>;
  if (me?.erased) {
    return (
      <>
        <ErasedScreen
          pending={!!status && status.pending > 0}
          onShown={() => store.redactErased()}
          onClearDevice={async () => {
            // refused by the store while anything is unsent (UnsyncedChangesError)
            await store.clear();
            window.location.replace("/");
          }}
        />
        {badge}
      </>
    );
  }

  const profile = me?.profile ?? null;
  if (!profile || query.profile === "edit") {
    return (
      <RegisterForm
        event={event}
        initial={profile}
        onSave={async (p) => {
          await recorder.record({ type: "participant.registered", participantId: pid, profile: p });
          route("/", true);
        }}
        onCancel={profile ? () => history.back() : undefined}
      />
    );
  }

  if (query.take !== undefined) {
    return (
      <TakeTicketForm
        event={event}
        busy={busyDomains(mine)}
        onTake={async (form) => {
          const ops = await recorder.recordAll(ticketDrafts(form, pid));
          const first = ops[0];
          justTaken.current = ops.length === 1 && first?.type === "ticket.created" ? first.ticketId : null;
          route(justTaken.current ? `/?t=${justTaken.current}` : "/", true);
        }}
        onCancel={() => history.back()}
      />
    );
  }

  const open = openTicketId ? mine.find((t) => t.id === openTicketId) : undefined;
  if (openTicketId && !open && justTaken.current === openTicketId) return <p role="status">{m.eventLoading}</p>;
  const openView = open && views?.find((v) => v.id === open.id);
  if (open && openView) {
    return (
      <>
        <TicketScreen
          view={openView}
          ticket={open}
          domainName={domainName(open.domain)}
          skmElements={event.skmElements}
          qr={{ store, eventId: event.id, ticketId: open.id, participantId: pid }}
          device={conn.device}
          onEditQuestion={async (draft) => {
            await recorder.record(draft);
          }}
          onCancel={async () => {
            await recorder.record({ type: "ticket.cancelled", ticketId: open.id });
          }}
          onRate={async (scores, comment) => {
            await recorder.record({ type: "ticket.rated", ticketId: open.id, scores, ...(comment ? { comment } : {}) });
          }}
          onBack={() => route("/")}
        />
        {badge}
        {persistence === "denied" && <PersistNotice />}
      </>
    );
  }

  const serving = mine.some((t) => t.status === "serving");
  return (
    <>
      <h1 data-testid="participant-hello">
        <span class="user-text">{m.hello(profile.name)}</span>
      </h1>
      {badge}
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{m.myTickets}</h2>
        {views && views.length > 0 ? (
          <ul class="ticket-list" data-testid="ticket-list">
            {views.map((v) => (
              <TicketCard key={v.id} view={v} domainName={domainName(v.domain)} href={`/?t=${v.id}`} />
            ))}
          </ul>
        ) : (
          <p class="muted">{m.noTickets}</p>
        )}
        <a class="button block" href="/?take" data-testid="take-ticket">
          {m.takeTicket}
        </a>
      </section>
      <HomePanels
        alerts={{ nearAt, onChange: (n) => void store.setMeta(ALERT_AT_KEY, n) }}
        profile={{
          profile,
          regions: event.regions,
          busyServing: serving,
          onEdit: () => route("/?profile=edit"),
          onErase: async () => {
            await recorder.recordAll(erasureDrafts(pid, profile.regionId, mine));
          },
        }}
      />
    </>
  );
}
