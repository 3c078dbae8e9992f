import type { DomainCode } from "../../core/domain.ts";
import { OPEN_STATUSES } from "../../core/fair-use.ts";
import { newId } from "../../core/ids.ts";
import type { Question } from "../../core/operation.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import type { OperationDraft } from "../../sync/recorder.ts";

/**
 * Taking tickets: one `ticket.created` per chosen domain, all with the same
 * question, recorded together. The domain comes first, then a topic (one of the
 * domain's suggestions or a short line of one's own); the question written out is
 * optional, since many participants prefer to ask at the table (issue 12). The
 * question is capped below the wire limit so that the ticket always fits in its
 * QR code (ticket-qr.ts).
 */
export const TOPIC_MAX = 120;
export const QUESTION_MAX = 1200;

/**
 * A few common topics per domain, offered as one-tap choices. They are data, not
 * screen text: a topic is recorded as chosen and counted in the report, which is
 * in Bahasa Indonesia, so they stay in Bahasa Indonesia whatever the phone's language.
 */
export const TOPIC_CHOICES: Readonly<Record<DomainCode, readonly string[]>> = {
  K: ["Penataan SOTK", "Proses bisnis dan SOP", "Penyederhanaan birokrasi"],
  S: ["Formasi dan pengadaan ASN", "Jabatan fungsional", "Kinerja ASN"],
  A: ["SAKIP dan LHE AKIP", "Zona Integritas", "Reformasi birokrasi"],
  P: ["Standar pelayanan", "Pengaduan masyarakat", "Survei kepuasan masyarakat"],
};

/** The topic choices for the chosen domains, in their order, each once. */
export function topicChoices(domains: readonly DomainCode[]): string[] {
  return [...new Set(domains.flatMap((d) => TOPIC_CHOICES[d]))];
}

export interface TicketForm {
  domains: DomainCode[];
  topic: string;
  text: string;
}

export type TicketFormErrors = Partial<Record<"domains" | "topic", "required">>;

export function checkTicketForm(f: TicketForm): TicketFormErrors {
  const e: TicketFormErrors = {};
  if (f.domains.length === 0) e.domains = "required";
  if (!f.topic.trim()) e.topic = "required";
  return e;
}

/** The question of a form's two fields, trimmed and capped; no `text` when none was written. */
export function formQuestion(topic: string, text: string): Question {
  const written = text.trim().slice(0, QUESTION_MAX).trim();
  return { topic: topic.trim().slice(0, TOPIC_MAX).trim(), ...(written ? { text: written } : {}) };
}

export function ticketDrafts(f: TicketForm, participantId: string, makeId: () => string = newId): OperationDraft[] {
  const question = formQuestion(f.topic, f.text);
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
