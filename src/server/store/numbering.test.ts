import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOMAIN_CODES } from "../../core/domain.ts";
import { decodeHlc, encodeHlc } from "../../core/hlc.ts";
import { ID_PATTERN } from "../../core/ids.ts";
import { parseOperation } from "../../core/operation.ts";
import { serverErasure } from "../privacy.ts";
import {
  MAX_NUMBER,
  NumbersUsedUpError,
  numberAssigned,
  parseNumber,
  SERVER_DEVICE_ID,
  ServerClock,
  serverOpId,
} from "./numbering.ts";
import { openSqliteStore } from "./sqlite.ts";
import { allow, created, desk, deskOp, EVENT, numbersIn, phone } from "./store-fixtures.ts";

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

  it("a store never numbers past MAX_NUMBER: new tickets and blocks are refused with a reason once the domain's numbers are used up", async () => {
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "loket-numbers-")), "loket.sqlite"));
    try {
      // Blocks move the counter on quickly, as 9,999 tickets would.
      const blocks = Math.floor((MAX_NUMBER - 5) / 20);
      for (let i = 0; i < blocks; i++) await store.reserveBlock(EVENT, "K", desk.deviceId, 20);
      await expect(store.reserveBlock(EVENT, "K", desk.deviceId, 20)).rejects.toBeInstanceOf(NumbersUsedUpError);
      const tickets = Array.from({ length: 25 }, () => created(phone, "K"));
      const out = await store.push(tickets, allow());
      const statuses = out.results.map((r) => r.status);
      const left = MAX_NUMBER - blocks * 20;
      expect(statuses.slice(0, left).every((s) => s === "accepted")).toBe(true);
      expect(out.results.slice(left).map((r) => (r.status === "rejected" ? r.reason : r.status))).toEqual(
        Array.from({ length: tickets.length - left }, () => "the queue numbers of domain K are used up for this event"),
      );
      // a number of the desk's own block is still confirmed as it is
      const walkIn = created(desk, "K", { reservedNumber: "K-020" });
      expect((await store.push([walkIn], allow())).results[0]?.status).toBe("accepted");
      // a transfer into the full domain is refused too; other domains go on
      const inS = created(phone, "S");
      await store.push([inS], allow());
      const move = deskOp("ticket.transferred", inS.ticketId, { toDomain: "K", deskId: "S1" });
      expect((await store.push([move], allow())).results[0]).toMatchObject({ status: "rejected" });
      const numbers = await numbersIn(store);
      for (const op of numbers) expect(parseOperation(JSON.parse(JSON.stringify(op))).ok).toBe(true);
      expect(numbers.map((o) => o.number)).toContain("K-9999");
      expect(numbers.map((o) => o.number)).toContain("K-020");
    } finally {
      await store.close();
    }
  });
});
