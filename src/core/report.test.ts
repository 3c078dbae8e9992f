import { describe, expect, it } from "vitest";
import type { LoketEvent } from "./event.ts";
import { foldAll } from "./fold-all.ts";
import { FIXTURE_EVENT, FIXTURE_START, opFactory } from "./op-fixtures.ts";
import { allConflicts, buildReport, deskFigures, deviceActivity } from "./report.ts";

const event: LoketEvent = {
  id: FIXTURE_EVENT,
  name: "Forum Koordinasi PAN Denpasar",
  venue: "Denpasar",
  startDate: "2016-01-15",
  endDate: "2016-01-16",
  timeZone: "Asia/Makassar",
  domains: [
    { code: "K", name: { id: "Kelembagaan dan Tata Laksana", en: "Institutions" }, desks: 2 },
    { code: "S", name: { id: "SDM Aparatur", en: "HR" }, desks: 1 },
  ],
  regions: [
    { id: "51-kota-denpasar", type: "kota", name: "Denpasar", provinceCode: "51", provinceName: "Bali" },
    { id: "51-kabupaten-badung", type: "kabupaten", name: "Badung", provinceCode: "51", provinceName: "Bali" },
    { id: "52-kota-mataram", type: "kota", name: "Mataram", provinceCode: "52", provinceName: "Nusa Tenggara Barat" },
  ],
  skmElements: [1, 2, 3, 5, 6, 7, 8, 9],
  consentNoticeVersion: "1",
};

/**
 * The simulated day, minute by minute (hand-computed figures in the comments):
 *   p1 Denpasar: t1 K (arrive 0, called 10 at K1, start 11, close 31 answered "SOTK")  wait 10, service 20
 *                t2 S (arrive 0, called 20 at S1, start 20, close 50 follow-up)          wait 20, service 30
 *   p2 Denpasar: t3 K (arrive 5, called 31 at K1, no-show 36)                           wait 26
 *   p3 Mataram:  t4 K (arrive 6, called 12 at K2, start 13, close 18 referred "sotk")    wait 6,  service 5
 *   walk-in:     t5 K (arrive 40, waiting)
 *   p3:          t6 K (arrive 7, cancelled 8)
 *   transfer:    t7 K (arrive 1, K2 calls 19, transfers to S 20) → S, waiting
 * Badung did not come.
 */
function day() {
  const f = opFactory();
  f.participant("p1", { name: "Ni Luh Ayu", regionId: "51-kota-denpasar" }, 0);
  f.participant("p2", { name: "I Made", regionId: "51-kota-denpasar" }, 0);
  f.participant("p3", { name: "Baiq", regionId: "52-kota-mataram" }, 0);
  f.ticket("t1", "K", 0, { pid: "p1", topic: "SOTK" });
  f.ticket("t2", "S", 0, { pid: "p1", topic: "Jabatan fungsional" });
  f.ticket("t7", "K", 1, { pid: "p2", topic: "Kepegawaian" });
  f.ticket("t3", "K", 5, { pid: "p2", topic: "Tata laksana" });
  f.ticket("t4", "K", 6, { pid: "p3", topic: "Lain" });
  f.ticket("t6", "K", 7, { pid: "p3", topic: "Batal" });
  f.cancel("t6", 8);
  f.number("t1", "K", "K-001", 0);
  f.number("t2", "S", "S-001", 0);
  f.number("t3", "K", "K-003", 5);
  f.number("t4", "K", "K-004", 6);
  f.call("t1", "K1", 10);
  f.start("t1", "K1", 11);
  f.call("t4", "K2", 12);
  f.start("t4", "K2", 13);
  f.close("t4", "K2", 18, { kind: "referred", topic: "sotk", advice: "Ke biro hukum", to: "Biro Hukum" });
  f.call("t7", "K2", 19);
  f.transfer("t7", "K2", "S", 20);
  f.call("t2", "S1", 20);
  f.start("t2", "S1", 20);
  f.close("t1", "K1", 31, { kind: "answered", topic: "SOTK", advice: "Sesuaikan perbup" });
  f.call("t3", "K1", 31);
  f.skip("t3", "K1", false, 36);
  f.ticket("t5", "K", 40, { topic: "Walk-in" });
  f.close("t2", "S1", 50, {
    kind: "followUp",
    topic: "Jabatan fungsional",
    advice: "Kirim usulan",
    what: "Kirim draf peta jabatan",
    who: "Kabag Organisasi",
    due: "2016-02-01",
  });
  f.rate("t1", { "1": 4, "2": 3, "3": 4, "4": 1 }, 32);
  f.rate("t4", { "1": 3, "2": 3, "3": 2 }, 19);
  f.rate("t2", { "1": 4, "2": 4 }, 51);
  return f.ops;
}

