import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEVICE_KEY_ALGORITHM, DEVICE_SIGN_ALGORITHM, signInMessage, toBase64url } from "../core/device-identity.ts";
import { createChallenges } from "./challenges.ts";
import { checkSignInProof, deviceIdOfKey } from "./device-proof.ts";

async function device() {
  const pair = await webcrypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ["sign", "verify"]);
  const spki = new Uint8Array(await webcrypto.subtle.exportKey("spki", pair.publicKey));
  return { pair, publicKey: toBase64url(spki), deviceId: deviceIdOfKey(spki) };
}

describe("sign-in proof", () => {
  it("accepts the key's own signature over the statement, and nothing else", async () => {
    const me = await device();
    const thief = await device();
    const statement = { challenge: "C1", eventId: "denpasar-2026", role: "participant", deviceId: me.deviceId } as const;
    const sign = async (key: CryptoKey, s: Parameters<typeof signInMessage>[0]) =>
      toBase64url(new Uint8Array(await webcrypto.subtle.sign(DEVICE_SIGN_ALGORITHM, key, signInMessage(s))));
    const good = await sign(me.pair.privateKey, statement);
    expect(await checkSignInProof(statement, { publicKey: me.publicKey, signature: good })).toEqual({ ok: true });
    // another challenge, event, role or desk: the signature no longer covers it
    for (const other of [
      { ...statement, challenge: "C2" },
      { ...statement, eventId: "mataram-2026" },
      { ...statement, role: "desk" as const, deskId: "K1" },
    ]) {
      expect(await checkSignInProof(other, { publicKey: me.publicKey, signature: good })).toMatchObject({ ok: false });
    }
    // the thief knows the victim's id but has another key: its hash is not the id
    const forged = await sign(thief.pair.privateKey, statement);
    expect(await checkSignInProof(statement, { publicKey: thief.publicKey, signature: forged })).toEqual({
      ok: false,
      reason: "the device id is not the hash of the device's public key",
    });
    // the victim's public key with the thief's signature does not verify
    expect(await checkSignInProof(statement, { publicKey: me.publicKey, signature: forged })).toMatchObject({ ok: false });
    expect(await checkSignInProof(statement, { publicKey: "AAAA", signature: good })).toMatchObject({ ok: false });
  });
});

describe("challenges", () => {
  it("are used once, expire, and cannot be made up", () => {
    let now = 1_000_000;
    const c = createChallenges(() => now);
    const { challenge } = c.issue();
    expect(c.redeem(challenge)).toBeNull();
    expect(c.redeem(challenge)).toMatch(/already used/);
    const late = c.issue().challenge;
    now += 2 * 60 * 1000;
    expect(c.redeem(late)).toMatch(/expired/);
    const other = createChallenges(() => now).issue().challenge;
    expect(c.redeem(other)).toMatch(/not a challenge from this server/);
    expect(c.redeem("AAAA")).toMatch(/not a challenge/);
  });
});
