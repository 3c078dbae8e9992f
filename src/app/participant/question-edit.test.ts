import { describe, expect, it } from "vitest";
import type { Operation } from "../../core/operation.ts";
import { byParticipant, created, desk, participantActor } from "../../core/testing/ops.ts";
import { foldTicket, type TicketState } from "../../core/ticket-fold.ts";
import { checkQuestionForm, myLateEdits, questionEditDraft } from "./question-edit.ts";
import { QUESTION_MAX } from "./take-ticket.ts";

function fold(ops: readonly Operation[]): TicketState {
  const s = foldTicket(ops);
  if (!s) throw new Error("empty fold");
  return s;
}

const EDIT = { topic: "SOTK baru", text: "Bagaimana dengan jabatan fungsional?" };

describe("editing the question", () => {
  it("needs a topic; the question's text may be left empty", () => {
    expect(checkQuestionForm({ topic: " ", text: "Ada teks" })).toEqual({ topic: "required" });
    expect(checkQuestionForm({ topic: "SOTK", text: " " })).toEqual({});
    expect(checkQuestionForm(EDIT)).toEqual({});
  });

  it("builds a trimmed edit within the take-ticket limits, and nothing when unchanged or empty", () => {
    const t = fold([created(0)]);
    const d = questionEditDraft(t, { topic: "  SOTK baru ", text: "x".repeat(QUESTION_MAX + 10) });
    if (d?.type !== "ticket.questionEdited") throw new Error("expected an edit");
    expect(d.ticketId).toBe(t.id);
    expect(d.question.topic).toBe("SOTK baru");
    expect(d.question.text?.length).toBe(QUESTION_MAX);
    expect(questionEditDraft(t, { topic: " ", text: "?" })).toBeNull();
    expect(questionEditDraft(t, { topic: t.question?.topic ?? "", text: t.question?.text ?? "" })).toBeNull();
    // emptying the text leaves a topic-only question, with no empty text on the wire
    const cleared = questionEditDraft(t, { topic: "SOTK baru", text: "  " });
    if (cleared?.type !== "ticket.questionEdited") throw new Error("expected an edit");
    expect(cleared.question).toEqual({ topic: "SOTK baru" });
    const topicOnly = fold([created(0), byParticipant(1, "ticket.questionEdited", { question: { topic: "SOTK baru" } })]);
    expect(questionEditDraft(topicOnly, { topic: "SOTK baru", text: "" })).toBeNull();
    const started = fold([created(0), desk(1, "K1", "ticket.called"), desk(2, "K1", "ticket.started")]);
    expect(questionEditDraft(started, EDIT)).toBeNull();
  });

  it("finds this device's edits kept aside after the start, not another device's", () => {
    const mine = byParticipant(3, "ticket.questionEdited", { question: EDIT });
    const other = {
      ...byParticipant(4, "ticket.questionEdited", { question: { topic: "Lain", text: "Dari ponsel lain" } }),
      actor: { ...participantActor, deviceId: "OTHERPH0NE000001" },
    };
    const early = byParticipant(0.5, "ticket.questionEdited", { question: { topic: "Awal", text: "Sebelum mulai" } });
    const ops = [created(0), early, desk(1, "K1", "ticket.called"), desk(2, "K1", "ticket.started"), mine, other];
    const t = fold(ops);
    expect(t.conflicts.filter((c) => c.kind === "lateEdit")).toHaveLength(2);
    expect(t.question?.topic).toBe("Awal");
    const late = myLateEdits(t, ops, participantActor.deviceId);
    expect(late.map((c) => c.opId)).toEqual([mine.id]);
    expect(late[0]?.question).toEqual(EDIT);
  });

  it("an edit before the start is no conflict", () => {
    const ops = [created(0), byParticipant(1, "ticket.questionEdited", { question: EDIT }), desk(2, "K1", "ticket.started")];
    const t = fold(ops);
    expect(t.conflicts).toEqual([]);
    expect(myLateEdits(t, ops, participantActor.deviceId)).toEqual([]);
    expect(t.question).toEqual(EDIT);
  });
});
