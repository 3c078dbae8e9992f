import type { EventDraft, EventPatch } from "../../core/admin-protocol.ts";
import { DEFAULT_DOMAINS, DOMAIN_CODES, type DomainCode } from "../../core/domain.ts";
import { type LoketEvent, type Region, regionSlug } from "../../core/event.ts";

/**
 * The event form's state and its conversions, kept out of the component so
 * they are tested with plain values. Regions are edited as text, one per line:
 * `province code | province name | kabupaten or kota | name` (a tab works as
 * well as `|`, so rows pasted from a spreadsheet fit).
 */
export interface EventFormState {
  id: string;
  name: string;
  venue: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  /** the unit responsible, for the report's title block ("" for none) */
  unit: string;
  /** desks per domain; 0 leaves the domain out */
  desks: Record<DomainCode, number>;
  regionsText: string;
  consentNoticeVersion: string;
}

/** Indonesia's three zones: WIB, WITA (Bali, NTB, NTT), WIT. */
export const TIME_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;

export function regionsToText(regions: readonly Region[]): string {
  return regions.map((r) => `${r.provinceCode} | ${r.provinceName} | ${r.type} | ${r.name}`).join("\n");
}

export type RegionsParse = { ok: true; regions: Region[] } | { ok: false; line: number };

export function parseRegions(text: string): RegionsParse {
  const regions: Region[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? "";
    if (!line) continue;
    const [code, provinceName, type, name, ...rest] = line.split(/\s*[|\t]\s*/);
    const kind = type?.toLowerCase();
    if (
      rest.length > 0 ||
      !code ||
      !/^[0-9]{2}$/.test(code) ||
      !provinceName ||
      !name ||
      (kind !== "kabupaten" && kind !== "kota")
    ) {
      return { ok: false, line: i + 1 };
    }
    regions.push({ id: `${code}-${regionSlug(kind, name)}`, type: kind, name, provinceCode: code, provinceName });
  }
  return { ok: true, regions };
}

export function formOf(event: LoketEvent | null): EventFormState {
  const desks = Object.fromEntries(DOMAIN_CODES.map((c) => [c, 0])) as Record<DomainCode, number>;
  for (const d of event?.domains ?? DEFAULT_DOMAINS) desks[d.code] = d.desks;
  return {
    id: event?.id ?? "",
    name: event?.name ?? "",
    venue: event?.venue ?? "",
    startDate: event?.startDate ?? "",
    endDate: event?.endDate ?? "",
    timeZone: event?.timeZone ?? "Asia/Makassar",
    unit: event?.unit ?? "",
    desks,
    regionsText: regionsToText(event?.regions ?? []),
    consentNoticeVersion: event?.consentNoticeVersion ?? "1",
  };
}

/** The domains the form describes, with the names the event had (or the PANRB defaults). */
function domainsOf(form: EventFormState, event: LoketEvent | null): LoketEvent["domains"] {
  return DOMAIN_CODES.filter((c) => form.desks[c] > 0).map((code) => {
    const known = event?.domains.find((d) => d.code === code) ?? DEFAULT_DOMAINS.find((d) => d.code === code);
    const name = known ? { id: known.name.id, en: known.name.en } : { id: code, en: code };
    return { code, name, desks: form.desks[code] };
  });
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; regionLine: number };

/** The body of an edit of `event`, from the form. */
export function patchOf(form: EventFormState, event: LoketEvent): FormResult<EventPatch> {
  const regions = parseRegions(form.regionsText);
  if (!regions.ok) return { ok: false, regionLine: regions.line };
  return {
    ok: true,
    value: {
      name: form.name.trim(),
      venue: form.venue.trim(),
      startDate: form.startDate,
      endDate: form.endDate,
      timeZone: form.timeZone,
      unit: form.unit.trim(),
      domains: domainsOf(form, event),
      regions: regions.regions,
      consentNoticeVersion: form.consentNoticeVersion.trim(),
    },
  };
}

/** The body of a new event, from the form; SKM elements take the server's default. */
export function draftOf(form: EventFormState): FormResult<EventDraft> {
  const regions = parseRegions(form.regionsText);
  if (!regions.ok) return { ok: false, regionLine: regions.line };
  return {
    ok: true,
    value: {
      id: form.id.trim().toLowerCase(),
      name: form.name.trim(),
      venue: form.venue.trim(),
      startDate: form.startDate,
      endDate: form.endDate,
      timeZone: form.timeZone,
      unit: form.unit.trim(),
      domains: domainsOf(form, null),
      regions: regions.regions,
      consentNoticeVersion: form.consentNoticeVersion.trim(),
    },
  };
}

/** A device that has not pulled for this long stands out in the overview. */
export const DEVICE_STALE_MS = 15 * 60 * 1000;

/** Whether a device lags: no successful push or pull for more than DEVICE_STALE_MS. */
export function deviceLags(d: { lastPullAt: number | null; lastPushAt: number | null }, now: number): boolean {
  const last = Math.max(d.lastPullAt ?? 0, d.lastPushAt ?? 0);
  return now - last > DEVICE_STALE_MS;
}
