import { describe, expect, it } from "vitest";
import { decodeHlc, encodeHlc } from "../../core/hlc.ts";
import { ID_PATTERN } from "../../core/ids.ts";
import { parseOperation } from "../../core/operation.ts";
import { formatNumber } from "../../core/protocol.ts";
import {
  COUNTER_RANGE,
  MAX_DESK_WITH_RANGE,
  nextBlock,
  numberAssigned,
  ORGANIZER_RANGE,
  parseNumber,
  reservedRange,
  SERVER_DEVICE_ID,
  ServerClock,
  serverOpId,
} from "./numbering.ts";

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

describe("reserved number ranges", () => {
  it("gives each desk its own thousand, organizers the 9000s, and nothing to others", () => {
    expect(reservedRange({ role: "desk", deskId: "K1" })).toEqual({ first: 1001, last: 1999 });
    expect(reservedRange({ role: "desk", deskId: "S2" })).toEqual({ first: 2001, last: 2999 });
    expect(reservedRange({ role: "desk", deskId: "P8" })).toEqual({ first: 8001, last: 8999 });
    expect(reservedRange({ role: "desk", deskId: "K9" })).toBeNull();
    expect(reservedRange({ role: "desk", deskId: "K12" })).toBeNull();
    expect(reservedRange({ role: "organizer" })).toEqual({ first: 9001, last: 9999 });
    expect(reservedRange({ role: "participant" })).toBeNull();
  });

  it("no two ranges overlap, none reaches the counter's numbers, and every number in them is a valid K-nnnn", () => {
    const ranges = [
      COUNTER_RANGE,
      ORGANIZER_RANGE,
      ...Array.from({ length: MAX_DESK_WITH_RANGE }, (_, i) => reservedRange({ role: "desk", deskId: `K${i + 1}` })),
    ].map((r) => r ?? { first: 0, last: -1 });
    for (const [i, a] of ranges.entries()) {
      expect(a.first).toBeLessThanOrEqual(a.last);
      for (const b of ranges.slice(i + 1)) expect(a.last < b.first || b.last < a.first).toBe(true);
      for (const n of [a.first, a.last]) expect(parseNumber(formatNumber("K", n))).toEqual({ domain: "K", n });
    }
  });

  it("carves blocks after what was reserved or given, and stops at the range's end", () => {
    const r = { first: 1001, last: 1999 };
    expect(nextBlock(r, 20, null, null)).toEqual({ first: 1001, last: 1020 });
    expect(nextBlock(r, 20, 1020, null)).toEqual({ first: 1021, last: 1040 });
    expect(nextBlock(r, 20, 1020, 1030)).toEqual({ first: 1031, last: 1050 });
    expect(nextBlock(r, 20, 1990, null)).toEqual({ first: 1991, last: 1999 });
    expect(nextBlock(r, 20, 1999, null)).toBeNull();
  });
});
