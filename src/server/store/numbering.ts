import { randomFillSync } from "node:crypto";
import type { DomainCode } from "../../core/domain.ts";
import { decodeHlc, encodeHlc, type Hlc, initialHlc, receive } from "../../core/hlc.ts";
import { idOf } from "../../core/ids.ts";
import type { OpOf } from "../../core/operation.ts";
import { formatNumber } from "../../core/protocol.ts";

/**
 * What every store shares about the server's own operations: the server's
 * device id, its hybrid clock, and the shape of a `ticket.numberAssigned`.
 */
export const SERVER_DEVICE_ID = "SERVER00";

export class ServerClock {
  private clock: Hlc;
  constructor(last: string | null) {
    this.clock = last ? { ...decodeHlc(last), node: SERVER_DEVICE_ID } : initialHlc(SERVER_DEVICE_ID);
  }
  /** a stamp after `seen` (the operation that caused it) and after every stamp this server gave */
  after(seen: string, now: number): string {
    this.clock = receive(this.clock, decodeHlc(seen), now);
    return encodeHlc(this.clock);
  }
}

/**
 * Ids of the server's operations: core's ids (time, then random bytes), the
 * random bytes drawn from a pool, because one system call per id was a
 * measurable part of a push of many new tickets.
 */
const pool = Buffer.alloc(10 * 256);
let poolAt = pool.length;

export function serverOpId(now: number = Date.now()): string {
  if (poolAt + 10 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const bytes = new Uint8Array(16);
  bytes.set(pool.subarray(poolAt, poolAt + 10), 6);
  poolAt += 10;
  return idOf(bytes, now);
}

export function numberAssigned(
  eventId: string,
  ticketId: string,
  domain: DomainCode,
  n: number,
  hlc: string,
): OpOf<"ticket.numberAssigned"> {
  return {
    id: serverOpId(),
    eventId,
    hlc,
    actor: { deviceId: SERVER_DEVICE_ID, role: "server" },
    ticketId,
    type: "ticket.numberAssigned",
    domain,
    number: formatNumber(domain, n),
  };
}

/** A range of queue numbers, inclusive. */
export interface NumberRange {
  readonly first: number;
  readonly last: number;
}

/** The phones' numbers (the server's counter): K-001 … K-999. */
export const COUNTER_RANGE: NumberRange = { first: 1, last: 999 };
/** Desks K1 … K8 reserve in their own thousand: K1 → K-1001 … K-1999, K2 → K-2001 … */
export const MAX_DESK_WITH_RANGE = 8;
/** Organizer devices (a kiosk at the entrance) share the 9000s: K-9001 … K-9999. */
export const ORGANIZER_RANGE: NumberRange = { first: 9001, last: 9999 };

/**
 * Where a device's blocks of reserved numbers come from: a separate range per
 * desk (and one for organizers), apart from the counter that numbers the
 * phones. So the numbers one line shows never jump by a block's size (the
 * phones' K-004, K-005 are followed by K-006, not K-025), a desk's offline
 * walk-ins read as its own (K-1001 is desk K1's first), and since no two
 * devices' blocks overlap, the server can always confirm a number from the
 * device's own block: a number once shown never changes. Desks K9 and above
 * have no range (offline, their walk-ins show a provisional code).
 */
export function reservedRange(who: { role: string; deskId?: string | null }): NumberRange | null {
  if (who.role === "organizer") return ORGANIZER_RANGE;
  if (who.role !== "desk" || !who.deskId) return null;
  const table = Number(who.deskId.slice(1));
  if (!Number.isInteger(table) || table < 1 || table > MAX_DESK_WITH_RANGE) return null;
  return { first: table * 1000 + 1, last: table * 1000 + 999 };
}

/**
 * The next block of `size` numbers in `range`: after every block already
 * carved from it and every number already given in it (the counter reaches
 * the range only after 999 phone tickets in a domain, and it skips blocks).
 * Null when the range is used up.
 */
export function nextBlock(
  range: NumberRange,
  size: number,
  lastReserved: number | null,
  lastGiven: number | null,
): NumberRange | null {
  const first = Math.max(range.first, (lastReserved ?? 0) + 1, (lastGiven ?? 0) + 1);
  if (first > range.last) return null;
  return { first, last: Math.min(first + size - 1, range.last) };
}

/** "K-905" → { domain: "K", n: 905 } */
export function parseNumber(s: string): { domain: string; n: number } | null {
  const m = /^([KSAP])-([0-9]{3,4})$/.exec(s);
  return m?.[1] && m[2] ? { domain: m[1], n: Number(m[2]) } : null;
}
