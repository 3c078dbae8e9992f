import { randomFillSync } from "node:crypto";
import type { DomainCode } from "../../core/domain.ts";
import { decodeHlc, encodeHlc, type Hlc, initialHlc, receive } from "../../core/hlc.ts";
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
 * Ids of the server's operations: the same form as core's newId (128 random
 * bits in Crockford base32), drawn from a pool of random bytes, because one
 * system call per id was a measurable part of a push of many new tickets.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const pool = Buffer.alloc(16 * 256);
let poolAt = pool.length;

export function serverOpId(): string {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let out = "";
  let acc = 0;
  let bits = 0;
  for (let i = poolAt; i < poolAt + 16; i++) {
    acc = (acc << 8) | (pool[i] ?? 0);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  poolAt += 16;
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
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
