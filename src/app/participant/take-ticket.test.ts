import { describe, expect, it } from "vitest";
import { newId } from "../../core/ids.ts";
import { parseOperation } from "../../core/operation.ts";
import type { TicketState } from "../../core/ticket-fold.ts";
import { busyDomains, checkTicketForm, QUESTION_MAX, ticketDrafts, topicChoices } from "./take-ticket.ts";

describe("taking tickets", () => {
  it("needs a domain and a topic; the question's text is optional", () => {
    expect(checkTicketForm({ domains: [], topic: " ", text: "Panjang" })).toEqual({
      domains: "required",
      topic: "required",
    });
    expect(checkTicketForm({ domains: ["K"], topic: "SOTK", text: "?" })).toEqual({});
    expect(checkTicketForm({ domains: ["K"], topic: "SOTK", text: "  " })).toEqual({});
  });

  it("a topic alone makes a question without text, which the wire schema accepts", () => {
    const [d] = ticketDrafts({ domains: ["P"], topic: "Standar pelayanan", text: "   " }, newId());
    if (d?.type !== "ticket.created") throw new Error("expected a creation");
    expect(d.question).toEqual({ topic: "Standar pelayanan" });
    const op = {
      ...d,
      id: newId(),
      eventId: "denpasar-2026",
      hlc: "00000000001-00000-NODE0001",
      actor: { deviceId: newId(), role: "participant" },
    };
    const parsed = parseOperation(op);
    expect(parsed.ok ? parsed.op : parsed.reason).toEqual(op);
    // an empty text is still refused on the wire: absent, or words
    expect(parseOperation({ ...op, question: { topic: "Standar pelayanan", text: " " } }).ok).toBe(false);
  });

  it("offers the chosen domains' topics, in their order, each once", () => {
    expect(topicChoices([])).toEqual([]);
    const ka = topicChoices(["K", "A"]);
    expect(ka[0]).toBe("Penataan SOTK");
    expect(ka).toContain("SAKIP dan LHE AKIP");
    expect(new Set(ka).size).toBe(ka.length);
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
    expect(a.question?.text?.length).toBe(QUESTION_MAX);
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
