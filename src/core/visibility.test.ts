import { describe, expect, it } from "vitest";
import { ANSWERED, byParticipant, created, desk, PARTICIPANT } from "./testing/ops.ts";
import { viewOf } from "./visibility.ts";

const me = { role: "participant" as const, participantId: PARTICIPANT };
const stranger = { role: "participant" as const, participantId: "S0ME0NEE5E000001" };

describe("what a participant may see", () => {
  it("sees their own ticket whole", () => {
    const c = created(0);
    expect(viewOf(c, me, PARTICIPANT)).toEqual(c);
  });

  it("sees of another's ticket only numbers and states: no question, no owner, no notes, no outcome, no rating", () => {
    const c = created(0);
    const shown = viewOf(c, stranger, PARTICIPANT);
    expect(shown).toMatchObject({ type: "ticket.created", domain: "K", participantId: null });
    expect(JSON.stringify(shown)).not.toContain("eselon");
    expect(viewOf(desk(1, "K1", "ticket.noteAdded", { text: "rahasia" }), stranger, PARTICIPANT)).toBeNull();
    expect(viewOf(byParticipant(1, "ticket.rated", { scores: { "1": 4 } }), stranger, PARTICIPANT)).toBeNull();
    expect(viewOf(desk(1, "K1", "ticket.closed", { outcome: ANSWERED }), stranger, PARTICIPANT)).not.toHaveProperty("outcome");
    expect(viewOf(desk(1, "K1", "ticket.called"), stranger, PARTICIPANT)).toMatchObject({ type: "ticket.called" });
  });

  it("desks and organizers see everything", () => {
    const note = desk(1, "K1", "ticket.noteAdded", { text: "rahasia" });
    expect(viewOf(note, { role: "desk", deskId: "K2" }, PARTICIPANT)).toEqual(note);
    expect(viewOf(note, { role: "organizer" }, PARTICIPANT)).toEqual(note);
  });
});
