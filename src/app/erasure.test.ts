import { describe, expect, it } from "vitest";
import { foldAll } from "../core/fold-all.ts";
import { fixtureId, opFactory } from "../core/op-fixtures.ts";
import { erasureDrafts } from "./erasure.ts";

describe("erasureDrafts", () => {
  it("cancels the participant's tickets still in line, then erases with the region only", () => {
    const f = opFactory();
    f.participant("p", { regionId: "52-kota-mataram" }, 0);
    f.ticket("waits", "K", 1, { pid: "p" });
    f.ticket("called", "S", 1, { pid: "p" });
    f.call("called", "S1", 2);
    f.ticket("missed", "A", 1, { pid: "p" });
    f.call("missed", "A1", 2);
    f.skip("missed", "A1", false, 3);
    f.ticket("served", "P", 1, { pid: "p" });
    f.call("served", "P1", 2);
    f.start("served", "P1", 3);
    f.ticket("serving", "K", 1, { pid: "p" });
    f.call("serving", "K2", 2);
    f.start("serving", "K2", 3);
    f.close("served", "P1", 4);
    f.ticket("someone-else", "K", 1, { pid: "q" });
    const { tickets } = foldAll(f.ops);

    const drafts = erasureDrafts(fixtureId("p"), "52-kota-mataram", tickets);
    const cancelled = drafts.flatMap((d) => (d.type === "ticket.cancelled" ? [d.ticketId] : []));
    expect(cancelled.sort()).toEqual(["waits", "called", "missed"].map(fixtureId).sort());
    // a consultation under way or done is not undone; the erasure comes last
    expect(drafts.at(-1)).toEqual({ type: "participant.erased", participantId: fixtureId("p"), regionId: "52-kota-mataram" });
    expect(drafts).toHaveLength(4);
  });

  it("erases without a region when none is known", () => {
    expect(erasureDrafts("P1", null, [])).toEqual([{ type: "participant.erased", participantId: "P1" }]);
  });
});
