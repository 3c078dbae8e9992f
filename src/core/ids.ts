/**
 * Globally unique ids for operations, tickets, participants and devices.
 *
 * 16 bytes in the ULID layout, written in Crockford base32 (26 characters,
 * URL-safe, readable aloud): the first 6 bytes are the time in milliseconds,
 * the other 10 are random (80 bits: collision-free for our purposes even for
 * ids made in the same millisecond). Time first, because ids made around the
 * same moment then sort together: the server's indexes on operation and ticket
 * ids take new entries at their end instead of all over the tree, which is
 * what made a big push write most of the index anew (bench/profile-push.ts).
 * The random tail stays last: provisional codes and short device labels are
 * taken from the end.
 *
 * Random bytes come from `crypto.getRandomValues` (not `randomUUID`) because it
 * also exists in insecure contexts, such as a venue laptop reached by its LAN
 * address over http.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8,32}$/;

export function newId(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes.subarray(6));
  return idOf(bytes, now);
}

/**
 * The id made of `bytes` (16; the last 10 random) with the time `now` (ms)
 * written over its first 6, big-endian so that the text sorts by time.
 */
export function idOf(bytes: Uint8Array, now: number): string {
  let t = Math.max(0, Math.floor(now));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  return base32(bytes);
}

function base32(bytes: Uint8Array): string {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
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
