/**
 * Globally unique ids for operations, tickets, participants and devices.
 *
 * Built on `crypto.getRandomValues` (not `randomUUID`) because it also exists in
 * insecure contexts, such as a venue laptop reached by its LAN address over http.
 * 128 random bits written in Crockford base32: collision-free for our purposes,
 * URL-safe, and readable aloud when a desk has to type a provisional code.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newId(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const byte of buf) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8,32}$/;
