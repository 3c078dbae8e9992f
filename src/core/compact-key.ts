import { fromBase64url, toBase64url } from "./device-identity.ts";

/**
 * A P-256 public key in the fewest bytes, for the ticket QR code (issue 11):
 * the compressed point (SEC 1 §2.3.3, 33 bytes: 02 or 03 for the parity of y,
 * then x) instead of the SPKI the server and the device id use (91 bytes).
 * The desk expands it back to the very SPKI bytes the phone exported, so the
 * device id (the hash of the SPKI) and the server's check are unchanged.
 *
 * Expanding solves y² = x³ − 3x + b (mod p); p ≡ 3 (mod 4), so the root is
 * (x³ − 3x + b)^((p+1)/4). WebCrypto in Chromium imports only uncompressed
 * points, hence this small piece of arithmetic on BigInt.
 */
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
/** DER header of a P-256 SubjectPublicKeyInfo with an uncompressed point (the 04 included) */
const SPKI_PREFIX = [
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03,
  0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
];
const SPKI_LENGTH = SPKI_PREFIX.length + 64;

/** The compressed point (base64url, 44 characters) of an SPKI public key (base64url), or null if it is not a P-256 SPKI. */
export function compressPublicKey(spki: string): string | null {
  const bytes = fromBase64url(spki);
  if (!bytes || bytes.length !== SPKI_LENGTH || SPKI_PREFIX.some((b, i) => bytes[i] !== b)) return null;
  const x = bytes.subarray(SPKI_PREFIX.length, SPKI_PREFIX.length + 32);
  const yLast = bytes[SPKI_LENGTH - 1] ?? 0;
  const out = new Uint8Array(33);
  out[0] = 2 + (yLast & 1);
  out.set(x, 1);
  return toBase64url(out);
}

/** The SPKI (base64url) of a compressed point (base64url), or null when it is not a point of the curve. */
export function expandPublicKey(compressed: string): string | null {
  const bytes = fromBase64url(compressed);
  const prefix = bytes?.length === 33 ? bytes[0] : undefined;
  if (!bytes || (prefix !== 2 && prefix !== 3)) return null;
  const x = toBigInt(bytes.subarray(1));
  if (x >= P) return null;
  const rhs = mod(x * x * x - 3n * x + B);
  let y = powMod(rhs, (P + 1n) / 4n);
  if (mod(y * y) !== rhs) return null;
  if (Number(y & 1n) !== (prefix & 1)) y = P - y;
  const out = new Uint8Array(SPKI_LENGTH);
  out.set(SPKI_PREFIX);
  out.set(bytes.subarray(1), SPKI_PREFIX.length);
  out.set(fromBigInt(y), SPKI_PREFIX.length + 32);
  return toBase64url(out);
}

const mod = (n: bigint) => ((n % P) + P) % P;

function powMod(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function fromBigInt(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = n;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
