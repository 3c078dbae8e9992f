import { randomFillSync } from "node:crypto";
import type { DomainCode } from "../../core/domain.ts";
import { decodeHlc, encodeHlc, type Hlc, initialHlc, receive } from "../../core/hlc.ts";
import { idOf } from "../../core/ids.ts";
import type { Operation, OpOf } from "../../core/operation.ts";
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

/**
 * The highest queue number of a domain: the operation schema writes numbers
 * with 3 or 4 digits (K-001 … K-9999), so the server never makes a bigger one.
 * With one waiting ticket per participant and domain, a clinic day stays far
 * below it; past it, new tickets and transfers into the domain are refused
 * with a reason instead of numbers the clients would reject.
 */
export const MAX_NUMBER = 9999;

export class NumbersUsedUpError extends Error {
  constructor(readonly domain: DomainCode) {
    super(`the queue numbers of domain ${domain} are used up for this event`);
    this.name = "NumbersUsedUpError";
  }
}

/**
 * Why `op` cannot be stored: it would need a number from the counter of a
 * domain whose numbers are used up. `next(domain)` is the counter's next
 * number; `reservedHeld` says the creation carries a number of its device's
 * block, unused, which needs no counter.
 */
export function numbersUsedUp(op: Operation, next: (domain: DomainCode) => number, reservedHeld: boolean): string | null {
  const domain =
    op.type === "ticket.created" && !reservedHeld ? op.domain : op.type === "ticket.transferred" ? op.toDomain : null;
  return domain !== null && next(domain) > MAX_NUMBER ? new NumbersUsedUpError(domain).message : null;
}

/** "K-905" → { domain: "K", n: 905 } */
export function parseNumber(s: string): { domain: string; n: number } | null {
  const m = /^([KSAP])-([0-9]{3,4})$/.exec(s);
  return m?.[1] && m[2] ? { domain: m[1], n: Number(m[2]) } : null;
}
