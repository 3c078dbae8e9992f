import { describe, expect, it } from "vitest";
import { compressPublicKey, expandPublicKey } from "./compact-key.ts";
import { DEVICE_KEY_ALGORITHM, fromBase64url, toBase64url } from "./device-identity.ts";

/** a fresh device public key, SPKI base64url, as sync/device-key.ts exports it */
async function createDeviceKey(): Promise<{ publicKey: string }> {
  const pair = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ["sign", "verify"]);
  return { publicKey: toBase64url(new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey))) };
}

describe("compact public keys", () => {
  it("expand back to the very SPKI bytes the key exported, for either parity of y", async () => {
    const parities = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const key = await createDeviceKey();
      const small = compressPublicKey(key.publicKey);
      expect(small).toHaveLength(44);
      parities.add(fromBase64url(small ?? "")?.[0] ?? 0);
      expect(expandPublicKey(small ?? "")).toBe(key.publicKey);
    }
    // 12 random keys all of one parity: 1 in 2,048
    expect(parities).toEqual(new Set([2, 3]));
  });

  it("refuse what is not a P-256 key or not a point of the curve", async () => {
    const key = await createDeviceKey();
    expect(compressPublicKey("AAAA")).toBeNull();
    expect(compressPublicKey(key.publicKey.slice(0, -4))).toBeNull();
    const small = fromBase64url(compressPublicKey(key.publicKey) ?? "") ?? new Uint8Array();
    expect(expandPublicKey(toBase64url(small.subarray(0, 32)))).toBeNull();
    expect(expandPublicKey(toBase64url(Uint8Array.of(4, ...small.subarray(1))))).toBeNull();
    // x = 1 has no y on P-256 (1 − 3 + b is not a square mod p)
    const offCurve = new Uint8Array(33);
    offCurve[0] = 2;
    offCurve[32] = 1;
    expect(expandPublicKey(toBase64url(offCurve))).toBeNull();
  });
});
