import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOMAIN_CODES } from "../../core/domain.ts";
import { decodeHlc, encodeHlc, hlcWall, MAX_AHEAD_MS } from "../../core/hlc.ts";
import { ID_PATTERN } from "../../core/ids.ts";
import { type Operation, parseOperation } from "../../core/operation.ts";
import { formatNumber } from "../../core/protocol.ts";
import { serverErasure } from "../privacy.ts";
import {
  COUNTER_RANGE,
  MAX_DESK_WITH_RANGE,
  MAX_NUMBER,
  nextBlock,
  numberAssigned,
  ORGANIZER_RANGE,
  parseNumber,
  reservedRange,
  SERVER_DEVICE_ID,
  ServerClock,
  serverOpId,
} from "./numbering.ts";
import { openSqliteStore } from "./sqlite.ts";
import { allow, created, desk, deskOp, EVENT, phone } from "./store-fixtures.ts";

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

const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);
const HOUR = 3_600_000;

describe("the server's clock", () => {
  it("is not dragged ahead by a phone whose clock is hours fast: its next numbers carry its own time", () => {
    const clock = new ServerClock(null);
    const fast = encodeHlc({ wall: T0 + 23 * HOUR, counter: 0, node: "FASTPHONE" });
    const first = clock.after(fast, T0);
    expect(hlcWall(first)).toBeLessThanOrEqual(T0 + MAX_AHEAD_MS);
    const honest = encodeHlc({ wall: T0 + 10 * 60_000, counter: 0, node: "PHONE" });
    const later = clock.after(honest, T0 + 10 * 60_000 + 200);
    expect(hlcWall(later)).toBe(T0 + 10 * 60_000 + 200);
    expect(later > first).toBe(true);
  });

  it("a stamp within the bound is still followed (the number sorts after its ticket)", () => {
    const clock = new ServerClock(null);
    const slightlyAhead = encodeHlc({ wall: T0 + 10_000, counter: 4, node: "PHONE" });
    expect(clock.after(slightlyAhead, T0) > slightlyAhead).toBe(true);
  });
});

describe("the server's clock after a restart", () => {
  it("lets go of a stamp it once gave far ahead", () => {
    const clock = new ServerClock(encodeHlc({ wall: T0 + 23 * HOUR, counter: 9, node: "SERVER00" }));
    const next = clock.after(encodeHlc({ wall: T0, counter: 0, node: "PHONE" }), T0 + 100);
    expect(hlcWall(next)).toBe(T0 + 100);
  });
});

describe("every operation the server makes passes the shared validator", () => {
  const stampArb = fc.record({ wall: fc.integer({ min: 0, max: 2 ** 40 }), counter: fc.integer({ min: 0, max: 1000 }) });

  it("numbers of any size the server can give, in any domain, and its erasures", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DOMAIN_CODES),
        fc.integer({ min: 1, max: MAX_NUMBER }),
        stampArb,
        fc.option(fc.constantFrom("51-kabupaten-badung", "52-kota-mataram", "53-kota-kupang"), { nil: null }),
        (domain, n, t, regionId) => {
          const hlc = encodeHlc({ ...t, node: SERVER_DEVICE_ID });
          const numbered = numberAssigned("denpasar-2026", "TXCKET0000000001", domain, n, hlc);
          expect(parseOperation(JSON.parse(JSON.stringify(numbered))).ok).toBe(true);
          expect(parseNumber(numbered.number)).toEqual({ domain, n });
          const erasure = serverErasure("denpasar-2026", "PARTX0000000001", regionId, hlc);
          expect(parseOperation(JSON.parse(JSON.stringify(erasure))).ok).toBe(true);
        },
      ),
    );
  });

  it("a store never numbers past MAX_NUMBER: new tickets and transfers into a full domain are refused with a reason", async () => {
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "loket-numbers-")), "loket.sqlite"));
    try {
      // 9,999 tickets in domain K, as a very long event would give
      for (let given = 0; given < MAX_NUMBER; given += 500) {
        const batch = Array.from({ length: Math.min(500, MAX_NUMBER - given) }, () => created(phone, "K"));
        const out = await store.push(batch, allow());
        expect(out.results.every((r) => r.status === "accepted")).toBe(true);
      }
      const more = [created(phone, "K"), created(phone, "K")];
      const out = await store.push(more, allow());
      expect(out.results.map((r) => (r.status === "rejected" ? r.reason : r.status))).toEqual([
        "the queue numbers of domain K are used up for this event",
        "the queue numbers of domain K are used up for this event",
      ]);
      // a transfer into the full domain is refused too; other domains go on
      const inS = created(phone, "S");
      expect((await store.push([inS], allow())).results[0]?.status).toBe("accepted");
      const move = deskOp("ticket.transferred", inS.ticketId, { toDomain: "K", deskId: "S1" });
      expect((await store.push([move], allow())).results[0]).toMatchObject({ status: "rejected" });
      // and a desk's range is used up too: the counter went through it
      expect(await store.reserveBlock(EVENT, "K", desk.deviceId, 20, { first: 1001, last: 1999 })).toBeNull();
      // the last page holds the highest numbers: every one valid, K-9999 the last given
      const tail = await store.pull(EVENT, 15_000, 5000);
      const numbers = tail.ops.map((x) => JSON.parse(x.json) as Operation).filter((o) => o.type === "ticket.numberAssigned");
      for (const op of numbers) expect(parseOperation(JSON.parse(JSON.stringify(op))).ok).toBe(true);
      expect(numbers.map((o) => (o.type === "ticket.numberAssigned" ? o.number : ""))).toContain("K-9999");
    } finally {
      await store.close();
    }
  });
});
