import { useEffect, useState } from "preact/hooks";
import type { SkmScores } from "../../core/operation.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import type { OperationDraft } from "../../sync/recorder.ts";
import type { Device } from "../device.ts";
import { useMessages } from "../i18n/define.ts";
import { deferred } from "../ui/deferred.tsx";
import { participant } from "./messages.ts";
import type { TicketQrSource } from "./TicketQr.tsx";
import { LineInfo, statusText } from "./TicketStatus.tsx";
import type { TicketView } from "./ticket-view.ts";

// Each its own chunk: the QR code is drawn only on request, and the outcome and
// survey only once a consultation has finished.
const TicketQr = deferred(
  () => import("./TicketQr.tsx").then((m) => m.TicketQr),
  () => <p class="muted">…</p>,
);
const AfterConsultation = deferred(() => import("./AfterConsultation.tsx").then((m) => m.default));
// The question's edit form opens on a tap; the late-edit notice has something to
// say only after an offline edit crossed the start of the consultation.
const QuestionEditForm = deferred(
  () => import("./QuestionEditForm.tsx").then((m) => m.QuestionEditForm),
  () => <section class="card" aria-busy="true" />,
);
const LateEditNotice = deferred(() => import("./LateEditNotice.tsx").then((m) => m.LateEditNotice));
// Push subscription and wake lock: only while a ticket waits, never on the first visit.
// The placeholder holds the button's height, so its arrival moves nothing below.
const NotifyMe = deferred(
  () => import("./NotifyMe.tsx").then((m) => m.NotifyMe),
  () => <section class="notify-me" aria-busy="true" />,
);

/**
 * One ticket: number, domain, state, place and wait, the question (editable
 * until the consultation starts), QR, cancel; afterwards the outcome and the survey.
 */
export function TicketScreen({
  view,
  ticket,
  domainName,
  skmElements,
  qr,
  device,
  onEditQuestion,
  onCancel,
  onRate,
  onBack,
  timeZone,
}: {
  view: TicketView;
  ticket: TicketState;
  domainName: string;
  skmElements: readonly number[];
  /** where the ticket's QR code reads its content */
  qr: TicketQrSource;
  /** this phone: finds which kept-aside edits it made */
  device: Pick<Device, "store" | "deviceId">;
  onEditQuestion: (draft: OperationDraft) => Promise<void>;
  onCancel: () => Promise<void>;
  onRate: (scores: SkmScores, comment: string) => Promise<void>;
  onBack: () => void;
  /** the event's zone: the expected call time is shown as clock times in it */
  timeZone?: string;
}) {
  const m = useMessages(participant);
  const [confirming, setConfirming] = useState(false);
  const [showQr, setShowQr] = useState(false);
  const [editing, setEditing] = useState(false);
  const editable = view.questionEditable;
  // Once called, the question is the desk's to see as it is: an open edit closes and stays closed.
  useEffect(() => {
    if (!editable) setEditing(false);
  }, [editable]);
  const open = view.status === "waiting" || view.status === "called" || view.status === "noShow";
  return (
    <article
      class={`ticket status-${view.status}`}
      data-testid="ticket-screen"
      data-ticket-id={view.id}
      aria-labelledby="ticket-number"
    >
      <button type="button" class="link" onClick={onBack} data-testid="ticket-back">
        ← {m.back}
      </button>
      <div class="ticket-head">
        <p class="ticket-domain">{m.ticketOf(`${view.domain} — ${domainName}`)}</p>
        <h1 class="ticket-number" id="ticket-number" data-testid="ticket-number" data-provisional={view.provisional}>
          {view.number}
        </h1>
        {/* one slot, always there, so the server's number arriving moves nothing below */}
        <p class="muted ticket-note" data-testid="now-serving">
          {view.provisional ? m.provisional : view.nowServing ? m.nowServing(view.nowServing) : m.noneCalledYet}
        </p>
        <p class="ticket-status" data-testid="ticket-status" data-status={view.status} aria-live="assertive">
          {statusText(view, m)}
        </p>
      </div>
      {view.status === "called" && view.deskId && (
        <p class="notice ok call-now" role="alert">
          {m.goNow(view.deskId)}
        </p>
      )}
      {view.status === "waiting" && <LineInfo view={view} timeZone={timeZone} />}
      {view.status === "waiting" && <NotifyMe store={device.store} />}
      {view.heldWhileBusy && <p class="notice">{m.heldWhileBusy}</p>}
      {view.status === "noShow" && <p class="notice warn">{m.noShowHelp}</p>}

      {editing && editable ? (
        <QuestionEditForm ticket={ticket} onSave={onEditQuestion} onClose={() => setEditing(false)} />
      ) : (
        ticket.question && (
          <section class="card" aria-labelledby="q-title">
            <h2 id="q-title">{m.yourQuestion}</h2>
            <p>
              <strong class="user-text" data-testid="ticket-topic">
                {ticket.question.topic}
              </strong>
            </p>
            {ticket.question.text && (
              <p class="user-text" data-testid="ticket-question">
                {ticket.question.text}
              </p>
            )}
            {editable && (
              <button type="button" class="secondary" data-testid="edit-question" onClick={() => setEditing(true)}>
                {m.editQuestion}
              </button>
            )}
          </section>
        )
      )}
      {view.lateEdit && <LateEditNotice ticket={ticket} device={device} />}

      {open && (
        <section class="qr-section">
          <button
            type="button"
            class="secondary block"
            aria-expanded={showQr}
            data-testid="ticket-qr-toggle"
            onClick={() => setShowQr(!showQr)}
          >
            {showQr ? m.qrHide : m.qrShow}
          </button>
          {showQr && <TicketQr {...qr} number={view.number} />}
        </section>
      )}

      {view.status === "done" && <AfterConsultation ticket={ticket} skmElements={skmElements} onRate={onRate} />}

      {open &&
        (confirming ? (
          <div class="card">
            <p id="cancel-q">{m.cancelConfirm}</p>
            <div class="actions">
              <button
                type="button"
                class="danger"
                data-testid="cancel-confirm"
                onClick={async () => {
                  await onCancel();
                  setConfirming(false);
                }}
              >
                {m.cancelYes}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                {m.cancelNo}
              </button>
            </div>
          </div>
        ) : (
          <div class="actions">
            <button type="button" class="secondary block" data-testid="cancel-ticket" onClick={() => setConfirming(true)}>
              {m.cancelTicket}
            </button>
          </div>
        ))}
    </article>
  );
}
