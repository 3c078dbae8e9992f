import { describe, expect, it } from "vitest";
import { DEFAULT_DOMAINS } from "../../core/domain.ts";
import { ticketState } from "../../core/testing/tickets.ts";
import { boardModel, callsToAnnounce } from "./view.ts";

const ticket = ticketState;

const event = { domains: DEFAULT_DOMAINS };

describe("board model", () => {
  it("shows who each desk has and every desk of the event", () => {
    const t = ticket({ numbers: { K: "K-012" }, status: "serving", holder: "K2", lastCalledAt: "c1" });
    const m = boardModel([t, ticket({})], event);
    expect(m.desks).toHaveLength(8);
    expect(m.desks.find((d) => d.deskId === "K2")).toEqual({
      deskId: "K2",
      domain: "K",
      table: 2,
      number: "K-012",
      status: "serving",
    });
    expect(m.desks.find((d) => d.deskId === "K1")?.number).toBeNull();
  });

  it("lists the latest calls first and counts each line", () => {
    const a = ticket({ numbers: { K: "K-001" }, status: "done", holder: "K1", lastCalledAt: "c1" });
    const b = ticket({ numbers: { K: "K-002" }, status: "called", holder: "K1", lastCalledAt: "c2" });
    const w1 = ticket({ domain: "S" });
    const w2 = ticket({ domain: "S" });
    const m = boardModel([a, b, w1, w2], event);
    expect(m.lastCalls.map((c) => c.number)).toEqual(["K-002", "K-001"]);
    // only the call not yet served is "called now", in the large type
    expect(m.currentCalls.map((c) => [c.number, c.deskId])).toEqual([["K-002", "K1"]]);
    expect(m.lines.find((l) => l.code === "S")?.waiting).toBe(2);
    expect(m.lines.find((l) => l.code === "K")?.waiting).toBe(0);
    expect(m.lines.find((l) => l.code === "S")?.wait.estimated).toBe(true);
  });

  it("puts the newest calls first among the current ones, three at most", () => {
    const calls = ["c1", "c4", "c2", "c3"].map((at, i) =>
      ticket({ numbers: { S: `S-00${i + 1}` }, domain: "S", status: "called", holder: `S${i + 1}`, lastCalledAt: at }),
    );
    const serving = ticket({ numbers: { S: "S-009" }, domain: "S", status: "serving", holder: "S5", lastCalledAt: "c9" });
    expect(boardModel([...calls, serving], event).currentCalls.map((c) => c.number)).toEqual(["S-002", "S-004", "S-003"]);
  });
});

describe("announcements", () => {
  const called = ticket({ numbers: { A: "A-003" }, domain: "A", status: "called", holder: "A1", lastCalledAt: "c5" });

  it("announces nothing on the first look", () => {
    const r = callsToAnnounce([called], null);
    expect(r.calls).toEqual([]);
    expect(r.seen.get(called.id)).toBe("c5");
  });

  it("announces a new call once, and a recall again", () => {
    const first = callsToAnnounce([], null);
    const r = callsToAnnounce([called], first.seen);
    expect(r.calls.map((c) => [c.number, c.table])).toEqual([["A-003", 1]]);
    expect(callsToAnnounce([called], r.seen).calls).toEqual([]);
    const recalled = { ...called, lastCalledAt: "c9" };
    expect(callsToAnnounce([recalled], r.seen).calls).toHaveLength(1);
  });
});
