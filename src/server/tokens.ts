import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/**
 * Device tokens and join codes. A token is 256 random bits; only its sha256 is
 * stored, so a copy of the database does not let anyone sign in. Join codes are
 * short and typeable (no 0/O, 1/I/L), because people read them off paper.
 */
export const TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newCode(length = 6): string {
  let out = "";
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** Compares codes without leaking, through timing, how much of a guess was right. Case-insensitive. */
export function sameCode(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given.trim().toUpperCase()).digest();
  const b = createHash("sha256").update(expected.trim().toUpperCase()).digest();
  return timingSafeEqual(a, b);
}
