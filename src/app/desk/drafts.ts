import type { DeskId, DomainCode } from "../../core/domain.ts";
import type { Outcome, Question } from "../../core/operation.ts";
import type { Profile } from "../../core/participant.ts";
import type { OperationDraft } from "./desk-session.ts";

/** The desk's actions as operation drafts: what the buttons and shortcuts record. */
export const deskDrafts = {
  call: (ticketId: string, deskId: DeskId): OperationDraft => ({ type: "ticket.called", ticketId, deskId }),
  recall: (ticketId: string, deskId: DeskId): OperationDraft => ({ type: "ticket.recalled", ticketId, deskId }),
  start: (ticketId: string, deskId: DeskId): OperationDraft => ({ type: "ticket.started", ticketId, deskId }),
  skip: (ticketId: string, deskId: DeskId): OperationDraft => ({ type: "ticket.skipped", ticketId, deskId, requeue: true }),
  noShow: (ticketId: string, deskId: DeskId): OperationDraft => ({ type: "ticket.skipped", ticketId, deskId, requeue: false }),
  transfer: (ticketId: string, deskId: DeskId, toDomain: DomainCode): OperationDraft => ({
    type: "ticket.transferred",
    ticketId,
    deskId,
    toDomain,
  }),
  note: (ticketId: string, deskId: DeskId, text: string): OperationDraft => ({
    type: "ticket.noteAdded",
    ticketId,
    deskId,
    text,
  }),
  close: (ticketId: string, deskId: DeskId, outcome: Outcome): OperationDraft => ({
    type: "ticket.closed",
    ticketId,
    deskId,
    outcome,
  }),
};

/**
 * Closing a consultation. Text left in the note field when the officer closes
 * is part of what they meant to record: it goes in as a note just before the
 * close, in the same batch, so it is never dropped.
 */
export function closeDrafts(ticketId: string, deskId: DeskId, outcome: Outcome, unsavedNote: string): OperationDraft[] {
  const note = unsavedNote.trim();
  return [...(note ? [deskDrafts.note(ticketId, deskId, note)] : []), deskDrafts.close(ticketId, deskId, outcome)];
}

/**
 * A walk-in's question from the form's two fields: none when both are empty
 * (a walk-in "only a number"); a topic alone is a question without text (as on
 * the phone), and a text alone gives the topic its first words.
 */
export function walkInQuestion(topic: string, text: string): Question | null {
  const t = topic.trim();
  const x = text.trim();
  if (!t && !x) return null;
  return { topic: t || x.slice(0, 120).trim(), ...(x ? { text: x } : {}) };
}

/** A walk-in: an optional minimal profile (consent given verbally to the desk) and the ticket. */
export function walkInDrafts(input: {
  ticketId: string;
  participantId: string | null;
  domain: DomainCode;
  profile: Profile | null;
  question: Question | null;
  priority: boolean;
  reservedNumber: string | null;
}): OperationDraft[] {
  const out: OperationDraft[] = [];
  const pid = input.profile ? input.participantId : null;
  if (input.profile && pid) out.push({ type: "participant.registered", participantId: pid, profile: input.profile });
  out.push({
    type: "ticket.created",
    ticketId: input.ticketId,
    domain: input.domain,
    participantId: pid,
    ...(input.question ? { question: input.question } : {}),
    priority: input.priority,
    ...(input.reservedNumber ? { reservedNumber: input.reservedNumber } : {}),
  });
  return out;
}
