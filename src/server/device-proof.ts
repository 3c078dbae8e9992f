import { createHash, webcrypto } from "node:crypto";
import {
  DEVICE_KEY_ALGORITHM,
  DEVICE_SIGN_ALGORITHM,
  deviceIdFromDigest,
  fromBase64url,
  type SignInStatement,
  signInMessage,
} from "../core/device-identity.ts";

/**
 * The server's half of device identity (core/device-identity.ts): a public
 * key's device id, and signature checks over bytes. Issue 11's relayed
 * operations use `verifyDeviceSignature` with the key the server recorded for
 * the device at sign-in.
 */
export function deviceIdOfKey(spki: Uint8Array): string {
  return deviceIdFromDigest(createHash("sha256").update(spki).digest());
}

/** Whether `signature` (P1363, base64url) by the key `publicKey` (SPKI, base64url) covers `bytes`. Never throws. */
export async function verifyDeviceSignature(publicKey: string, bytes: Uint8Array, signature: string): Promise<boolean> {
  const spki = fromBase64url(publicKey);
  const sig = fromBase64url(signature);
  if (!spki || !sig || sig.length !== 64) return false;
  try {
    const key = await webcrypto.subtle.importKey("spki", spki, DEVICE_KEY_ALGORITHM, false, ["verify"]);
    return await webcrypto.subtle.verify(DEVICE_SIGN_ALGORITHM, key, sig, bytes);
  } catch {
    // not a P-256 public key
    return false;
  }
}

export type ProofCheck = { ok: true } | { ok: false; reason: string };

/** The sign-in proof: the key hashes to the claimed device id, and it signed this very statement. */
export async function checkSignInProof(
  statement: SignInStatement,
  proof: { publicKey: string; signature: string },
): Promise<ProofCheck> {
  const spki = fromBase64url(proof.publicKey);
  if (!spki || deviceIdOfKey(spki) !== statement.deviceId) {
    return { ok: false, reason: "the device id is not the hash of the device's public key" };
  }
  if (!(await verifyDeviceSignature(proof.publicKey, signInMessage(statement), proof.signature))) {
    return { ok: false, reason: "the device's signature does not verify" };
  }
  return { ok: true };
}
