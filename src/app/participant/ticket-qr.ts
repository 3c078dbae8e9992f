import type { Operation } from "../../core/operation.ts";
import { parseOperation } from "../../core/operation.ts";

/**
 * The ticket QR payload: the ticket's own operations (and the participant's
 * latest registration, when it fits), so that a desk can take the ticket in by
 * scanning, with no network on either side. The desk imports the operations
 * (LocalStore.importOps) and they reach the server from there.
 *
 * Format, version 1:  `LOKET1:` + JSON `{"e": eventId, "o": [op, …]}` where
 * each op is written without its `eventId` (it is `e`). Compact enough for a
 * QR code a phone camera reads from another phone's screen; the participant
 * screen caps the question so that the ticket's creation always fits.
 */
export const QR_PREFIX = "LOKET1:";
/** bytes; above this a QR code gets too dense to scan reliably from a screen */
export const QR_MAX_BYTES = 2200;
/** the profile rides along only while the code stays easy to scan (about version 20) */
export const QR_PROFILE_MAX_BYTES = 1500;

type Compact = Omit<Operation, "eventId">;

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

function pack(eventId: string, ops: readonly Operation[]): string {
  const o: Compact[] = ops.map(({ eventId: _e, ...rest }) => rest);
  return `${QR_PREFIX}${JSON.stringify({ e: eventId, o })}`;
}

/**
 * Encode a ticket for its QR code. `ticketOps` are all of the ticket's
 * operations; `profileOp` the participant's latest registration, if any.
 * Returns null when even the ticket's creation does not fit.
 */
export function encodeTicketQr(eventId: string, ticketOps: readonly Operation[], profileOp?: Operation): string | null {
  const created = ticketOps.filter((op) => op.type === "ticket.created");
  const others = ticketOps.filter((op) => op.type !== "ticket.created");
  const candidates: [Operation[], number][] = [
    [profileOp ? [...created, ...others, profileOp] : [...created, ...others], QR_PROFILE_MAX_BYTES],
    [[...created, ...others], QR_MAX_BYTES],
    [created, QR_MAX_BYTES],
  ];
  for (const [ops, max] of candidates) {
    if (ops.length === 0) continue;
    const text = pack(eventId, ops);
    if (byteLength(text) <= max) return text;
  }
  return null;
}

export type DecodedTicketQr = { ok: true; eventId: string; ops: Operation[] } | { ok: false; reason: string };

/** Decode and validate a scanned payload; every operation is checked with the shared validator. */
export function decodeTicketQr(text: string): DecodedTicketQr {
  if (!text.startsWith(QR_PREFIX)) return { ok: false, reason: "not a Loket ticket code" };
  let data: unknown;
  try {
    data = JSON.parse(text.slice(QR_PREFIX.length));
  } catch {
    return { ok: false, reason: "the code is damaged (not JSON)" };
  }
  if (typeof data !== "object" || data === null) return { ok: false, reason: "the code is damaged" };
  const { e, o } = data as { e?: unknown; o?: unknown };
  if (typeof e !== "string" || !Array.isArray(o) || o.length === 0) return { ok: false, reason: "the code is damaged" };
  const ops: Operation[] = [];
  for (const item of o) {
    if (typeof item !== "object" || item === null) return { ok: false, reason: "the code is damaged" };
    const parsed = parseOperation({ ...item, eventId: e });
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    ops.push(parsed.op);
  }
  if (!ops.some((op) => op.type === "ticket.created")) return { ok: false, reason: "the code holds no ticket" };
  return { ok: true, eventId: e, ops };
}
