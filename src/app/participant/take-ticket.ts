import type { DomainCode } from "../../core/domain.ts";
import { OPEN_STATUSES } from "../../core/fair-use.ts";
import { newId } from "../../core/ids.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import type { OperationDraft } from "../../sync/recorder.ts";

/**
 * Taking tickets: one `ticket.created` per chosen domain, all with the same
 * question, recorded together. The question is capped below the wire limit so
 * that the ticket always fits in its QR code (ticket-qr.ts).
 */
export const TOPIC_MAX = 120;
export const QUESTION_MAX = 1200;

export interface TicketForm {
  domains: DomainCode[];
  topic: string;
  text: string;
}

export type TicketFormErrors = Partial<Record<"domains" | "topic" | "text", "required">>;

export function checkTicketForm(f: TicketForm): TicketFormErrors {
  const e: TicketFormErrors = {};
  if (f.domains.length === 0) e.domains = "required";
  if (!f.topic.trim()) e.topic = "required";
  if (!f.text.trim()) e.text = "required";
  return e;
}

export function ticketDrafts(f: TicketForm, participantId: string, makeId: () => string = newId): OperationDraft[] {
  const question = { topic: f.topic.trim().slice(0, TOPIC_MAX), text: f.text.trim().slice(0, QUESTION_MAX) };
  return f.domains.map((domain) => ({
    type: "ticket.created",
    ticketId: makeId(),
    domain,
    participantId,
    question,
    priority: false,
  }));
}

/** Domains where the participant already holds an open ticket: no second number there (the server's rule, core/fair-use.ts). */
export function busyDomains(mine: readonly TicketState[]): Set<DomainCode> {
  const out = new Set<DomainCode>();
  for (const t of mine) if (OPEN_STATUSES.has(t.status)) out.add(t.domain);
  return out;
}