describe("buildReport", () => {
  const { tickets, participants } = foldAll(day());
  const r = buildReport(event, tickets, participants);

  it("totals", () => {
    expect(r.totals).toMatchObject({
      tickets: 7,
      participants: 3,
      participantsServed: 3,
      served: 3,
      noShow: 1,
      cancelled: 1,
      waiting: 2,
      inService: 0,
      transferred: 1,
    });
    // waits: 10, 20, 26, 6 → mean 15.5; services 20, 30, 5 → mean 18.333
    expect(r.totals.wait).toMatchObject({ n: 4, mean: 15.5, median: 15 });
    expect(r.totals.wait.p90).toBeCloseTo(24.2, 6); // sorted 6,10,20,26: pos 2.7 → 20 + 0.7*6
    expect(r.totals.service.mean).toBeCloseTo(55 / 3, 6);
  });

  it("per domain", () => {
    const [k, s] = r.domains;
    expect(k).toMatchObject({ domain: "K", tickets: 5, waiting: 1, served: 2, noShow: 1, cancelled: 1, transferredIn: 0 });
    expect(k?.wait).toMatchObject({ n: 3, mean: 14, median: 10 });
    expect(k?.service).toMatchObject({ n: 2, mean: 12.5 });
    expect(s).toMatchObject({ domain: "S", tickets: 2, waiting: 1, served: 1, transferredIn: 1 });
    expect(s?.service).toMatchObject({ n: 1, mean: 30, p90: 30 });
  });

  it("per province and region: who came and who did not", () => {
    expect(r.regionsCame).toBe(2);
    expect(r.regionsTotal).toBe(3);
    expect(r.unknownRegion).toBe(0);
    const bali = r.provinces[0];
    expect(bali).toMatchObject({ provinceCode: "51", came: 1, participants: 2, tickets: 4 });
    expect(bali?.regions.map((x) => [x.region.name, x.participants, x.tickets])).toEqual([
      ["Denpasar", 2, 4],
      ["Badung", 0, 0],
    ]);
    expect(r.provinces[1]).toMatchObject({ provinceName: "Nusa Tenggara Barat", came: 1, participants: 1, tickets: 2 });
  });

  it("topics, counted case-insensitively from the outcome, else the question; cancelled left out", () => {
    expect(r.topics).toEqual([
      { topic: "SOTK", count: 2 },
      { topic: "Jabatan fungsional", count: 1 },
      { topic: "Kepegawaian", count: 1 },
      { topic: "Tata laksana", count: 1 },
      { topic: "Walk-in", count: 1 },
    ]);
  });

  it("open follow-ups with who, what and when", () => {
    expect(r.followUps).toEqual([
      {
        ticketId: expect.any(String),
        number: "S-001",
        domain: "S",
        deskId: "S1",
        topic: "Jabatan fungsional",
        what: "Kirim draf peta jabatan",
        who: "Kabag Organisasi",
        due: "2016-02-01",
        participantName: "Ni Luh Ayu",
        regionName: "Kota Denpasar",
      },
    ]);
  });

  it("SKM per domain and overall, element 4 left out", () => {
    // overall: NRR1 11/3, NRR2 10/3, NRR3 3 → 83.33 (B); see skm.test.ts
    expect(r.skm.overall.ikm).toBeCloseTo(83.3333, 3);
    expect(r.skm.overall.category).toBe("B");
    // K: t1 {4,3,4}, t4 {3,3,2} → NRR 3.5, 3, 3 → 9.5/3*25 = 79.1667 (B)
    expect(r.skm.domains[0]?.result.ikm).toBeCloseTo(79.1667, 3);
    // S: t2 {4,4} → 100 (A)
    expect(r.skm.domains[1]?.result).toMatchObject({ ikm: 100, category: "A" });
  });

  it("distributions as bins", () => {
    // waits 6 | 10 | 20, 26 ; services 5 | 20 | 30
    expect(r.waitBins.map((b) => b.count)).toEqual([0, 1, 1, 0, 2, 0, 0, 0, 0]);
    expect(r.serviceBins.map((b) => b.count)).toEqual([0, 1, 0, 0, 1, 1, 0, 0, 0]);
  });
});

describe("live figures", () => {
  it("desks: current ticket, served, idle minutes", () => {
    const f = opFactory();
    f.ticket("a", "K", 0);
    f.ticket("b", "K", 0);
    f.call("a", "K1", 1);
    f.start("a", "K1", 2);
    f.close("a", "K1", 10, { kind: "answered", topic: "x", advice: "y" });
    f.call("b", "K2", 3);
    const { tickets } = foldAll(f.ops);
    const d = deskFigures(event, tickets, FIXTURE_START + 25 * 60000);
    expect(d.map((x) => [x.deskId, x.current?.id ?? null, x.served, x.idleMinutes])).toEqual([
      ["K1", null, 1, 15],
      ["K2", tickets.find((t) => t.status === "called")?.id, 0, null],
      ["S1", null, 0, null],
    ]);
  });

  it("conflicts from the folds, both sides and the decision", () => {
    const f = opFactory();
    f.ticket("a", "K", 0);
    f.number("a", "K", "K-001", 0);
    f.call("a", "K1", 1);
    f.call("a", "K2", 2);
    const c = allConflicts(foldAll(f.ops).tickets);
    expect(c).toEqual([
      {
        ticketId: expect.any(String),
        number: "K-001",
        domain: "K",
        conflict: expect.objectContaining({ kind: "callRace", loser: "K2", winner: "K1" }),
      },
    ]);
  });

  it("device activity lists desks with their latest operation", () => {
    const f = opFactory();
    f.ticket("a", "K", 0);
    f.call("a", "K1", 5);
    const a = deviceActivity(f.ops);
    expect(a).toEqual([
      { deviceId: expect.any(String), role: "desk", deskId: "K1", operations: 1, lastOpAt: FIXTURE_START + 5 * 60000 },
    ]);
  });
});
