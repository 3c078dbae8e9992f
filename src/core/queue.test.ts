import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_MINUTES, expectedWait, openDesks, placeInLine, serviceMinutes, waitingLine } from "./queue.ts";
import { at } from "./testing/ops.ts";
import { ticketState } from "./testing/tickets.ts";
import type { TicketState } from "./ticket-fold.ts";

function ticket(id: string, over: Partial<TicketState> = {}): TicketState {
  return ticketState({ id, arrivedAt: at(0), updatedAt: at(0), ...over });
}

describe("the line of a domain", () => {
  const a = ticket("A", { arrivedAt: at(1) });
  const b = ticket("B", { arrivedAt: at(2) });
  const prio = ticket("C", { arrivedAt: at(3), priority: true });
  const skipped = ticket("D", { arrivedAt: at(0), requeuedAt: at(10) });
  const other = ticket("E", { arrivedAt: at(0), domain: "S" });
  const called = ticket("F", { arrivedAt: at(0), status: "called", holder: "K1" });
  const all = [b, skipped, other, a, prio, called];

  it("puts priority first, then arrival; a skipped ticket goes behind those already waiting", () => {
    expect(waitingLine(all, "K").map((t) => t.id)).toEqual(["C", "A", "B", "D"]);
  });

  it("gives 1-based places, none for a ticket not waiting", () => {
    expect(placeInLine(all, a)).toBe(2);
    expect(placeInLine(all, called)).toBeNull();
    expect(placeInLine(all, other)).toBe(1);
  });
});

describe("expected wait", () => {
  it("uses the default service time as a wide range until the day has its own", () => {
    const w = expectedWait(4, 2, [10]);
    expect(w).toEqual({
      low: Math.round(2 * DEFAULT_SERVICE_MINUTES * 0.6),
      high: Math.round(2 * DEFAULT_SERVICE_MINUTES * 1.4),
      estimated: true,
    });
  });

  it("uses the quartiles of the day's consultations, shared over the open desks", () => {
    // service times 10, 20, 30, 40 → quartiles 17.5 and 32.5; 6 ahead over 2 desks = 3 rounds
    expect(expectedWait(6, 2, [40, 10, 30, 20])).toEqual({ low: 53, high: 98, estimated: false });
    expect(expectedWait(0, 2, [40, 10, 30, 20])).toEqual({ low: 0, high: 0, estimated: false });
  });

  it("measures service minutes from start to close of the domain's done tickets", () => {
    const done = ticket("X", { status: "done", startedAt: at(0), closedAt: at(600) });
    const open = ticket("Y", { status: "serving", startedAt: at(0) });
    expect(serviceMinutes([done, open], "K")).toEqual([10]);
  });
});

describe("open desks and the requeued priority ticket", () => {
  it("counts the desks that acted in the last half hour of the domain, the configured number before any did", () => {
    const served = (holder: string, t: number) =>
      ticket(`T${holder}${t}`, { status: "done", holder, startedAt: at(t - 600), closedAt: at(t), lastCalledAt: at(t - 700) });
    // four desks configured, two open: K3 closed its last consultation two hours before the latest action
    const tickets = [served("K1", 9000), served("K2", 8500), served("K3", 1800)];
    expect(openDesks(tickets, "K", 4)).toBe(2);
    expect(openDesks([], "K", 4)).toBe(4);
    // and the wait is shared over the open desks, not the configured ones
    const samples = [10, 10, 10, 10];
    expect(expectedWait(4, openDesks(tickets, "K", 4), samples)).toMatchObject({ low: 20, high: 20 });
  });

  it("puts a requeued priority ticket behind the priority tickets already waiting, ahead of the others", () => {
    const p1 = ticket("P1", { arrivedAt: at(5), priority: true });
    const p2 = ticket("P2", { arrivedAt: at(1), priority: true, requeuedAt: at(20) });
    const n = ticket("N", { arrivedAt: at(2) });
    expect(waitingLine([n, p2, p1], "K").map((t) => t.id)).toEqual(["P1", "P2", "N"]);
  });
});
