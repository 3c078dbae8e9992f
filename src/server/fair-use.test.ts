import { describe, expect, it } from "vitest";
import type { Operation } from "../core/operation.ts";
import { fairUse, ONE_PER_DOMAIN } from "./fair-use.ts";
import { created, desk, deskOp, phone, phoneOp } from "./store/store-fixtures.ts";

describe("fair use: one open ticket per participant and domain", () => {
  it("refuses a second ticket in a domain, not in another, and not a desk's walk-ins", () => {
    const k1 = created(phone, "K");
    const k2 = created(phone, "K");
    const s1 = created(phone, "S");
    const walkIns = [created(desk, "K"), created(desk, "K")];
    expect(fairUse([k1, k2, s1, ...walkIns], [])).toEqual([null, ONE_PER_DOMAIN("K"), null, null, null]);
  });

  it("counts the tickets the store holds open, frees a domain on cancellation, and leaves retries to the store", () => {
    const open = [{ ticketId: "TXCKET0000001", domain: "K" as const }];
    const again = created(phone, "K");
    expect(fairUse([again], open)).toEqual([ONE_PER_DOMAIN("K")]);
    const { id, eventId, hlc, actor } = phoneOp("ticket.rated", "TXCKET0000001", "");
    const cancel: Operation = { id, eventId, hlc, actor, type: "ticket.cancelled", ticketId: "TXCKET0000001" };
    expect(fairUse([cancel, again], open)).toEqual([null, null]);
    const retry = { ...created(phone, "K"), ticketId: "TXCKET0000001" };
    expect(fairUse([retry], open)).toEqual([null]);
    expect(fairUse([deskOp("ticket.called", "TXCKET0000001")], open)).toEqual([null]);
  });
});

describe("a refused creation", () => {
  it("takes the batch's later operations on that ticket with it", () => {
    const k1 = created(phone, "K");
    const k2 = created(phone, "K");
    const { id, eventId, hlc, actor } = phoneOp("ticket.rated", k2.ticketId, "");
    const cancelK2: Operation = { id, eventId, hlc, actor, type: "ticket.cancelled", ticketId: k2.ticketId };
    expect(fairUse([k1, k2, cancelK2], [])).toEqual([null, ONE_PER_DOMAIN("K"), ONE_PER_DOMAIN("K")]);
  });
});
