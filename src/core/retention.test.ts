import { describe, expect, it } from "vitest";
import { foldAll } from "./fold-all.ts";
import { fixtureId, opFactory } from "./op-fixtures.ts";
import { profilesNoLongerNeeded } from "./retention.ts";

const region = { regionId: "51-kota-denpasar" };

function forgettable(build: (f: ReturnType<typeof opFactory>) => void): string[] {
  const f = opFactory();
  build(f);
  const { participants, tickets } = foldAll(f.ops);
  return profilesNoLongerNeeded(participants, tickets).sort();
}

describe("profilesNoLongerNeeded", () => {
  it("keeps the profile of anyone with a ticket that can still come to a table", () => {
    const out = forgettable((f) => {
      for (const p of ["waits", "called", "serving", "skipped"]) f.participant(p, region, 0);
      f.ticket("w", "K", 1, { pid: "waits" });
      f.ticket("c", "K", 1, { pid: "called" });
      f.call("c", "K1", 2);
      f.ticket("s", "K", 1, { pid: "serving" });
      f.call("s", "K2", 2);
      f.start("s", "K2", 3);
      f.ticket("k", "K", 1, { pid: "skipped" });
      f.call("k", "K1", 4);
      f.skip("k", "K1", true, 5); // back into the line
    });
    expect(out).toEqual([]);
  });

  it("forgets those whose tickets are all done, cancelled or out as no-shows, and those without tickets", () => {
    const out = forgettable((f) => {
      for (const p of ["served", "cancelled", "gone", "none"]) f.participant(p, region, 0);
      f.ticket("d", "K", 1, { pid: "served" });
      f.call("d", "K1", 2);
      f.start("d", "K1", 3);
      f.close("d", "K1", 4);
      f.ticket("x", "S", 1, { pid: "cancelled" });
      f.cancel("x", 2);
      f.ticket("g", "A", 1, { pid: "gone" });
      f.call("g", "A1", 2);
      f.skip("g", "A1", false, 3); // a no-show, out of the line
    });
    expect(out).toEqual(["served", "cancelled", "gone", "none"].map(fixtureId).sort());
  });

  it("keeps a participant served at one domain while they still wait at another", () => {
    const out = forgettable((f) => {
      f.participant("two", region, 0);
      f.ticket("k", "K", 1, { pid: "two" });
      f.call("k", "K1", 2);
      f.start("k", "K1", 3);
      f.close("k", "K1", 4);
      f.ticket("p", "P", 1, { pid: "two" });
    });
    expect(out).toEqual([]);
  });

  it("keeps a transferred ticket's participant: another domain's desk will call them", () => {
    const out = forgettable((f) => {
      f.participant("moved", region, 0);
      f.ticket("t", "K", 1, { pid: "moved" });
      f.call("t", "K1", 2);
      f.transfer("t", "K1", "S", 3);
    });
    expect(out).toEqual([]);
  });

  it("leaves erased participants alone: they hold no profile to forget", () => {
    const out = forgettable((f) => {
      f.participant("p", region, 0);
      f.ticket("t", "K", 1, { pid: "p" });
      f.cancel("t", 2);
    });
    expect(out).toEqual([fixtureId("p")]);
    expect(
      profilesNoLongerNeeded([{ id: "e", eventId: "x", profile: null, erased: true, regionId: null, updatedAt: "" }], []),
    ).toEqual([]);
  });
});
