import { randomFillSync } from "node:crypto";
import type { DomainCode } from "../../core/domain.ts";
import { decodeHlc, encodeHlc, type Hlc, initialHlc, receive, recoverClock } from "../../core/hlc.ts";
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
  /**
   * A stamp after `seen` (the operation that caused it) and after every stamp this
   * server gave, unless `seen` is more than ε ahead of the server's own time (it is
   * not adopted: core/hlc.ts). The server's clock is the reference, so a stamp it
   * once gave beyond the bound (before the bound existed) is let go at once.
   */
  after(seen: string, now: number): string {
    this.clock = receive(recoverClock(this.clock, now), decodeHlc(seen), now);
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

/** "K-905" → { domain: "K", n: 905 } */
export function parseNumber(s: string): { domain: string; n: number } | null {
  const m = /^([KSAP])-([0-9]{3,4})$/.exec(s);
  return m?.[1] && m[2] ? { domain: m[1], n: Number(m[2]) } : null;
}
