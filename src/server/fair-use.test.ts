import { describe, expect, it } from "vitest";
import { onePerDomain } from "../core/fair-use.ts";
import type { Operation } from "../core/operation.ts";
import { fairUse, fairUseOfPush } from "./fair-use.ts";
import { created, desk, deskOp, phone, phoneOp } from "./store/store-fixtures.ts";

describe("fair use: one open ticket per participant and domain", () => {
  it("refuses a second ticket in a domain, not in another, and not a desk's walk-ins", () => {
    const k1 = created(phone, "K");
    const k2 = created(phone, "K");
    const s1 = created(phone, "S");
    const walkIns = [created(desk, "K"), created(desk, "K")];
    expect(fairUse([k1, k2, s1, ...walkIns], [])).toEqual([null, onePerDomain("K"), null, null, null]);
  });

  it("counts the tickets the store holds open, frees a domain on cancellation, and leaves retries to the store", () => {
    const open = [{ ticketId: "TXCKET0000001", domain: "K" as const, open: true }];
    const again = created(phone, "K");
    expect(fairUse([again], open)).toEqual([onePerDomain("K")]);
    const { id, eventId, hlc, actor } = phoneOp("ticket.rated", "TXCKET0000001", "");
    const cancel: Operation = { id, eventId, hlc, actor, type: "ticket.cancelled", ticketId: "TXCKET0000001" };
    expect(fairUse([cancel, again], open)).toEqual([null, null]);
    const retry = { ...created(phone, "K"), ticketId: "TXCKET0000001" };
    expect(fairUse([retry], open)).toEqual([null]);
    expect(fairUse([deskOp("ticket.called", "TXCKET0000001")], open)).toEqual([null]);
  });

  it("judges what the participant holds once the push is in: a cancellation stamped after the new creation frees its domain too", () => {
    // after its clock recovered, a phone's cancel of its old ticket can sort after its new ticket's creation
    const open = [{ ticketId: "TXCKET0000001", domain: "K" as const, open: true }];
    const again = created(phone, "K");
    const { id, eventId, hlc, actor } = phoneOp("ticket.rated", "TXCKET0000001", "");
    const cancel: Operation = { id, eventId, hlc, actor, type: "ticket.cancelled", ticketId: "TXCKET0000001" };
    expect(fairUse([again, cancel], open)).toEqual([null, null]);
    // taken and given up in one push: the domain stays free for the next one
    const first = created(phone, "S");
    const second = created(phone, "S");
    const giveUp: Operation = { ...cancel, id: `${id}X`.slice(0, id.length), ticketId: first.ticketId };
    expect(fairUse([first, second, giveUp], [])).toEqual([null, null, null]);
    // but two kept in one domain are still one too many
    expect(fairUse([first, second, created(phone, "S")], [])).toEqual([null, onePerDomain("S"), onePerDomain("S")]);
  });

  it("lets a finished ticket's domain go, and leaves a retry of a finished ticket's creation to the store", () => {
    const held = [
      { ticketId: "TXCKET0000001", domain: "K" as const, open: false },
      { ticketId: "TXCKET0000002", domain: "S" as const, open: true },
    ];
    expect(fairUse([created(phone, "K")], held)).toEqual([null]);
    const retryOfFinished = { ...created(phone, "S"), ticketId: "TXCKET0000001" };
    expect(fairUse([retryOfFinished], held)).toEqual([null]);
  });
});

describe("a refused creation", () => {
  it("takes the batch's later operations on that ticket with it", () => {
    const k1 = created(phone, "K");
    const k2 = created(phone, "K");
    const { id, eventId, hlc, actor } = phoneOp("ticket.rated", k2.ticketId, "");
    const editK2: Operation = {
      id,
      eventId,
      hlc,
      actor,
      type: "ticket.questionEdited",
      ticketId: k2.ticketId,
      question: { topic: "SAKIP", text: "Ubah" },
    };
    expect(fairUse([k1, k2, editK2], [])).toEqual([null, onePerDomain("K"), onePerDomain("K")]);
  });
});

describe("a push with several participants' operations (a desk relaying phones)", () => {
  it("checks each participant against their own open tickets, and asks the store only for those who create", async () => {
    const other = { ...phone, deviceId: "PH0NE000002", participantId: "PARTX0000002" };
    const mineK = created(phone, "K");
    const theirsK = created(other, "K");
    const asked: string[] = [];
    const open = async (pid: string) => {
      asked.push(pid);
      return pid === phone.participantId ? [{ ticketId: "TXCKET0000001", domain: "K" as const, open: true }] : [];
    };
    expect(await fairUseOfPush([mineK, theirsK, deskOp("ticket.called", "TXCKET0000001")], open)).toEqual([
      onePerDomain("K"),
      null,
      null,
    ]);
    expect(asked.sort()).toEqual([phone.participantId, other.participantId].sort());
    asked.length = 0;
    await fairUseOfPush([phoneOp("ticket.rated", "TXCKET0000001", "")], open);
    expect(asked).toEqual([]);
  });
});
