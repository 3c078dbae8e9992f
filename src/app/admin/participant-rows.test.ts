import { describe, expect, it } from "vitest";
import type { Region } from "../../core/event.ts";
import { foldAll } from "../../core/fold-all.ts";
import { fixtureId, opFactory } from "../../core/op-fixtures.ts";
import { participantList } from "./participant-rows.ts";

const REGIONS: Region[] = [
  { id: "51-kabupaten-badung", type: "kabupaten", name: "Badung", provinceCode: "51", provinceName: "Bali" },
  { id: "52-kota-mataram", type: "kota", name: "Kota Mataram", provinceCode: "52", provinceName: "Nusa Tenggara Barat" },
];

function day() {
  const f = opFactory();
  f.participant("wayan", { name: "Wayan Sudirta", institution: "Setda Kabupaten Badung", regionId: "51-kabupaten-badung" }, 0);
  f.participant("baiq", { name: "Baiq Nurul", institution: "BKPSDM Kota Mataram", regionId: "52-kota-mataram" }, 0);
  f.participant("gone", { name: "Sudah Dihapus", regionId: "52-kota-mataram" }, 0);
  f.ticket("w1", "S", 1, { pid: "wayan" });
  f.number("w1", "S", "S-004", 1);
  f.ticket("w2", "K", 1, { pid: "wayan" });
  f.number("w2", "K", "K-012", 1);
  f.ticket("b1", "K", 2, { pid: "baiq" });
  const { participants, tickets } = foldAll(f.ops);
  const erased = participants.map((p) => (p.id === fixtureId("gone") ? { ...p, profile: null, erased: true } : p));
  return { participants: erased, tickets };
}

describe("participantList", () => {
  it("lists those with a profile by name, with their region and tickets, and counts the erased", () => {
    const { participants, tickets } = day();
    const list = participantList(participants, tickets, REGIONS, "");
    expect(list.rows.map((r) => r.profile.name)).toEqual(["Baiq Nurul", "Wayan Sudirta"]);
    expect(list.rows[1]?.region).toBe("Kab. Badung, Bali");
    expect(list.rows[1]?.tickets.map((t) => [t.number, t.status])).toEqual([
      ["K-012", "waiting"],
      ["S-004", "waiting"],
    ]);
    expect(list).toMatchObject({ total: 2, erased: 1 });
  });

  it("finds a participant by any word of name, institution, region or a ticket number, ignoring case", () => {
    const { participants, tickets } = day();
    const names = (q: string) => participantList(participants, tickets, REGIONS, q).rows.map((r) => r.profile.name);
    expect(names("wayan")).toEqual(["Wayan Sudirta"]);
    expect(names("k-012")).toEqual(["Wayan Sudirta"]);
    expect(names("mataram bkpsdm")).toEqual(["Baiq Nurul"]);
    expect(names("nusa tenggara")).toEqual(["Baiq Nurul"]);
    expect(names("dihapus")).toEqual([]); // erased data is not there to find
    expect(participantList(participants, tickets, REGIONS, "nobody").total).toBe(2);
  });

  it("shows the region id when the event no longer lists the region", () => {
    const { participants, tickets } = day();
    expect(participantList(participants, tickets, [], "wayan").rows[0]?.region).toBe("51-kabupaten-badung");
  });
});
