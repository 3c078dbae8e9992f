import { describe, expect, it } from "vitest";
import { decodeHlc, encodeHlc } from "../../core/hlc.ts";
import { ID_PATTERN } from "../../core/ids.ts";
import { parseOperation } from "../../core/operation.ts";
import { numberAssigned, parseNumber, SERVER_DEVICE_ID, ServerClock, serverOpId } from "./numbering.ts";

describe("server operations", () => {
  it("have ids of the usual form, all different", () => {
    const ids = Array.from({ length: 5000 }, serverOpId);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a number assignment passes the shared validator, as devices check it", () => {
    const op = numberAssigned(
      "denpasar-2026",
      "TXCKET0000000001",
      "K",
      7,
      encodeHlc({ wall: 1, counter: 0, node: SERVER_DEVICE_ID }),
    );
    expect(op.number).toBe("K-007");
    expect(parseOperation(JSON.parse(JSON.stringify(op)))).toEqual({ ok: true, op });
  });

  it("the server clock stamps after what caused it and never goes back, even when the wall clock does", () => {
    const clock = new ServerClock(null);
    const ahead = encodeHlc({ wall: 5_000, counter: 3, node: "PHONE" });
    const a = clock.after(ahead, 1_000);
    expect(a > ahead).toBe(true);
    const b = clock.after(encodeHlc({ wall: 10, counter: 0, node: "OLD" }), 900);
    expect(b > a).toBe(true);
    expect(decodeHlc(b).node).toBe(SERVER_DEVICE_ID);
    // restarted from the last stamp it gave
    const again = new ServerClock(b);
    expect(again.after(ahead, 0) > b).toBe(true);
  });

  it("reads numbers back", () => {
    expect(parseNumber("P-1234")).toEqual({ domain: "P", n: 1234 });
    expect(parseNumber("X-001")).toBeNull();
  });
});
