import { describe, expect, it } from "vitest";
import { newId } from "../../core/ids.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import { busyDomains, checkTicketForm, QUESTION_MAX, ticketDrafts } from "./take-ticket.ts";

describe("taking tickets", () => {
  it("needs a domain, a topic and a question", () => {
    expect(checkTicketForm({ domains: [], topic: " ", text: "" })).toEqual({
      domains: "required",
      topic: "required",
      text: "required",
    });
    expect(checkTicketForm({ domains: ["K"], topic: "SOTK", text: "?" })).toEqual({});
  });

  it("makes one ticket per domain with the same question", () => {
    const pid = newId();
    const drafts = ticketDrafts({ domains: ["K", "A"], topic: " SOTK ", text: "x".repeat(QUESTION_MAX + 50) }, pid);
    expect(drafts.map((d) => d.type === "ticket.created" && d.domain)).toEqual(["K", "A"]);
    const [a, b] = drafts;
    if (a?.type !== "ticket.created" || b?.type !== "ticket.created") throw new Error("expected creations");
    expect(a.ticketId).not.toBe(b.ticketId);
    expect(a.question).toEqual(b.question);
    expect(a.question?.topic).toBe("SOTK");
    expect(a.question?.text.length).toBe(QUESTION_MAX);
    expect(a.participantId).toBe(pid);
  });

  it("a domain with an open ticket is busy; a finished one is not", () => {
    const t = (domain: "K" | "S", status: TicketState["status"]) => ({ domain, status }) as TicketState;
    expect([...busyDomains([t("K", "waiting"), t("S", "done")])]).toEqual(["K"]);
    expect([...busyDomains([t("K", "serving"), t("S", "cancelled")])]).toEqual(["K"]);
    // a no-show frees its domain (the server's fair-use rule says the same, core/fair-use.ts)
    expect([...busyDomains([t("K", "noShow"), t("S", "called")])]).toEqual(["S"]);
  });
});
