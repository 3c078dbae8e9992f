import type { Operation, Question } from "../../core/operation.ts";
import type { Conflict, TicketState } from "../../core/ticket-fold.ts";
import type { OperationDraft } from "../../sync/recorder.ts";
import { formQuestion } from "./take-ticket.ts";
import { mayEditQuestion } from "./ticket-view.ts";

/**
 * Editing the question of a ticket (`ticket.questionEdited`), with the limits of
 * taking one (take-ticket.ts: the ticket must still fit in its QR code). Loaded
 * with the edit form and the late-edit notice, out of the first visit's chunk;
 * the rule that shows the button is `mayEditQuestion` in ticket-view.ts.
 *
 * The phone offers the edit only while the desk has not begun: once a
 * consultation starts, the fold keeps the question the desk saw and sets a later
 * edit aside as a `lateEdit` conflict (core/ticket-fold.ts). An edit made offline
 * can still land after the start; the phone then finds it with `myLateEdits`.
 */
export type QuestionFormErrors = Partial<Record<"topic", "required">>;

/** The edit form's fields: the text may be left empty (a topic alone is a question). */
export interface QuestionForm {
  topic: string;
  text: string;
}

export function checkQuestionForm(f: QuestionForm): QuestionFormErrors {
  return f.topic.trim() ? {} : { topic: "required" };
}

/**
 * The edit to record, or null when the form is incomplete, says what the ticket
 * already says, or the consultation has started meanwhile.
 */
export function questionEditDraft(
  ticket: Pick<TicketState, "id" | "question" | "status">,
  f: QuestionForm,
): OperationDraft | null {
  if (!mayEditQuestion(ticket)) return null;
  const question = formQuestion(f.topic, f.text);
  if (!question.topic) return null;
  if (ticket.question?.topic === question.topic && ticket.question.text === question.text) return null;
  return { type: "ticket.questionEdited", ticketId: ticket.id, question };
}

/**
 * The edits this device made that the fold kept aside, latest last: `lateEdit`
 * conflicts whose operation is a `ticket.questionEdited` made here.
 */
export function myLateEdits(
  ticket: Pick<TicketState, "conflicts">,
  ops: readonly Operation[],
  deviceId: string,
): (Conflict & { question: Question })[] {
  const mine = new Set(ops.filter((o) => o.type === "ticket.questionEdited" && o.actor.deviceId === deviceId).map((o) => o.id));
  return ticket.conflicts
    .filter((c): c is Conflict & { question: Question } => c.kind === "lateEdit" && !!c.question && mine.has(c.opId))
    .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}
