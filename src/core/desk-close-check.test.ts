import { describe, expect, it } from "vitest";
import { checkDeskClose } from "./desk-close-check.ts";
import { opFactory } from "./op-fixtures.ts";
import type { Outcome } from "./operation.ts";

const answered: Outcome = { kind: "answered", topic: "SOTK", advice: "Ikuti Permenpan 2024" };

describe("checkDeskClose", () => {
  it("passes a clean day and counts what the desk did", () => {
    const f = opFactory();
    for (const [i, t] of ["a", "b", "c", "d", "e"].entries()) {
      f.ticket(t, "K", i);
      f.number(t, "K", `K-00${i + 1}`, i);
    }
    f.call("a", "K1", 10);
    f.start("a", "K1", 11);
    f.close("a", "K1", 30, answered);
    f.call("b", "K1", 31);
    f.skip("b", "K1", false, 35);
    f.call("c", "K1", 36);
    f.transfer("c", "K1", "S", 37);
    f.call("d", "K1", 38);
    f.skip("d", "K1", true, 40);
    f.call("e", "K2", 10); // another desk's ticket is not ours to check
    const r = checkDeskClose(f.ops, "K1");
    expect(r).toEqual({ ok: true, issues: [], called: 4, served: 1, noShow: 1, transferred: 1, requeued: 1 });
  });

  it("lists tickets left called or in consultation, and closes without outcome", () => {
    const f = opFactory();
    for (const t of ["a", "b", "c"]) f.ticket(t, "K", 0);
    f.number("a", "K", "K-001", 0);
    f.number("b", "K", "K-002", 0);
    f.number("c", "K", "K-003", 0);
    f.call("a", "K1", 5);
    f.call("b", "K1", 6);
    f.start("b", "K1", 7);
    f.call("c", "K1", 8);
    f.start("c", "K1", 9);
    f.close("c", "K1", 20);
    const r = checkDeskClose(f.ops, "K1");
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.kind, i.number])).toEqual([
      ["stillCalled", "K-001"],
      ["stillServing", "K-002"],
      ["noOutcome", "K-003"],
    ]);
  });

  it("flags 0-minute and 90-minute consultations without blocking", () => {
    const f = opFactory();
    for (const t of ["a", "b", "c"]) f.ticket(t, "A", 0);
    f.number("a", "A", "A-001", 0);
    f.number("b", "A", "A-002", 0);
    f.number("c", "A", "A-003", 0);
    f.call("a", "A1", 1);
    f.close("a", "A1", 1.2, answered); // closed without start: 0 minutes
    f.call("b", "A1", 2);
    f.start("b", "A1", 3);
    f.close("b", "A1", 93, answered); // exactly 90
    f.call("c", "A1", 100);
    f.start("c", "A1", 101);
    f.close("c", "A1", 190, answered); // 89: fine
    const r = checkDeskClose(f.ops, "A1");
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([
      { kind: "tooShort", ticketId: expect.any(String), number: "A-001", minutes: 0 },
      { kind: "tooLong", ticketId: expect.any(String), number: "A-002", minutes: 90 },
    ]);
  });

  it("does not blame this desk for a ticket another desk took over", () => {
    const f = opFactory();
    f.ticket("a", "K", 0);
    f.call("a", "K1", 1);
    f.start("a", "K2", 2);
    expect(checkDeskClose(f.ops, "K1").issues).toEqual([]);
    expect(checkDeskClose(f.ops, "K2").issues.map((i) => i.kind)).toEqual(["stillServing"]);
  });
});
