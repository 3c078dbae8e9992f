import { describe, expect, it } from "vitest";
import { ticketState } from "../../core/testing/tickets.ts";
import { mayEditQuestion, sortMyTickets, ticketView } from "./ticket-view.ts";

const ticket = ticketState;
const event = { domains: [{ code: "K" as const, desks: 2 }] };

describe("ticket view", () => {
  it("shows a provisional code until the number arrives", () => {
    const t = ticket({});
    expect(ticketView(t, [t], event)).toMatchObject({ number: `K·${t.id.slice(-4)}`, provisional: true, place: 1 });
    const numbered = { ...t, numbers: { K: "K-007" } };
    expect(ticketView(numbered, [numbered], event)).toMatchObject({ number: "K-007", provisional: false });
  });

  it("gives the place in line and a wait range over the open desks", () => {
    const ahead = [ticket({}), ticket({}), ticket({})];
    const me = ticket({ participantId: "P1" });
    const v = ticketView(me, [...ahead, me], event);
    expect(v.place).toBe(4);
    expect(v.wait).toEqual({ low: 14, high: 31, estimated: true });
  });

  it("shows the number called last in the ticket's domain, across desks", () => {
    const mine = ticket({ participantId: "P1" });
    expect(ticketView(mine, [mine], event).nowServing).toBeNull();
    const first = ticket({ status: "done", holder: "K1", lastCalledAt: "c1", numbers: { K: "K-001" } });
    const second = ticket({ status: "called", holder: "K2", lastCalledAt: "c3", numbers: { K: "K-002" } });
    const third = ticket({ status: "serving", holder: "K1", lastCalledAt: "c2", numbers: { K: "K-003" } });
    const otherDomain = ticket({ domain: "S", status: "called", lastCalledAt: "c9", numbers: { S: "S-004" } });
    expect(ticketView(mine, [first, second, third, otherDomain, mine], event).nowServing).toBe("K-002");
  });

  it("names the table when called", () => {
    const t = ticket({ status: "called", holder: "K2", lastCalledAt: "c1" });
    expect(ticketView(t, [t], event)).toMatchObject({ table: 2, deskId: "K2", place: null, wait: null });
  });

  it("says a place is kept while the participant is in consultation elsewhere", () => {
    const serving = ticket({ domain: "S", participantId: "P1", status: "serving", holder: "S1" });
    const waiting = ticket({ participantId: "P1" });
    expect(ticketView(waiting, [serving, waiting], event).heldWhileBusy).toBe(true);
    expect(ticketView(waiting, [waiting], event).heldWhileBusy).toBe(false);
  });

  it("offers to edit the question while waiting or called, not once the consultation has started", () => {
    const q = { topic: "SOTK", text: "?" };
    expect(mayEditQuestion(ticket({ question: q }))).toBe(true);
    expect(mayEditQuestion(ticket({ question: q, status: "called", holder: "K1" }))).toBe(true);
    for (const status of ["serving", "done", "noShow", "cancelled"] as const) {
      expect(mayEditQuestion(ticket({ question: q, status }))).toBe(false);
    }
    expect(mayEditQuestion(ticket({ question: null }))).toBe(false);
    const t = ticket({ question: q, status: "serving" });
    expect(ticketView(t, [t], event)).toMatchObject({ questionEditable: false, lateEdit: false });
    const late = { ...t, conflicts: [{ kind: "lateEdit" as const, opId: "X", hlc: "h", loser: "participant", winner: "K1" }] };
    expect(ticketView(late, [late], event).lateEdit).toBe(true);
  });

  it("lists called tickets first, finished ones last", () => {
    const done = ticket({ status: "done" });
    const waiting = ticket({});
    const called = ticket({ status: "called", holder: "K1" });
    expect(sortMyTickets([done, waiting, called]).map((t) => t.status)).toEqual(["called", "waiting", "done"]);
  });
});
