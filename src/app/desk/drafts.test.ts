import { describe, expect, it } from "vitest";
import { closeDrafts, walkInQuestion } from "./drafts.ts";

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

describe("a walk-in's question", () => {
  it("is none without words, a topic alone without text, and a text alone gives the topic", () => {
    expect(walkInQuestion(" ", "")).toBeNull();
    expect(walkInQuestion(" SAKIP ", " ")).toEqual({ topic: "SAKIP" });
    expect(walkInQuestion("", " Bagaimana menyusun LKjIP? ")).toEqual({
      topic: "Bagaimana menyusun LKjIP?",
      text: "Bagaimana menyusun LKjIP?",
    });
    expect(walkInQuestion("SAKIP", "LKjIP")).toEqual({ topic: "SAKIP", text: "LKjIP" });
  });
});
