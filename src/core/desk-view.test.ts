import { describe, expect, it } from "vitest";
import { busyElsewhere, deskView, lostConflicts } from "./desk-view.ts";
import { foldAll } from "./fold-all.ts";
import { fixtureId, opFactory } from "./op-fixtures.ts";

describe("deskView", () => {
  it("shows the consultation first, then the latest call, and the line in order", () => {
    const f = opFactory();
    f.ticket("a", "K", 0);
    f.ticket("b", "K", 1);
    f.ticket("c", "K", 2, { priority: true });
    f.ticket("d", "K", 3);
    f.ticket("e", "K", 4);
    f.call("a", "K1", 5);
    f.start("a", "K1", 6);
    f.call("b", "K1", 7);
    f.call("e", "K1", 8);
    f.skip("e", "K1", false, 9);
    const v = deskView(foldAll(f.ops).tickets, "K1", "K");
    expect(v.current?.id).toBe(fixtureId("a"));
    expect(v.alsoHeld.map((t) => t.id)).toEqual([fixtureId("b")]);
    expect(v.line.map((t) => t.id)).toEqual([fixtureId("c"), fixtureId("d")]);
    expect(v.noShows.map((t) => t.id)).toEqual([fixtureId("e")]);
  });
});

describe("busyElsewhere", () => {
  it("flags the participant's consultation at another domain", () => {
    const f = opFactory();
    f.ticket("k", "K", 0, { pid: "p" });
    f.ticket("s", "S", 0, { pid: "p" });
    f.ticket("x", "S", 0, { pid: "q" });
    f.number("s", "S", "S-004", 0);
    f.call("s", "S1", 1);
    f.start("s", "S1", 2);
    f.call("x", "S2", 2);
    const { tickets } = foldAll(f.ops);
    const k = tickets.find((t) => t.id === fixtureId("k"));
    if (!k) throw new Error("fixture");
    expect(busyElsewhere(tickets, k, "K1")).toEqual([
      { ticketId: fixtureId("s"), number: "S-004", domain: "S", deskId: "S1", status: "serving" },
    ]);
  });

  it("says nothing for a walk-in without a profile", () => {
    const f = opFactory();
    f.ticket("k", "K", 0);
    const [k] = foldAll(f.ops).tickets;
    if (!k) throw new Error("fixture");
    expect(busyElsewhere([k], k, "K1")).toEqual([]);
  });
});

describe("lostConflicts", () => {
  it("tells the desk that lost a call race who got the ticket", () => {
    const f = opFactory();
    f.ticket("a", "K", 0);
    f.number("a", "K", "K-012", 0);
    f.call("a", "K1", 1);
    f.call("a", "K2", 2);
    const { tickets } = foldAll(f.ops);
    expect(lostConflicts(tickets, "K2")).toEqual([
      {
        opId: expect.any(String),
        opIds: [expect.any(String)],
        hlc: expect.any(String),
        kind: "callRace",
        ticketId: fixtureId("a"),
        number: "K-012",
        winner: "K1",
      },
    ]);
    expect(lostConflicts(tickets, "K1")).toEqual([]);
  });

  it("tells the desk whose call was taken over or cancelled", () => {
    const f = opFactory();
    f.ticket("a", "K", 0);
    f.ticket("b", "K", 0);
    f.call("a", "K1", 1);
    f.start("a", "K2", 2);
    f.call("b", "K1", 3);
    f.cancel("b", 4);
    const kinds = lostConflicts(foldAll(f.ops).tickets, "K1").map((c) => [c.kind, c.winner]);
    expect(kinds).toEqual([
      ["cancelAfterCall", "cancel"],
      ["takeover", "K2"],
    ]);
  });

  it("gives one notice per ticket however many of the desk's actions the race set aside, until dismissed", () => {
    const f = opFactory();
    f.ticket("a", "K", 0);
    f.number("a", "K", "K-001", 0);
    f.call("a", "K1", 1);
    // K2, offline, calls the same ticket a moment later, then calls it again
    f.call("a", "K2", 2);
    f.call("a", "K2", 3);
    const { tickets } = foldAll(f.ops);
    const notices = lostConflicts(tickets, "K2");
    expect(notices.map((c) => [c.kind, c.number, c.winner])).toEqual([["callRace", "K-001", "K1"]]);
    expect(notices[0]?.opIds).toHaveLength(2);
    expect(lostConflicts(tickets, "K2", notices[0]?.opIds ?? [])).toEqual([]);
    // a later action set aside after the notice was read is told again
    f.skip("a", "K2", true, 4);
    expect(lostConflicts(foldAll(f.ops).tickets, "K2", notices[0]?.opIds ?? [])).toHaveLength(1);
  });
});
