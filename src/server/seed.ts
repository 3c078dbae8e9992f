import * as v from "valibot";
import { DEFAULT_DOMAINS, deskId } from "../core/domain.ts";
import { EventSchema, type LoketEvent, type Region, regionSlug } from "../core/event.ts";
import wilayah from "./seed/wilayah-bali-ntb-ntt.json" with { type: "json" };
import type { EventCodes, SyncStore } from "./store/types.ts";
import { newCode } from "./tokens.ts";

/**
 * The demo event: the first Forum Koordinasi Pendayagunaan Aparatur Negara in
 * Denpasar, for the regencies and cities of Bali, NTB and NTT (41 regions). A
 * free clinic, so SKM element 4 (cost) is left out.
 */
export const DEMO_EVENT_ID = "denpasar-2026";

interface WilayahFile {
  provinces: { code: string; name: string; regions: { type: "kabupaten" | "kota"; name: string }[] }[];
}

export function demoRegions(): Region[] {
  return (wilayah as WilayahFile).provinces.flatMap((p) =>
    p.regions.map((r) => ({
      id: `${p.code}-${regionSlug(r.type, r.name)}`,
      type: r.type,
      name: r.name,
      provinceCode: p.code,
      provinceName: p.name,
    })),
  );
}

export function demoEvent(eventId = DEMO_EVENT_ID): LoketEvent {
  return v.parse(EventSchema, {
    id: eventId,
    name: "Forum Koordinasi Pendayagunaan Aparatur Negara",
    venue: "Denpasar, Bali",
    startDate: "2026-01-15",
    endDate: "2026-01-16",
    timeZone: "Asia/Makassar",
    unit: "Kedeputian Bidang Kelembagaan dan Tata Laksana, Kementerian PANRB",
    domains: DEFAULT_DOMAINS.map((d) => ({ code: d.code, name: { id: d.name.id, en: d.name.en }, desks: d.desks })),
    regions: demoRegions(),
    skmElements: [1, 2, 3, 5, 6, 7, 8, 9],
    consentNoticeVersion: "2026-1",
  });
}

export interface SeedOptions {
  eventId?: string;
  codes?: Partial<EventCodes>;
}

/**
 * Creates the demo event unless it exists, and returns its codes. Codes given
 * in `opts.codes` (from LOKET_DEMO_CODES in end-to-end tests) are fixed: they
 * replace stored ones; the others are random on first seeding and kept after.
 */
export async function seedDemoEvent(store: SyncStore, opts: SeedOptions = {}): Promise<{ eventId: string } & EventCodes> {
  const eventId = opts.eventId ?? DEMO_EVENT_ID;
  const event = demoEvent(eventId);
  const [existing, stored] = await Promise.all([store.getEvent(eventId), store.getCodes(eventId)]);
  const given = opts.codes ?? {};
  const desks = event.domains.flatMap((d) => Array.from({ length: d.desks }, (_, i) => deskId(d.code, i + 1)));
  const codes: EventCodes = {
    participantCode: given.participantCode ?? stored?.participantCode ?? newCode(),
    organizerCode: given.organizerCode ?? stored?.organizerCode ?? newCode(),
    deskCodes: Object.fromEntries(desks.map((d) => [d, given.deskCodes?.[d] ?? stored?.deskCodes[d] ?? newCode()])),
  };
  const unchanged = existing && stored && JSON.stringify(codes) === JSON.stringify(stored);
  if (!unchanged) await store.putEvent(existing ?? event, codes);
  return { eventId, ...codes };
}
