import { describe, expect, it } from "vitest";
import { foldAll } from "./fold-all.ts";
import { opFactory } from "./op-fixtures.ts";
import type { Operation } from "./operation.ts";
import { ERASED_TEXT, withoutParticipantText } from "./redaction.ts";

describe("withoutParticipantText", () => {
  const f = opFactory();
  f.participant("p", { regionId: "51-kota-denpasar" }, 0);
  f.ticket("t", "K", 1, { pid: "p", topic: "SAKIP" });
  f.call("t", "K1", 2);
  f.start("t", "K1", 3);
  f.note("t", "K1", "Catatan meja", 4);
  f.close("t", "K1", 5);
  f.rate("t", { "1": 4, "2": 3 }, 6);
  const rated = f.ops.at(-1) as Operation & { type: "ticket.rated" };
  const withComment: Operation = { ...rated, comment: "Pak Made sangat membantu" };

  it("takes the question's text and the rating's comment, keeping topic and scores", () => {
    const created = f.ops.find((o) => o.type === "ticket.created");
    if (created?.type !== "ticket.created") throw new Error("fixture");
    const cut = withoutParticipantText(created);
    expect(cut).toEqual({ ...created, question: { topic: "SAKIP", text: ERASED_TEXT } });
    // a topic-only question has no words of the participant's own: nothing to rewrite
    const topicOnly: Operation = { ...created, question: { topic: "SAKIP" } };
    expect(withoutParticipantText(topicOnly)).toBe(topicOnly);
    const uncommented = withoutParticipantText(withComment);
    expect(uncommented).toEqual(rated);
    expect("comment" in uncommented).toBe(false);
  });

  it("returns the very operation when there is nothing to take, so callers rewrite only what changed", () => {
    for (const op of f.ops) {
      if (op.type === "ticket.created") continue;
      expect(withoutParticipantText(op)).toBe(op);
    }
    const created = f.ops.find((o) => o.type === "ticket.created");
    if (!created) throw new Error("fixture");
    const once = withoutParticipantText(created);
    expect(withoutParticipantText(once)).toBe(once);
  });

  it("leaves the ticket's state whole but for those words", () => {
    const before = foldAll([...f.ops.slice(0, -1), withComment]).tickets[0];
    const after = foldAll([...f.ops.slice(0, -1), withComment].map(withoutParticipantText)).tickets[0];
    expect(after?.question?.text).toBe(ERASED_TEXT);
    expect(after?.question?.topic).toBe(before?.question?.topic);
    expect(after?.status).toBe(before?.status);
    expect(after?.outcome).toEqual(before?.outcome);
    expect(after?.notes).toEqual(before?.notes);
  });
});
