import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addSample, correctedNow, NO_OFFSET, sampleOf } from "./clock-offset.ts";
import { decodeHlc, encodeHlc, type Hlc, hlcWall, initialHlc, MAX_AHEAD_MS, receive, tick } from "./hlc.ts";
import type { Operation } from "./operation.ts";
import { waitingLine } from "./queue.ts";
import { created } from "./testing/ops.ts";
import { foldTicket, type TicketState } from "./ticket-fold.ts";

/**
 * The line is fair: whatever the phones' clocks say (fast, slow, back-dated,
 * never synced), the line follows the real order of taking tickets — the true
 * time for a device that knew the server's time, the server's receipt for one
 * that could not — within a stated tolerance (ε plus the round-trip error).
 */
const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const TOLERANCE = MAX_AHEAD_MS + 5_000;

/** The server's numbering clock, as src/server/store/numbering.ts keeps it: it merges what it numbers. */
class ServerClock {
  private clock: Hlc = initialHlc("SERVER00");
  after(seen: string, now: number): string {
    this.clock = receive(this.clock, decodeHlc(seen), now);
    return encodeHlc(this.clock);
  }
}

const phoneArb = fc.record({
  /** the true time of taking the ticket, after T0 */
  takenAfter: fc.integer({ min: 0, max: 3 * HOUR }),
  /** the phone's clock error */
  skew: fc.integer({ min: -400 * 24 * HOUR, max: 24 * HOUR }),
  /** had it synced (and so knows the server's time) before taking the ticket? */
  synced: fc.boolean(),
  /** the round trip of its last sync */
  rtt: fc.integer({ min: 10, max: 4_000 }),
  /** how long the ticket took to reach the server (offline for a while) */
  delay: fc.integer({ min: 100, max: 2 * HOUR }),
  priority: fc.constant(false),
});

describe("the fair line", () => {
  it("orders by the real time of taking, or the server's receipt when the phone could not know the time", () => {
    fc.assert(
      fc.property(fc.array(phoneArb, { minLength: 2, maxLength: 12 }), (phones) => {
        const server = new ServerClock();
        // the server receives the tickets in the order they reach it
        const arrivals = phones
          .map((p, i) => ({ p, i, taken: T0 + p.takenAfter, receipt: T0 + p.takenAfter + p.delay }))
          .sort((a, b) => a.receipt - b.receipt);
        const states: TicketState[] = [];
        const key = new Map<string, number>();
        for (const { p, i, taken, receipt } of arrivals) {
          const ticketId = `TXCKET${String(i).padStart(10, "0")}`;
          let offset = NO_OFFSET;
          if (p.synced) {
            // a sync a little before, answered over an asymmetric path (the worst case)
            const sent = taken - 10 * MINUTE;
            const s = sampleOf(sent + p.rtt, sent + p.skew, sent + p.rtt + p.skew);
            if (s) offset = addSample(offset, s);
          }
          const stamp = tick(initialHlc(`PH${i}`), correctedNow(offset, taken + p.skew));
          const c = created(0, "K", { ticketId, hlc: encodeHlc(stamp), ...(p.synced ? {} : { untimed: true as const }) });
          const n: Operation = {
            id: `NX${String(i).padStart(14, "0")}`,
            eventId: c.eventId,
            ticketId,
            hlc: server.after(c.hlc, receipt),
            actor: { deviceId: "SERVER00", role: "server" },
            type: "ticket.numberAssigned",
            domain: "K",
            number: `K-${String(i + 1).padStart(3, "0")}`,
          };
          const t = foldTicket([c, n]);
          if (!t) throw new Error("no state");
          states.push(t);
          key.set(ticketId, p.synced ? taken : receipt);
        }
        const line = waitingLine(states, "K");
        for (let a = 0; a < line.length; a++) {
          const ta = line[a];
          if (!ta) continue;
          const ka = key.get(ta.id) ?? 0;
          // its place is its real time (or receipt) within the tolerance
          expect(Math.abs(hlcWall(ta.arrivedAt) - ka)).toBeLessThanOrEqual(TOLERANCE);
          for (let b = a + 1; b < line.length; b++) {
            const tb = line[b];
            if (tb) expect(ka).toBeLessThanOrEqual((key.get(tb.id) ?? 0) + 2 * TOLERANCE);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a phone an hour slow, never synced, does not jump the line; one four hours fast does not go last", () => {
    const server = new ServerClock();
    const take = (name: string, hlc: string, receipt: number, untimed: boolean) => {
      const c = created(0, "K", { ticketId: `TXCKET${name}`, hlc, ...(untimed ? { untimed: true as const } : {}) });
      const n: Operation = {
        id: `NX${name}000000`,
        eventId: c.eventId,
        ticketId: c.ticketId,
        hlc: server.after(c.hlc, receipt),
        actor: { deviceId: "SERVER00", role: "server" },
        type: "ticket.numberAssigned",
        domain: "K",
        number: "K-001",
      };
      return foldTicket([c, n]) as TicketState;
    };
    const first = take("FIRST00001", encodeHlc({ wall: T0, counter: 0, node: "A" }), T0 + 500, false);
    const slow = take("SLOW000001", encodeHlc({ wall: T0 + MINUTE - HOUR, counter: 0, node: "B" }), T0 + MINUTE + 500, true);
    const fast = take(
      "FAST000001",
      encodeHlc({ wall: T0 + 2 * MINUTE + 4 * HOUR, counter: 0, node: "C" }),
      T0 + 2 * MINUTE + 500,
      false,
    );
    const last = take("LAST000001", encodeHlc({ wall: T0 + 3 * MINUTE, counter: 0, node: "D" }), T0 + 3 * MINUTE + 500, false);
    expect(waitingLine([last, fast, slow, first], "K").map((t) => t.id)).toEqual([first.id, slow.id, fast.id, last.id]);
  });
});
