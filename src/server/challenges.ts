import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { fromBase64url } from "../core/device-identity.ts";

/**
 * Sign-in challenges: a device signs a fresh server nonce, so a captured
 * sign-in cannot be replayed later. A challenge is stateless — its expiry and
 * nonce, MACed with the server's secret — so issuing one writes nothing and
 * costs nothing to an unauthenticated caller; only *used* nonces are kept, in
 * memory, until they expire (one use each).
 *
 * Several instances behind one address share the secret (LOKET_AUTH_SECRET),
 * so a challenge fetched from one is accepted by another; each instance then
 * remembers its own used nonces, so a replay within the challenge's two
 * minutes could reach another instance once. That needs the signed request
 * itself, which TLS keeps from eavesdroppers.
 */
export const CHALLENGE_TTL_MS = 2 * 60 * 1000;
const NONCE = 16;
const MAC = 16;

export interface Challenges {
  issue(): { challenge: string; expiresAt: number };
  /** null when the challenge is genuine, fresh and unused (it is then used up), else why not */
  redeem(challenge: string): string | null;
}

export function createChallenges(now: () => number, secret: Uint8Array = randomBytes(32)): Challenges {
  const used = new Map<string, number>();
  const mac = (body: Uint8Array) => createHmac("sha256", secret).update(body).digest().subarray(0, MAC);

  function forgetExpired(t: number): void {
    for (const [nonce, exp] of used) if (exp <= t) used.delete(nonce);
  }

  return {
    issue() {
      const expiresAt = now() + CHALLENGE_TTL_MS;
      const body = Buffer.alloc(8 + NONCE);
      body.writeBigUInt64BE(BigInt(expiresAt));
      randomBytes(NONCE).copy(body, 8);
      return { challenge: Buffer.concat([body, mac(body)]).toString("base64url"), expiresAt };
    },
    redeem(challenge) {
      const bytes = fromBase64url(challenge);
      if (!bytes || bytes.length !== 8 + NONCE + MAC) return "not a challenge from this server";
      const body = bytes.subarray(0, 8 + NONCE);
      if (!timingSafeEqual(mac(body), bytes.subarray(8 + NONCE))) return "not a challenge from this server";
      const expiresAt = Number(Buffer.from(body).readBigUInt64BE());
      const t = now();
      if (expiresAt <= t) return "the challenge expired: sign in again";
      if (used.size > 10_000) forgetExpired(t);
      // bounded memory: more than this many sign-ins within two minutes is an attack, not a venue
      if (used.size > 200_000) return "too many sign-ins at once: try again in a minute";
      const nonce = Buffer.from(body.subarray(8)).toString("hex");
      if (used.has(nonce)) return "the challenge was already used: sign in again";
      used.set(nonce, expiresAt);
      return null;
    },
  };
}

/** The secret from LOKET_AUTH_SECRET (base64url, at least 32 bytes), or a fresh random one per process. */
export function challengeSecretFrom(env: string | undefined): Uint8Array | undefined {
  if (!env) return undefined;
  const bytes = fromBase64url(env.trim());
  if (!bytes || bytes.length < 32) throw new Error("LOKET_AUTH_SECRET must be at least 32 random bytes, base64url");
  return bytes;
}
