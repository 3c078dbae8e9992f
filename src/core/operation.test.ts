import { describe, expect, it } from "vitest";
import { parseOperation } from "./operation.ts";
import { created, desk } from "./testing/ops.ts";

describe("the operation validator", () => {
  it("accepts well-formed operations", () => {
    expect(parseOperation(created(0)).ok).toBe(true);
    expect(parseOperation(desk(1, "K1", "ticket.called")).ok).toBe(true);
  });

  it("rejects with a reason that names the field", () => {
    const bad = parseOperation({ ...created(0), domain: "X" });
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.reason).toMatch(/domain/);
    const unknown = parseOperation({ ...created(0), type: "ticket.teleported" });
    expect(unknown.ok).toBe(false);
    const extra = parseOperation({ ...desk(1, "K1", "ticket.called"), sneaky: true });
    expect(!extra.ok && extra.reason).toMatch(/sneaky/);
    const hlc = parseOperation({ ...desk(1, "K1", "ticket.called"), hlc: "yesterday" });
    expect(!hlc.ok && hlc.reason).toMatch(/hlc/);
  });

  it("rejects text that is empty or too long, after trimming", () => {
    expect(parseOperation(desk(1, "K1", "ticket.noteAdded", { text: "   " })).ok).toBe(false);
    expect(parseOperation(desk(1, "K1", "ticket.noteAdded", { text: "x".repeat(4001) })).ok).toBe(false);
  });
});
