import { useEffect, useMemo, useState } from "preact/hooks";
import { deskView, lostConflicts } from "../../core/desk-view.ts";
import { type DomainCode, isDomainCode } from "../../core/domain.ts";
import type { LoketEvent } from "../../core/event.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import type { LocalStore } from "../../storage/contract.ts";
import type { SyncStatus } from "../../sync/status.ts";
import { formatTime } from "../format.ts";
import { useNow } from "../hooks.ts";
import { useLang, useMessages } from "../i18n/define.ts";
import { SyncBadge } from "../ui/SyncBadge.tsx";
import { CloseDesk } from "./CloseDesk.tsx";
import { ConflictNotices } from "./ConflictNotices.tsx";
import { CurrentTicket } from "./CurrentTicket.tsx";
import type { DeskSession, OperationDraft } from "./desk-session.ts";
import { deskDrafts } from "./drafts.ts";
import { LineList } from "./LineList.tsx";
import { lineFreshness, zoneAbbrev } from "./line-freshness.ts";
import { deskMessages } from "./messages.ts";
import { QrScan } from "./QrScan.tsx";
import { type DeskShortcut, SHORTCUT_KEYS, type ShortcutRefusal, shortcutFor, shortcutRefusal } from "./shortcuts.ts";
import { WalkInForm } from "./WalkInForm.tsx";

export interface DeskProps {
  store: LocalStore;
  deviceId: string;
  session: DeskSession;
  domain: DomainCode;
  event: LoketEvent | null;
  tickets: readonly TicketState[];
  participants: readonly ParticipantState[];
  status: SyncStatus | null;
  /** operations not yet acknowledged by the server */
  pending: number;
  onSyncNow: () => void;
  dismissed: readonly string[];
  /** when a sync round last succeeded on this device, as stored (survives reloads) */
  storedLastSync: number | null;
  /**
   * The server's time now as this device best knows it (the recorder's `now`):
   * waited and running minutes are set against stamps made at server time, so a
   * desk laptop whose own clock is off must not measure them on it.
   */
  clock: () => number;
  record: (drafts: readonly OperationDraft[]) => Promise<void>;
  onDismiss: (opIds: readonly string[]) => void;
  onSignOut: () => Promise<{ ok: true } | { ok: false; pending: number }>;
}

