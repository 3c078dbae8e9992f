import { describe, expect, it } from "vitest";
import { dueAlerts, EMPTY_MEMORY } from "./alerts.ts";

const waiting = (id: string, place: number) => ({ id, status: "waiting", place, lastCalledAt: null });
const called = (id: string, at: string) => ({ id, status: "called", place: null, lastCalledAt: at });

describe("participant alerts", () => {
  it("alerts once per call, and again on a recall", () => {
    const first = dueAlerts([called("T1", "a")], null, EMPTY_MEMORY);
    expect(first.alerts).toEqual([{ kind: "called", ticketId: "T1" }]);
    expect(dueAlerts([called("T1", "a")], null, first.memory).alerts).toEqual([]);
    expect(dueAlerts([called("T1", "b")], null, first.memory).alerts).toEqual([{ kind: "called", ticketId: "T1" }]);
  });

  it("alerts once when within the chosen place", () => {
    const far = dueAlerts([waiting("T1", 5)], 3, EMPTY_MEMORY);
    expect(far.alerts).toEqual([]);
    const near = dueAlerts([waiting("T1", 3)], 3, far.memory);
    expect(near.alerts).toEqual([{ kind: "near", ticketId: "T1", place: 3 }]);
    expect(dueAlerts([waiting("T1", 2)], 3, near.memory).alerts).toEqual([]);
  });

  it("no early alert when switched off", () => {
    expect(dueAlerts([waiting("T1", 1)], null, EMPTY_MEMORY).alerts).toEqual([]);
  });

  it("keeps the memory object when nothing is due", () => {
    const r = dueAlerts([waiting("T1", 9)], 3, EMPTY_MEMORY);
    expect(r.memory).toBe(EMPTY_MEMORY);
  });

  it("a called ticket is not later told it is near", () => {
    const c = dueAlerts([called("T1", "a")], 3, EMPTY_MEMORY);
    expect(dueAlerts([waiting("T1", 1)], 3, c.memory).alerts).toEqual([]);
  });
});
