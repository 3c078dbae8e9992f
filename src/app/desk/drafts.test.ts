import { describe, expect, it } from "vitest";
import { closeDrafts } from "./drafts.ts";

describe("closing a consultation", () => {
  const outcome = { kind: "answered", topic: "SOTK", advice: "Ikuti Permenpan 25/2021" } as const;

  it("records the text left in the note field as a note, just before the close", () => {
    const drafts = closeDrafts("T1", "K1", outcome, "  Bawa draf perbup minggu depan \n");
    expect(drafts.map((d) => d.type)).toEqual(["ticket.noteAdded", "ticket.closed"]);
    expect(drafts[0]).toMatchObject({ ticketId: "T1", deskId: "K1", text: "Bawa draf perbup minggu depan" });
  });

  it("adds no empty note", () => {
    expect(closeDrafts("T1", "K1", outcome, " \n ").map((d) => d.type)).toEqual(["ticket.closed"]);
  });
});