const TEXT_INPUTS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export function Desk(p: DeskProps) {
  const m = useMessages(deskMessages);
  const lang = useLang();
  const { deskId } = p.session;
  const view = useMemo(() => deskView(p.tickets, deskId, p.domain), [p.tickets, deskId, p.domain]);
  const conflicts = useMemo(() => lostConflicts(p.tickets, deskId, p.dismissed), [p.tickets, deskId, p.dismissed]);
  const people = useMemo(() => new Map(p.participants.map((x) => [x.id, x])), [p.participants]);
  const [status, setStatus] = useState<{ text: string; bad: boolean; fleeting?: boolean } | null>(null);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const browserOnline = useBrowserOnline();
  const now = useNow(30_000, p.clock);

  // "Tersimpan." and a shortcut's "why not" answer the last key or click; they
  // do not linger over later work. A failure to save stays until the next action.
  useEffect(() => {
    if (!status || (status.bad && !status.fleeting)) return;
    const t = setTimeout(() => setStatus(null), 4000);
    return () => clearTimeout(t);
  }, [status]);

  /** Records the drafts; true once they are stored (callers clear their fields only then). */
  const run = async (drafts: OperationDraft[]): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    try {
      await p.record(drafts);
      setStatus({ text: m.saved, bad: false });
      return true;
    } catch (e) {
      setStatus({ text: m.failed(e instanceof Error ? e.message : String(e)), bad: true });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const current = view.current;
  const next = view.line[0];
  const act = (a: DeskShortcut) => {
    const refusal = shortcutRefusal(a, {
      current: current?.status === "called" || current?.status === "serving" ? current.status : null,
      lineLength: view.line.length,
      busy,
    });
    if (refusal) {
      setStatus({ text: refusalText(refusal, m), bad: true, fleeting: true });
      return;
    }
    switch (a) {
      case "callNext":
        if (next) void run([deskDrafts.call(next.id, deskId)]);
        return;
      case "recall":
        if (current?.status === "called") void run([deskDrafts.recall(current.id, deskId)]);
        return;
      case "start":
        if (current?.status === "called") void run([deskDrafts.start(current.id, deskId)]);
        return;
      case "skip":
        if (current?.status === "called") void run([deskDrafts.skip(current.id, deskId)]);
        return;
      case "noShow":
        if (current?.status === "called") void run([deskDrafts.noShow(current.id, deskId)]);
        return;
      case "focusNote":
        document.getElementById("desk-note")?.focus();
        return;
      case "saveNote":
        return; // handled by the note field itself
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      const a = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        inTextField: !!target && (TEXT_INPUTS.has(target.tagName) || target.isContentEditable),
      });
      if (!a || a === "saveNote" || e.repeat) return;
      e.preventDefault();
      act(a);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const freshness = lineFreshness(p.status, p.storedLastSync, browserOnline);
  const staleSince =
    freshness.stale && freshness.since !== null
      ? `${formatTime(freshness.since, lang, p.event?.timeZone)} ${zoneAbbrev(p.event?.timeZone)}`.trim()
      : null;
  const domainName = p.event?.domains.find((d) => d.code === p.domain)?.name[lang] ?? p.domain;
  const otherDomains = (p.event?.domains.map((d) => d.code) ?? ["K", "S", "A", "P"]).filter(
    (d): d is DomainCode => isDomainCode(d) && d !== p.domain,
  );

  return (
    <div class="desk" data-testid="desk">
      <div class="desk-head">
        <h1 data-testid="desk-title">{m.deskTitle(deskId, domainName)}</h1>
        <div class="desk-head-actions">
          <WalkInForm store={p.store} session={p.session} domain={p.domain} event={p.event} record={p.record} />
          {p.pending > 0 && (
            <span class="pill warn" data-testid="desk-pending" data-count={p.pending}>
              {m.pending(p.pending)}
            </span>
          )}
          {p.status && <SyncBadge status={p.status} timeZone={p.event?.timeZone} onSyncNow={p.onSyncNow} />}
          <button
            type="button"
            class="secondary"
            data-testid="desk-sign-out"
            onClick={async () => {
              const r = await p.onSignOut();
              setSignOutError(r.ok ? null : m.signOutRefused(r.pending));
            }}
          >
            {m.signOut}
          </button>
        </div>
      </div>
      {signOutError && (
        <p class="notice warn" role="alert" data-testid="desk-sign-out-refused">
          {signOutError}
        </p>
      )}
      <ConflictNotices conflicts={conflicts} onDismiss={p.onDismiss} />
      <p class={status?.bad ? "desk-status error" : "desk-status"} aria-live="polite" data-testid="desk-status">
        {status?.text ?? ""}
      </p>
      <div class="desk-grid">
        <section class="desk-current card" aria-labelledby="desk-current-title">
          <h2 id="desk-current-title">{m.currentHeading}</h2>
          <CurrentTicket
            ticket={current}
            alsoHeld={view.alsoHeld}
            tickets={p.tickets}
            people={people}
            deskId={deskId}
            otherDomains={otherDomains}
            event={p.event}
            busy={busy}
            now={now}
            run={run}
          />
        </section>
        <section class="desk-line card" aria-labelledby="desk-line-title">
          <h2 id="desk-line-title">{m.lineHeading}</h2>
          <div class="actions">
            <button
              type="button"
              data-testid="desk-call-next"
              aria-keyshortcuts="N"
              disabled={!next || busy}
              onClick={() => act("callNext")}
            >
              {m.callNext}
              <kbd>N</kbd>
            </button>
          </div>
          {/* Below the button, not above: a notice that comes when the network goes
              must not move "call next" under the officer's pointer (issue 13). */}
          {freshness.stale && (
            <p class="notice warn" role="status" data-testid="desk-line-stale">
              {m.lineStale(staleSince)}
            </p>
          )}
          <LineList
            line={view.line}
            noShows={view.noShows}
            tickets={p.tickets}
            people={people}
            deskId={deskId}
            timeZone={p.event?.timeZone}
            busy={busy}
            now={now}
            onCall={(t) => void run([deskDrafts.call(t.id, deskId)])}
          />
        </section>
      </div>
      <div class="desk-tools">
        <QrScan store={p.store} eventId={p.session.eventId} />
        <CloseDesk store={p.store} session={p.session} deviceId={p.deviceId} />
        <section class="card" aria-labelledby="desk-shortcuts-title" data-testid="desk-shortcuts">
          <h2 id="desk-shortcuts-title">{m.shortcutsHeading}</h2>
          <dl class="shortcut-list">
            {SHORTCUT_KEYS.map((s) => (
              <div key={s.key}>
                <dt>
                  <kbd>{s.key}</kbd>
                </dt>
                <dd>{shortcutLabel(s.action, m)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}

function shortcutLabel(a: DeskShortcut, m: (typeof deskMessages)["id"]): string {
  switch (a) {
    case "callNext":
      return m.kCallNext;
    case "recall":
      return m.kRecall;
    case "start":
      return m.kStart;
    case "skip":
      return m.kSkip;
    case "noShow":
      return m.kNoShow;
    case "saveNote":
      return m.kNote;
    case "focusNote":
      return m.kFocusNote;
  }
}

/** navigator.onLine, kept current by the browser's online and offline events. */
function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(typeof navigator === "undefined" || navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

function refusalText(r: ShortcutRefusal, m: (typeof deskMessages)["id"]): string {
  switch (r) {
    case "lineEmpty":
      return m.refusedLineEmpty;
    case "busy":
      return m.refusedBusy;
    case "noneCalled":
      return m.refusedNoneCalled;
    case "alreadyServing":
      return m.refusedAlreadyServing;
    case "noCurrent":
      return m.refusedNoCurrent;
  }
}
