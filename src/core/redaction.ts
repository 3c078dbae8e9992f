import type { Operation } from "./operation.ts";

/** What stands in for a question's text once its author's data is erased. */
export const ERASED_TEXT = "[dihapus]";

/** Operation types that carry a participant's own words about their ticket. */
export const PARTICIPANT_TEXT_TYPES = ["ticket.created", "ticket.questionEdited", "ticket.rated"] as const;

/**
 * UU 27/2022: erasing a participant's data takes their own words too, not only
 * the profile. An operation of a ticket they own loses the question's text
 * (the topic stays, for the report's anonymous topic counts) and the rating's
 * comment (the scores stay, for the SKM index). Desk notes and advice are the
 * clinic's record and stay. Returns the operation itself when it carries none
 * of those words, so callers can tell whether to rewrite it.
 */
export function withoutParticipantText(op: Operation): Operation {
  switch (op.type) {
    case "ticket.created":
    case "ticket.questionEdited":
      // a question given as a topic only has no words of its own to erase
      if (!op.question || op.question.text === undefined || op.question.text === ERASED_TEXT) return op;
      return { ...op, question: { ...op.question, text: ERASED_TEXT } };
    case "ticket.rated": {
      if (op.comment === undefined) return op;
      const { comment: _c, ...rest } = op;
      return rest;
    }
    default:
      return op;
  }
}
