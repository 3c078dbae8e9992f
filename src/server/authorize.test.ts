import { describe, expect, it } from "vitest";
import { encodeHlc } from "../core/hlc.ts";
import type { Operation } from "../core/operation.ts";
import { authorizeOp } from "./authorize.ts";
import type { TicketFacts, TokenRecord } from "./store/types.ts";

const NOW = Date.UTC(2026, 0, 15, 2);
const EVENT = "denpasar-2026";
const phone: TokenRecord = {
  eventId: EVENT,
  role: "participant",
  deviceId: "PH0NE0001",
  deskId: null,
  participantId: "PARTX0001",
  expiresAt: NOW + 1,
};
const deskK1: TokenRecord = {
  eventId: EVENT,
  role: "desk",
  deviceId: "DESK00001",
  deskId: "K1",
  participantId: null,
  expiresAt: NOW + 1,
};
const actorOf = (t: TokenRecord) => ({
  deviceId: t.deviceId,
  role: t.role,
  ...(t.deskId ? { deskId: t.deskId } : {}),
  ...(t.participantId ? { participantId: t.participantId } : {}),
});

function op(who: TokenRecord, fields: Record<string, unknown>, wall = NOW): Operation {
  return {
    id: "0PX0000001",
    eventId: EVENT,
    hlc: encodeHlc({ wall, counter: 0, node: who.deviceId }),
    actor: actorOf(who),
    ticketId: "TXCKET0001",
    ...fields,
  } as Operation;
}
const never = () => false;
const facts = (f: Partial<TicketFacts>): TicketFacts => ({ known: true, owner: null, domain: "K", ...f });

describe("authorizeOp", () => {
  it("rejects a clock more than a day ahead, saying by how many hours", () => {
    const ahead = op(phone, { type: "ticket.cancelled" }, NOW + 30 * 3600_000);
    expect(authorizeOp(ahead, phone, facts({ owner: "PARTX0001" }), never, NOW)).toBe(
      "clock ahead of server by 30 hours: check the device's date and time",
    );
    const justWithin = op(phone, { type: "ticket.cancelled" }, NOW + 23 * 3600_000);
    expect(authorizeOp(justWithin, phone, facts({ owner: "PARTX0001" }), never, NOW)).toBeNull();
  });

  it("lets a participant act on a ticket whose creation has not arrived (they become its provisional owner)", () => {
    const edit = op(phone, { type: "ticket.cancelled" });
    expect(authorizeOp(edit, phone, null, never, NOW)).toBeNull();
    expect(authorizeOp(edit, phone, { known: false, owner: null, domain: null }, never, NOW)).toBeNull();
    expect(authorizeOp(edit, phone, { known: false, owner: "SOMEONE01", domain: null }, never, NOW)).toBe(
      "this ticket belongs to another participant",
    );
  });

  it("lets a desk act on a ticket of unknown domain, and not on one of another domain", () => {
    const call = op(deskK1, { type: "ticket.called", deskId: "K1" });
    expect(authorizeOp(call, deskK1, null, never, NOW)).toBeNull();
    expect(authorizeOp(call, deskK1, facts({ domain: "K" }), never, NOW)).toBeNull();
    expect(authorizeOp(call, deskK1, facts({ domain: "P" }), never, NOW)).toMatch(/domain P/);
  });

  it("refuses a second creation of a ticket, whoever sends it", () => {
    const create = op(deskK1, {
      type: "ticket.created",
      domain: "K",
      participantId: null,
      question: { topic: "a", text: "b" },
      priority: false,
    });
    expect(authorizeOp(create, deskK1, null, never, NOW)).toBeNull();
    expect(authorizeOp(create, deskK1, facts({}), never, NOW)).toBe("this ticket was already created");
  });

  it("refuses the actor of another sign-in, even with the same device", () => {
    const forged = {
      ...op(phone, { type: "ticket.cancelled" }),
      actor: { ...actorOf(phone), participantId: "OTHER0001" },
    } as Operation;
    expect(authorizeOp(forged, phone, null, never, NOW)).toBe("actor does not match your sign-in");
  });
});

describe("a participant's own words", () => {
  const organizer: TokenRecord = { ...deskK1, role: "organizer", deviceId: "0RGANXZER1", deskId: null };
  it("only the participant rates a consultation or edits a question: not the desk being rated, not an organizer", () => {
    const mine = facts({ owner: "PARTX0001" });
    for (const who of [deskK1, organizer]) {
      expect(authorizeOp(op(who, { type: "ticket.rated", scores: { "1": 1 } }), who, mine, never, NOW)).toBe(
        "only the participant rates their consultation",
      );
      expect(
        authorizeOp(op(who, { type: "ticket.questionEdited", question: { topic: "SAKIP", text: "x" } }), who, mine, never, NOW),
      ).toMatch(/only the participant edits their question/);
    }
    expect(authorizeOp(op(phone, { type: "ticket.rated", scores: { "1": 4 } }), phone, mine, never, NOW)).toBeNull();
  });

  it("priority service is given at a desk, never taken by a participant", () => {
    const ticket = (who: TokenRecord, priority: boolean) =>
      op(who, {
        type: "ticket.created",
        domain: "K",
        participantId: who.participantId,
        question: { topic: "SAKIP", text: "x" },
        priority,
      });
    expect(authorizeOp(ticket(phone, true), phone, null, never, NOW)).toBe("priority service is given at a desk");
    expect(authorizeOp(ticket(phone, false), phone, null, never, NOW)).toBeNull();
    expect(authorizeOp(ticket(deskK1, true), deskK1, null, never, NOW)).toBeNull();
  });
});
