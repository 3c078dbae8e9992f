import { fromBase64url } from "../core/device-identity.ts";
import { operationMessage } from "../core/op-signature.ts";
import type { Operation } from "../core/operation.ts";
import type { RelayProof } from "../core/protocol.ts";
import { deviceIdOfKey, verifyDeviceSignature } from "./device-proof.ts";
import type { SyncStore, TokenRecord } from "./store/types.ts";

/**
 * Relay: a device pushes an operation made by another device (a participant's
 * phone that handed its ticket over by QR and never syncs, or a log bundle).
 * The server accepts it only with the author's own signature over the
 * operation (core/op-signature.ts), from the key whose hash is the author's
 * device id, and only if that device signed in to the event before: then the
 * operation is authorized exactly as if its author had pushed it, by the role,
 * desk and participant id the server bound to that device. A desk cannot forge
 * a participant's cancel or rating: it holds no participant's key.
 *
 * Returns the author's record to authorize with, or the reason to refuse.
 */
export type RelayCheck = { ok: true; author: TokenRecord } | { ok: false; reason: string };

export async function checkRelayed(store: SyncStore, op: Operation, proof: RelayProof | undefined): Promise<RelayCheck> {
  const author = op.actor.deviceId;
  if (!proof)
    return { ok: false, reason: "actor does not match your sign-in (a relayed operation needs its author's signature)" };
  const spki = fromBase64url(proof.publicKey);
  if (!spki || deviceIdOfKey(spki) !== author) {
    return { ok: false, reason: "relayed operation: the key is not the author device's (its hash is not the device id)" };
  }
  if (!(await verifyDeviceSignature(proof.publicKey, operationMessage(op), proof.signature))) {
    return { ok: false, reason: "relayed operation: the author's signature does not verify" };
  }
  const known = await store.deviceOf(op.eventId, author);
  if (!known) return { ok: false, reason: "relayed operation: its author device never signed in to this event" };
  return {
    ok: true,
    author: {
      eventId: op.eventId,
      role: known.binding.role,
      deviceId: author,
      deskId: known.binding.deskId,
      participantId: known.binding.role === "participant" ? known.participantId : null,
      expiresAt: Number.POSITIVE_INFINITY,
    },
  };
}
