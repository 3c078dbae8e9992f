import type { Region } from "../../core/event.ts";
import type { Consent, Profile } from "../../core/participant.ts";

/**
 * The registration form's logic: field checks and building the profile with
 * its consent record. Pure, so it is tested without a browser.
 */
export interface ProfileFields {
  name: string;
  position: string;
  institution: string;
  regionId: string;
  phone: string;
  consent: boolean;
}

export type FieldError = "required" | "phoneInvalid" | "consentRequired";
export type ProfileErrors = Partial<Record<keyof ProfileFields, FieldError>>;

const PHONE = /^\+?[0-9 ()-]{6,20}$/;

export function emptyFields(p?: Profile | null): ProfileFields {
  return {
    name: p?.name ?? "",
    position: p?.position ?? "",
    institution: p?.institution ?? "",
    regionId: p?.regionId ?? "",
    phone: p?.phone ?? "",
    consent: p?.consent.given ?? false,
  };
}

export function checkProfile(f: ProfileFields, regions: readonly Pick<Region, "id">[]): ProfileErrors {
  const e: ProfileErrors = {};
  if (!f.name.trim()) e.name = "required";
  if (!f.position.trim()) e.position = "required";
  if (!f.institution.trim()) e.institution = "required";
  if (!regions.some((r) => r.id === f.regionId)) e.regionId = "required";
  if (f.phone.trim() && !PHONE.test(f.phone.trim())) e.phone = "phoneInvalid";
  if (!f.consent) e.consent = "consentRequired";
  return e;
}

/**
 * The profile to record. Consent keeps its first record unless the notice has
 * a new version since (then it is given anew, now, for the new notice).
 */
export function buildProfile(
  f: ProfileFields,
  notice: { version: string; purpose: string },
  now: Date,
  previous?: Profile | null,
): Profile {
  const keep = previous?.consent.noticeVersion === notice.version;
  const consent: Consent = keep
    ? (previous as Profile).consent
    : { given: true, noticeVersion: notice.version, purpose: notice.purpose, at: now.toISOString() };
  const phone = f.phone.trim();
  return {
    name: f.name.trim(),
    position: f.position.trim(),
    institution: f.institution.trim(),
    regionId: f.regionId,
    ...(phone ? { phone } : {}),
    consent,
  };
}

export function isDirty(f: ProfileFields, initial: ProfileFields): boolean {
  return (Object.keys(f) as (keyof ProfileFields)[]).some((k) => f[k] !== initial[k]);
}

/** The event's regions grouped by province, in the event's order, for an <optgroup> list. */
export function regionsByProvince(regions: readonly Region[]): { province: string; regions: Region[] }[] {
  const groups = new Map<string, { province: string; regions: Region[] }>();
  for (const r of regions) {
    let g = groups.get(r.provinceCode);
    if (!g) {
      g = { province: r.provinceName, regions: [] };
      groups.set(r.provinceCode, g);
    }
    g.regions.push(r);
  }
  return [...groups.values()];
}

/** "Kabupaten Badung", "Kota Bima": how a region reads in a list. */
export function regionLabel(r: Pick<Region, "type" | "name">): string {
  return `${r.type === "kota" ? "Kota" : "Kabupaten"} ${r.name}`;
}
