import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { LoketEvent } from "../../core/event.ts";
import { foldAll } from "../../core/fold-all.ts";
import { FIXTURE_EVENT, opFactory } from "../../core/op-fixtures.ts";
import { csvFor, neutralize, toCsv } from "./csv.ts";

const event: LoketEvent = {
  id: FIXTURE_EVENT,
  name: "Forum",
  venue: "Denpasar",
  startDate: "2016-01-15",
  endDate: "2016-01-16",
  timeZone: "Asia/Makassar",
  domains: [{ code: "K", name: { id: "Kelembagaan", en: "Institutions" }, desks: 1 }],
  regions: [{ id: "51-kota-denpasar", type: "kota", name: "Denpasar", provinceCode: "51", provinceName: "Bali" }],
  skmElements: [1, 2, 3],
  consentNoticeVersion: "1",
};

const NASTY = [
  'Putu, "Ayu"\nSari',
  '=HYPERLINK("http://x")',
  "+62 812",
  "-1+2",
  "@SUM(A1)",
  "\tTab",
  "<img src=x onerror=alert(1)>",
];

function parse(csv: string) {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const r = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}

function day() {
  const f = opFactory();
  NASTY.forEach((name, i) => {
    f.participant(`p${i}`, { name, institution: `Pemkot, "Bagian" ${i}`, regionId: "51-kota-denpasar" }, 0);
    f.ticket(`t${i}`, "K", i, { pid: `p${i}`, topic: name });
    f.call(`t${i}`, "K1", 10 + i * 10);
    f.start(`t${i}`, "K1", 11 + i * 10);
    f.close(`t${i}`, "K1", 19 + i * 10, {
      kind: "followUp",
      topic: name,
      advice: 'Saran, "penting"',
      what: "=cmd|' /C calc'!A0",
      who: "Kabag",
      due: "2016-02-01",
    });
  });
  return foldAll(f.ops);
}

describe("CSV export", () => {
  it("neutralises formulas and only text", () => {
    expect(neutralize("=1+1")).toBe("'=1+1");
    expect(neutralize("\rX")).toBe("'\rX");
    expect(neutralize("Denpasar")).toBe("Denpasar");
    expect(neutralize(-3)).toBe(-3);
  });

  it("round-trips names with commas, quotes, newlines and a leading = through papaparse", () => {
    const { tickets, participants } = day();
    const rows = parse(csvFor("tickets", { event, tickets, participants, personal: true }));
    expect(rows).toHaveLength(NASTY.length);
    expect(rows.map((r) => r.name)).toEqual(NASTY.map((n) => neutralize(n)));
    expect(rows[0]?.institution).toBe('Pemkot, "Bagian" 0');
    expect(rows[0]?.regency_city).toBe("Kota Denpasar");
    expect(rows[0]?.wait_minutes).toBe("10");
    expect(rows[0]?.service_minutes).toBe("8");
    // a spreadsheet sees no formula: every cell starting with = + - @ tab is prefixed
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("writes consultations and follow-ups", () => {
    const { tickets, participants } = day();
    const cons = parse(csvFor("consultations", { event, tickets, participants, personal: true }));
    expect(cons[0]).toMatchObject({ outcome: "followUp", advice: 'Saran, "penting"', follow_up_what: "'=cmd|' /C calc'!A0" });
    const fu = parse(csvFor("followUps", { event, tickets, participants, personal: true }));
    expect(fu).toHaveLength(NASTY.length);
    expect(fu[1]).toMatchObject({ who: "Kabag", due: "2016-02-01", name: '\'=HYPERLINK("http://x")' });
  });

  it("leaves out personal data on request", () => {
    const { tickets, participants } = day();
    for (const kind of ["tickets", "consultations", "followUps"] as const) {
      const csv = csvFor(kind, { event, tickets, participants, personal: false });
      expect(csv).not.toContain("Pemkot");
      expect(csv).not.toContain("Pertanyaan");
      const [row] = parse(csv);
      expect(row).not.toHaveProperty("name");
      expect(row?.regency_city).toBe("Kota Denpasar");
    }
  });

  it("writes a BOM, quotes every field and ends lines with CRLF", () => {
    expect(toCsv(["a", "b"], [["x", 1]])).toBe('\uFEFF"a","b"\r\n"x","1"\r\n');
  });
});
