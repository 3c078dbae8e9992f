import { compressPublicKey, expandPublicKey } from "../../core/compact-key.ts";
import type { Actor, Operation } from "../../core/operation.ts";
import { parseOperation } from "../../core/operation.ts";
import type { RelayProof } from "../../core/protocol.ts";
import type { OpProofs } from "../../storage/contract.ts";

/**
 * The ticket QR payload: the ticket's own operations (and the participant's
 * latest registration, when it fits), so that a desk can take the ticket in by
 * scanning, with no network on either side. The desk imports the operations
 * (LocalStore.importOps) and they reach the server from there, with the
 * phone's signatures (relay, server/relay.ts): the phone need never sync again.
 *
 * Format, version 2:  `LOKET2:` + JSON
 * `{"e": eventId, "a": actor, "k": key, "o": [op, …], "s": [signature | 0, …]}`
 * where each op is written without its `eventId` (it is `e`) and without its
 * `actor` when that is `a` (the ticket's creator: the phone); `k` is the
 * phone's public key as a compressed P-256 point (33 bytes, core/compact-key.ts,
 * instead of the 91 of its SPKI) and `s[i]` the phone's P1363 signature of
 * `o[i]` (64 bytes), both base64url, 0 for an operation it did not sign. Dense
 * codes are what jsQR reads worst (app/desk/qr-decode.ts), so every byte that
 * can be left out is; the participant screen caps the question so that the
 * ticket's creation always fits.
 *
 * Version 1 (`LOKET1:`, `{"e", "o"}`, no signatures) is still read: a phone
 * on an older version of the app shows it until it updates.
 */
export const QR_PREFIX = "LOKET2:";
const QR_PREFIX_V1 = "LOKET1:";
/** bytes; above this a QR code gets too dense to scan reliably from a screen */
export const QR_MAX_BYTES = 2200;
/** the profile rides along only while the code stays readable (about version 29 at level L) */
export const QR_PROFILE_MAX_BYTES = 1650;

type Compact = Omit<Operation, "eventId" | "actor"> & { actor?: Actor };

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

function sameActor(a: Actor, b: Actor): boolean {
  return a.deviceId === b.deviceId && a.role === b.role && a.deskId === b.deskId && a.participantId === b.participantId;
}

function pack(
  eventId: string,
  actor: Actor,
  ops: readonly Operation[],
  key: string | null,
  proofs: OpProofs,
  spki: string | null,
): string {
  const o: Compact[] = ops.map(({ eventId: _e, actor: by, ...rest }) => (sameActor(by, actor) ? rest : { ...rest, actor: by }));
  const s = ops.map((op) => {
    const proof = proofs[op.id];
    return key && proof && proof.publicKey === spki ? proof.signature : 0;
  });
  const signed = key !== null && s.some((x) => x !== 0);
  return `${QR_PREFIX}${JSON.stringify(signed ? { e: eventId, a: actor, k: key, o, s } : { e: eventId, a: actor, o })}`;
}

/**
 * Encode a ticket for its QR code. `ticketOps` are all of the ticket's
 * operations; `profileOp` the participant's latest registration, if any;
 * `proofs` the proofs the store holds for them (LocalStore.proofsOf): those
 * by the key that signed the ticket's creation go along. Returns null when
 * even the ticket's creation does not fit.
 */
export function encodeTicketQr(
  eventId: string,
  ticketOps: readonly Operation[],
  profileOp?: Operation,
  proofs: OpProofs = {},
): string | null {
  const created = ticketOps.filter((op) => op.type === "ticket.created");
  const others = ticketOps.filter((op) => op.type !== "ticket.created");
  const first = created[0];
  if (!first) return null;
  const spki = proofs[first.id]?.publicKey ?? null;
  const key = spki ? compressPublicKey(spki) : null;
  const candidates: [Operation[], number][] = [
    [profileOp ? [...created, ...others, profileOp] : [...created, ...others], QR_PROFILE_MAX_BYTES],
    [[...created, ...others], QR_MAX_BYTES],
    [created, QR_MAX_BYTES],
  ];
  for (const [ops, max] of candidates) {
    const text = pack(eventId, first.actor, ops, key, proofs, spki);
    if (byteLength(text) <= max) return text;
  }
  return null;
}

export type DecodedTicketQr =
  | { ok: true; eventId: string; ops: Operation[]; proofs: Record<string, RelayProof> }
  | { ok: false; reason: string };

const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

/** Decode and validate a scanned payload; every operation is checked with the shared validator. */
export function decodeTicketQr(text: string): DecodedTicketQr {
  const v2 = text.startsWith(QR_PREFIX);
  if (!v2 && !text.startsWith(QR_PREFIX_V1)) return { ok: false, reason: "not a Loket ticket code" };
  let data: unknown;
  try {
    data = JSON.parse(text.slice(QR_PREFIX.length));
  } catch {
    return { ok: false, reason: "the code is damaged (not JSON)" };
  }
  if (typeof data !== "object" || data === null) return { ok: false, reason: "the code is damaged" };
  const { e, o, a, k, s } = data as { e?: unknown; o?: unknown; a?: unknown; k?: unknown; s?: unknown };
  if (typeof e !== "string" || !Array.isArray(o) || o.length === 0) return { ok: false, reason: "the code is damaged" };
  if (v2 && (typeof a !== "object" || a === null)) return { ok: false, reason: "the code is damaged" };
  // the key and signatures are checked by the server; here only their shape
  const spki = v2 && typeof k === "string" ? expandPublicKey(k) : null;
  if (v2 && k !== undefined && (spki === null || !Array.isArray(s) || s.length !== o.length)) {
    return { ok: false, reason: "the code is damaged (its key or signatures)" };
  }
  const ops: Operation[] = [];
  const proofs: Record<string, RelayProof> = {};
  for (const [i, item] of o.entries()) {
    if (typeof item !== "object" || item === null) return { ok: false, reason: "the code is damaged" };
    const parsed = parseOperation(v2 && !("actor" in item) ? { ...item, actor: a, eventId: e } : { ...item, eventId: e });
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    ops.push(parsed.op);
    const signature = Array.isArray(s) ? s[i] : undefined;
    if (spki && typeof signature === "string" && SIGNATURE.test(signature)) {
      proofs[parsed.op.id] = { publicKey: spki, signature };
    }
  }
  if (!ops.some((op) => op.type === "ticket.created")) return { ok: false, reason: "the code holds no ticket" };
  return { ok: true, eventId: e, ops, proofs };
}
