import { describe, expect, it } from "vitest";
import type { LoketEvent } from "../../core/event.ts";
import { DEVICE_STALE_MS, deviceLags, draftOf, formOf, parseRegions, patchOf, regionsToText } from "./event-form.ts";

const event: LoketEvent = {
  id: "denpasar-2026",
  name: "Forum Koordinasi",
  venue: "Denpasar, Bali",
  startDate: "2026-01-15",
  endDate: "2026-01-16",
  timeZone: "Asia/Makassar",
  domains: [
    { code: "K", name: { id: "Kelembagaan (nama acara)", en: "Institutions" }, desks: 2 },
    { code: "A", name: { id: "Akuntabilitas", en: "Accountability" }, desks: 1 },
  ],
  regions: [
    { id: "51-kota-denpasar", type: "kota", name: "Denpasar", provinceCode: "51", provinceName: "Bali" },
    { id: "52-kabupaten-bima", type: "kabupaten", name: "Bima", provinceCode: "52", provinceName: "Nusa Tenggara Barat" },
  ],
  skmElements: [1, 2, 3],
  consentNoticeVersion: "2026-1",
};

describe("event form", () => {
  it("round-trips regions through their text, accepting tabs from a spreadsheet", () => {
    expect(parseRegions(regionsToText(event.regions))).toEqual({ ok: true, regions: event.regions });
    expect(parseRegions("\n53\tNusa Tenggara Timur\tKota\tKupang\n")).toEqual({
      ok: true,
      regions: [{ id: "53-kota-kupang", type: "kota", name: "Kupang", provinceCode: "53", provinceName: "Nusa Tenggara Timur" }],
    });
  });

  it("points at the first region line that does not fit", () => {
    expect(parseRegions("51 | Bali | kota | Denpasar\n51 | Bali | desa | Ubud")).toEqual({ ok: false, line: 2 });
    expect(parseRegions("5 | Bali | kota | Denpasar")).toEqual({ ok: false, line: 1 });
  });

  it("edits: desks per domain, 0 closes a domain, names of kept domains stay", () => {
    const form = { ...formOf(event), desks: { K: 3, S: 1, A: 0, P: 0 } };
    const patch = patchOf(form, event);
    expect(patch.ok && patch.value.domains).toEqual([
      { code: "K", name: { id: "Kelembagaan (nama acara)", en: "Institutions" }, desks: 3 },
      { code: "S", name: { id: "SDM Aparatur", en: "Civil-service human resources" }, desks: 1 },
    ]);
    expect(patch.ok && patch.value.regions).toEqual(event.regions);
  });

  it("carries the unit responsible from the event to the form and back, trimmed", () => {
    const withUnit = { ...event, unit: "Kedeputian Bidang Pelayanan Publik" };
    expect(formOf(withUnit).unit).toBe("Kedeputian Bidang Pelayanan Publik");
    expect(formOf(event).unit).toBe(event.unit ?? "");
    const patch = patchOf({ ...formOf(withUnit), unit: "  Biro Organisasi  " }, withUnit);
    expect(patch.ok && patch.value.unit).toBe("Biro Organisasi");
  });

  it("a new event starts from the four PANRB domains in WITA", () => {
    const form = formOf(null);
    expect(form.desks).toEqual({ K: 2, S: 2, A: 2, P: 2 });
    expect(form.timeZone).toBe("Asia/Makassar");
    const draft = draftOf({
      ...form,
      id: " Kupang-2026 ",
      name: "Forum",
      venue: "Kupang",
      startDate: "2026-05-01",
      endDate: "2026-05-02",
    });
    expect(draft.ok && draft.value.id).toBe("kupang-2026");
    expect(draft.ok && draft.value.domains?.map((d) => d.code)).toEqual(["K", "S", "A", "P"]);
  });

  it("a device stands out after 15 minutes without a successful sync", () => {
    const now = 1_000_000_000;
    expect(deviceLags({ lastPushAt: null, lastPullAt: now - DEVICE_STALE_MS + 1 }, now)).toBe(false);
    expect(deviceLags({ lastPushAt: now - 1000, lastPullAt: null }, now)).toBe(false);
    expect(deviceLags({ lastPushAt: null, lastPullAt: now - DEVICE_STALE_MS - 1 }, now)).toBe(true);
    expect(deviceLags({ lastPushAt: null, lastPullAt: null }, now)).toBe(true);
  });
});
