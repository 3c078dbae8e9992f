import * as v from "valibot";
import { describe, expect, it } from "vitest";
import type { Region } from "../../core/event.ts";
import { ProfileSchema } from "../../core/participant.ts";
import { buildProfile, checkProfile, emptyFields, isDirty, regionLabel, regionsByProvince } from "./profile-form.ts";

const regions: Region[] = [
  { id: "51-kabupaten-badung", type: "kabupaten", name: "Badung", provinceCode: "51", provinceName: "Bali" },
  { id: "52-kota-bima", type: "kota", name: "Bima", provinceCode: "52", provinceName: "Nusa Tenggara Barat" },
  { id: "51-kota-denpasar", type: "kota", name: "Denpasar", provinceCode: "51", provinceName: "Bali" },
];
const filled = {
  name: "  I Made Putra ",
  position: "Kabag Organisasi",
  institution: "Setda Kabupaten Badung",
  regionId: "51-kabupaten-badung",
  phone: "",
  consent: true,
};
const notice = { version: "2026-01", purpose: "antrean klinik" };

describe("registration form", () => {
  it("asks for every required field and for consent", () => {
    expect(checkProfile(emptyFields(), regions)).toEqual({
      name: "required",
      position: "required",
      institution: "required",
      regionId: "required",
      consent: "consentRequired",
    });
    expect(checkProfile(filled, regions)).toEqual({});
  });

  it("checks the optional phone only when given", () => {
    expect(checkProfile({ ...filled, phone: "0812-3456-789" }, regions)).toEqual({});
    expect(checkProfile({ ...filled, phone: "call me" }, regions)).toEqual({ phone: "phoneInvalid" });
  });

  it("refuses a region outside the event's list", () => {
    expect(checkProfile({ ...filled, regionId: "31-kota-jakarta" }, regions)).toEqual({ regionId: "required" });
  });

  it("builds a profile the shared validator accepts, consent stamped now", () => {
    const now = new Date("2026-01-15T02:00:00.000Z");
    const p = buildProfile(filled, notice, now);
    expect(v.safeParse(ProfileSchema, p).success).toBe(true);
    expect(p.name).toBe("I Made Putra");
    expect(p.phone).toBeUndefined();
    expect(p.consent).toEqual({ given: true, noticeVersion: "2026-01", purpose: "antrean klinik", at: now.toISOString() });
  });

  it("keeps the first consent on an edit, renews it for a new notice", () => {
    const first = buildProfile(filled, notice, new Date("2026-01-15T02:00:00.000Z"));
    const edit = buildProfile({ ...filled, position: "Kabag Ortala" }, notice, new Date("2026-01-15T05:00:00.000Z"), first);
    expect(edit.consent).toBe(first.consent);
    const renewed = buildProfile(filled, { ...notice, version: "2026-02" }, new Date("2026-01-16T00:00:00.000Z"), first);
    expect(renewed.consent.noticeVersion).toBe("2026-02");
    expect(renewed.consent.at).toBe("2026-01-16T00:00:00.000Z");
  });

  it("knows when the form holds unsaved input", () => {
    expect(isDirty(emptyFields(), emptyFields())).toBe(false);
    expect(isDirty({ ...emptyFields(), name: "x" }, emptyFields())).toBe(true);
  });

  it("groups regions by province and labels them", () => {
    const g = regionsByProvince(regions);
    expect(g.map((x) => [x.province, x.regions.map((r) => r.name)])).toEqual([
      ["Bali", ["Badung", "Denpasar"]],
      ["Nusa Tenggara Barat", ["Bima"]],
    ]);
    expect(regionLabel(regions[1] as Region)).toBe("Kota Bima");
  });
});
