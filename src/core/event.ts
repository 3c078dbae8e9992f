import * as v from "valibot";
import { DOMAIN_CODES } from "./domain.ts";

/**
 * An event: one forum in one province, with its clinic domains, tables and the
 * regions whose officials are expected. One deployment serves many events.
 */
export const RegionSchema = v.strictObject({
  /** stable id: province code + slug, e.g. `52-kota-bima` (Bima is both a kabupaten and a kota) */
  id: v.pipe(v.string(), v.regex(/^[0-9]{2}-[a-z0-9-]{2,60}$/)),
  type: v.picklist(["kabupaten", "kota"]),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  provinceCode: v.pipe(v.string(), v.regex(/^[0-9]{2}$/)),
  provinceName: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
});
export type Region = v.InferOutput<typeof RegionSchema>;

const LocalizedName = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
  en: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
});

export const DomainConfigSchema = v.strictObject({
  code: v.picklist(DOMAIN_CODES),
  name: LocalizedName,
  desks: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
});

const IsoDate = v.pipe(v.string(), v.isoDate());

export const EventSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]{3,60}$/)),
  name: v.pipe(v.string(), v.minLength(3), v.maxLength(200)),
  venue: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  startDate: IsoDate,
  endDate: IsoDate,
  /** IANA zone: instants are stored, event-local time is shown (WITA for Bali, NTB, NTT) */
  timeZone: v.pipe(v.string(), v.regex(/^[A-Za-z]+\/[A-Za-z_]+$/)),
  domains: v.pipe(v.array(DomainConfigSchema), v.minLength(1), v.maxLength(4)),
  regions: v.pipe(v.array(RegionSchema), v.maxLength(600)),
  /** SKM elements (1..9) that apply to this clinic; a free clinic leaves out 4 (cost). */
  skmElements: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9))), v.minLength(1)),
  /**
   * the unit responsible for the clinic, printed in the report's title block
   * ("Kedeputian Bidang Kelembagaan dan Tata Laksana"); set in the organizer's
   * Setup, so every laptop prints the same. Optional: older events have none.
   */
  unit: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  /** version of the personal-data notice participants consent to */
  consentNoticeVersion: v.pipe(v.string(), v.minLength(1), v.maxLength(20)),
});
export type LoketEvent = v.InferOutput<typeof EventSchema>;

export function regionSlug(type: Region["type"], name: string): string {
  return `${type}-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;
}
