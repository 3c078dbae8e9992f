import {
  DEVICE_KEY_ALGORITHM,
  DEVICE_SIGN_ALGORITHM,
  deviceIdFromDigest,
  keyScope,
  type SignInStatement,
  signInMessage,
  toBase64url,
} from "../core/device-identity.ts";
import type { LocalStore } from "../storage/contract.ts";

/**
 * The device's signing keys (core/device-identity.ts says why ids are hashes
 * of keys). The private key is made non-extractable by WebCrypto and kept as a
 * CryptoKey in the store's meta (IndexedDB clones it; its bytes can never be
 * read back, not even by this app's own code), one key per sign-in scope:
 * "participant", "organizer", "desk:K1"… The server binds each device id to
 * one role and desk, so an organizer signing in on a desk's laptop uses the
 * laptop's organizer key, a device of its own to the server.
 *
 * `store.clear()` drops the keys with everything else: whoever uses the phone
 * next is a new device.
 *
 * Needs a secure context (HTTPS or localhost), like the service worker.
 */
export interface DeviceKey {
  readonly deviceId: string;
  /** SPKI bytes of the public key, base64url */
  readonly publicKey: string;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

interface StoredKey {
  deviceId: string;
  publicKey: string;
  privateKey: CryptoKey;
}

const metaKey = (scope: string) => `deviceKey:${scope}`;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error("this page is not a secure context (HTTPS): the device cannot make its key");
  return s;
}

/** copy into a fresh ArrayBuffer: WebCrypto's types want a BufferSource over a plain ArrayBuffer */
function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

function keyOf(k: StoredKey): DeviceKey {
  return {
    deviceId: k.deviceId,
    publicKey: k.publicKey,
    async sign(bytes) {
      return new Uint8Array(await subtle().sign(DEVICE_SIGN_ALGORITHM, k.privateKey, buffer(bytes)));
    },
  };
}

async function makeKey(): Promise<StoredKey> {
  const pair = await subtle().generateKey(DEVICE_KEY_ALGORITHM, false, ["sign", "verify"]);
  const spki = new Uint8Array(await subtle().exportKey("spki", pair.publicKey));
  const digest = new Uint8Array(await subtle().digest("SHA-256", buffer(spki)));
  return { deviceId: deviceIdFromDigest(digest), publicKey: toBase64url(spki), privateKey: pair.privateKey };
}

/** A key held in memory only (tests, the simulation, scripts). */
export async function createDeviceKey(): Promise<DeviceKey> {
  return keyOf(await makeKey());
}

/** This device's key for `scope` (see keyScope), made and kept on first use. */
export async function deviceKeyFor(store: LocalStore, scope: string): Promise<DeviceKey> {
  const saved = await store.getMeta<StoredKey>(metaKey(scope));
  if (saved?.privateKey && saved.deviceId && saved.publicKey) return keyOf(saved);
  const made = await makeKey();
  await store.setMeta(metaKey(scope), made);
  return keyOf(made);
}

export { keyScope };

/** The proof that goes with a sign-in: the public key and the signature over the statement. */
export async function signInProof(
  key: DeviceKey,
  statement: Omit<SignInStatement, "deviceId">,
): Promise<{ deviceId: string; publicKey: string; signature: string }> {
  const sig = await key.sign(signInMessage({ ...statement, deviceId: key.deviceId }));
  return { deviceId: key.deviceId, publicKey: key.publicKey, signature: toBase64url(sig) };
}
