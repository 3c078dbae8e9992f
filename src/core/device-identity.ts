// One UTF-8 encoder in core, re-exported for signing and sign-in messages.
import { utf8 } from "./utf8.ts";

export { utf8 };

/**
 * A device's identity, the pure part (the crypto itself runs at the edges:
 * src/sync/device-key.ts signs, src/server/device-proof.ts verifies).
 *
 * Every device holds an ECDSA P-256 key pair whose private half never leaves
 * it. Its id is *self-certifying*: the first 80 bits of the SHA-256 of the
 * public key's SPKI bytes, in the id alphabet of ids.ts (16 characters). So
 * knowing a device id grants nothing (it is no secret and proves nothing),
 * and nobody can make another key that hashes to it. A device proves it is
 * the holder by signing; the server checks that the key hashes to the id and
 * that the signature verifies.
 *
 * Signatures are WebCrypto's ECDSA with SHA-256 in IEEE P1363 form (r‖s, 64
 * bytes), the same in browsers and Node (globalThis.crypto.subtle).
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The algorithm both sides hand to crypto.subtle. */
export const DEVICE_KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
export const DEVICE_SIGN_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;

/** bytes of a device id: 10 bytes = 80 bits = 16 base32 characters */
const ID_BYTES = 10;
export const DEVICE_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** The device id of a public key, from the SHA-256 digest of its SPKI bytes. */
export function deviceIdFromDigest(spkiDigest: Uint8Array): string {
  if (spkiDigest.length < ID_BYTES) throw new Error("a device id needs at least 10 bytes of digest");
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const byte of spkiDigest.subarray(0, ID_BYTES)) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >>> bits) & 31];
    }
  }
  return out;
}

/** What a device signs to sign in: one line per field, in a fixed order, with a version tag. */
export interface SignInStatement {
  challenge: string;
  eventId: string;
  role: "participant" | "desk" | "organizer";
  deviceId: string;
  deskId?: string | undefined;
}

export function signInMessage(s: SignInStatement): Uint8Array<ArrayBuffer> {
  const lines = ["loket-sign-in/1", s.challenge, s.eventId, s.role, s.deviceId, s.deskId ?? ""];
  return utf8(lines.join("\n"));
}

/**
 * The one-scope-one-key rule: a device id is bound by the server to the first
 * role and desk it signs in with (per event), so a browser that must act as
 * participant, as desk K1 and as organizer keeps one key for each scope.
 */
export function keyScope(role: SignInStatement["role"], deskId?: string): string {
  return role === "desk" ? `desk:${deskId ?? ""}` : role;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url without padding (RFC 4648 §5) */
export function toBase64url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** null when `text` is not base64url (unpadded) */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (const ch of text) {
    acc = ((acc << 6) | B64.indexOf(ch)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 255;
    }
  }
  return out;
}
