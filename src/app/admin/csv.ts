import Papa from "papaparse";
import type { LoketEvent } from "../../core/event.ts";
import { hlcWall } from "../../core/hlc.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import { serviceMinutesOf, waitMinutes } from "../../core/report.ts";
import { displayNumber, type TicketState } from "../../core/ticket-fold.ts";

/**
 * CSV exports for spreadsheets: UTF-8 with a byte-order mark (so Excel reads
 * the Indonesian names right), every field quoted, CRLF line ends, and formula
 * injection neutralised: a text cell beginning with = + - @, a tab or a carriage
 * return gets a leading single quote, so a name like `=HYPERLINK(…)` stays text.
 *
 * "Without personal data" drops names, positions, institutions, phones and the
 * free text of questions and notes (which may name people); regions, topics,
 * times and outcomes stay, so the counts remain.
 */
export type CsvKind = "tickets" | "consultations" | "followUps";

export interface CsvInput {
  readonly event: LoketEvent;
  readonly tickets: readonly TicketState[];
  readonly participants: readonly ParticipantState[];
  readonly personal: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralize(cell: unknown): unknown {
  return typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const body = Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map((c) => neutralize(c ?? ""))) },
    { quotes: true, newline: "\r\n", escapeFormulae: false },
  );
  return `\uFEFF${body}\r\n`;
}

const iso = (hlc: string | null) => (hlc ? new Date(hlcWall(hlc)).toISOString() : "");
const minutes = (n: number | null) => (n === null ? "" : Math.round(n * 10) / 10);

function context(input: CsvInput) {
  const people = new Map(input.participants.map((p) => [p.id, p]));
  const regions = new Map(input.event.regions.map((r) => [r.id, r]));
  return (t: TicketState) => {
    const profile = t.participantId ? (people.get(t.participantId)?.profile ?? null) : null;
    const region = profile ? regions.get(profile.regionId) : undefined;
    return {
      region: region ? `${region.type === "kota" ? "Kota" : "Kabupaten"} ${region.name}` : "",
      province: region?.provinceName ?? "",
      personal: input.personal
        ? [profile?.name ?? "", profile?.position ?? "", profile?.institution ?? "", profile?.phone ?? ""]
        : [],
    };
  };
}

const PERSONAL_HEADER = ["name", "position", "institution", "phone"];

export function csvFor(kind: CsvKind, input: CsvInput): string {
  const who = context(input);
  const known = input.tickets.filter((t) => t.known).sort((a, b) => (a.arrivedAt < b.arrivedAt ? -1 : 1));
  const personalHeader = input.personal ? PERSONAL_HEADER : [];
  switch (kind) {
    case "tickets":
      return toCsv(
        [
          "number",
          "domain",
          "original_domain",
          "status",
          "priority",
          "desk",
          "arrived_at",
          "called_at",
          "started_at",
          "closed_at",
          "wait_minutes",
          "service_minutes",
          "topic",
          ...(input.personal ? ["question"] : []),
          "regency_city",
          "province",
          ...personalHeader,
        ],
        known.map((t) => {
          const w = who(t);
          return [
            displayNumber(t).text,
            t.domain,
            t.originalDomain,
            t.status,
            t.priority ? "yes" : "no",
            t.holder ?? "",
            iso(t.arrivedAt),
            iso(t.calledAt),
            iso(t.startedAt),
            iso(t.closedAt),
            minutes(waitMinutes(t)),
            minutes(serviceMinutesOf(t)),
            t.outcome?.topic ?? t.question?.topic ?? "",
            ...(input.personal ? [t.question?.text ?? ""] : []),
            w.region,
            w.province,
            ...w.personal,
          ];
        }),
      );
    case "consultations":
      return toCsv(
        [
          "number",
          "domain",
          "desk",
          "started_at",
          "closed_at",
          "service_minutes",
          "topic",
          "outcome",
          "advice",
          "follow_up_what",
          "follow_up_who",
          "follow_up_due",
          "referred_to",
          ...(input.personal ? ["notes"] : []),
          "regency_city",
          "province",
          ...personalHeader,
        ],
        known
          .filter((t) => t.status === "done")
          .map((t) => {
            const w = who(t);
            const o = t.outcome;
            return [
              displayNumber(t).text,
              t.domain,
              t.holder ?? "",
              iso(t.startedAt),
              iso(t.closedAt),
              minutes(serviceMinutesOf(t)),
              o?.topic ?? "",
              o?.kind ?? "",
              o?.advice ?? "",
              o?.kind === "followUp" ? o.what : "",
              o?.kind === "followUp" ? o.who : "",
              o?.kind === "followUp" ? o.due : "",
              o?.kind === "referred" ? o.to : "",
              ...(input.personal ? [t.notes.map((n) => n.text).join("\n")] : []),
              w.region,
              w.province,
              ...w.personal,
            ];
          }),
      );
    case "followUps":
      return toCsv(
        ["number", "domain", "desk", "topic", "what", "who", "due", "regency_city", "province", ...personalHeader],
        known
          .filter((t) => t.status === "done" && t.outcome?.kind === "followUp")
          .map((t) => {
            const w = who(t);
            const o = t.outcome?.kind === "followUp" ? t.outcome : null;
            return [
              displayNumber(t).text,
              t.domain,
              t.holder ?? "",
              o?.topic ?? "",
              o?.what ?? "",
              o?.who ?? "",
              o?.due ?? "",
              w.region,
              w.province,
              ...w.personal,
            ];
          }),
      );
  }
}
