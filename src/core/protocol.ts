import * as v from "valibot";
import { DESK_PATTERN, DOMAIN_CODES } from "./domain.ts";
import type { LoketEvent } from "./event.ts";
import { ID_PATTERN } from "./ids.ts";
import type { Operation, Role } from "./operation.ts";

/**
 * The wire protocol between a device and the sync server: one versioned file
 * that both sides import, so that a change breaks the build on both at once.
 *
 * Every request carries the client's protocol version in PROTOCOL_HEADER. A
 * server that no longer speaks it answers 426 with `clientTooOld` (the app asks
 * the user to update) or `serverTooOld`, before reading anything else, so that a
 * request is never half-applied.
 */
export const PROTOCOL_VERSION = 2;
/**
 * the oldest client protocol this server still accepts. 2: a question's text is
 * optional (core/operation.ts); a protocol-1 app would set such a ticket aside
 * as unreadable, so it is asked to update before it syncs again.
 */
export const MIN_CLIENT_PROTOCOL = 2;
export const PROTOCOL_HEADER = "x-loket-protocol";

export const API = {
  health: "/api/health",
  auth: "/api/auth",
  authChallenge: "/api/auth/challenge",
  event: "/api/event",
  push: "/api/push",
  pull: "/api/pull",
  live: "/api/live",
  blocks: "/api/blocks",
  /** Web Push: GET the VAPID key, PUT / DELETE this phone's subscription (core/push.ts) */
  webPush: "/api/webpush",
  // organizer only (issue 5)
  adminEvents: "/api/admin/events",
  adminEvent: "/api/admin/event",
  adminCodes: "/api/admin/codes",
  adminRotate: "/api/admin/codes/rotate",
  adminDevices: "/api/admin/devices",
  adminPurge: "/api/admin/purge",
} as const;

/**
 * Every push and pull carries the device's own sync state, so the organizer's
 * live overview shows which device lags: its unsynced changes (outbox count)
 * and the code of its last sync error (a SyncErrorCode such as "offline";
 * absent when the last round went well).
 */
export const PENDING_HEADER = "x-loket-pending";
export const LAST_ERROR_HEADER = "x-loket-last-error";

/**
 * Every /api answer names the server and its history epoch: `x-loket-history:
 * <serverId> <epoch> <base>`. A new epoch means the server's history may have
 * lost operations after sequence number `base` (it was restored from a backup,
 * or lost its last commits): what it holds up to `base` stands, what came
 * after may be gone, and later sequence numbers may be given again. A device
 * that sees a new epoch pushes again what it made that the server confirmed
 * after `base`, and pulls again from `base` (sync/engine.ts).
 */
export const HISTORY_HEADER = "x-loket-history";

export interface ServerHistory {
  readonly serverId: string;
  readonly epoch: string;
  /** every operation with a sequence number up to this one is as it was before the epoch began */
  readonly base: number;
}

export function formatHistory(h: ServerHistory): string {
  return `${h.serverId} ${h.epoch} ${h.base}`;
}

/** The header's value, or null when it is absent or unreadable (an older server). */
export function parseHistory(value: string | null): ServerHistory | null {
  const m = value?.trim().match(/^([A-Za-z0-9_-]{1,64}) ([A-Za-z0-9_-]{1,64}) (\d{1,15})$/);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { serverId: m[1], epoch: m[2], base: Number(m[3]) };
}

/** Limits, shared so that the client batches within what the server takes. */
export const LIMITS = {
  maxOpsPerPush: 500,
  maxBodyBytes: 1_000_000,
  maxPullPage: 1000,
  defaultPullPage: 500,
  /** an operation stamped further ahead of the server's clock is rejected */
  maxClockAheadMs: 24 * 60 * 60 * 1000,
  numberBlockSize: 20,
} as const;

// ---- requests -------------------------------------------------------------

const Id = v.pipe(v.string(), v.regex(ID_PATTERN, "must be an id"));
const EventId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{3,60}$/, "must be an event id"));

const Code = v.pipe(v.string(), v.minLength(4), v.maxLength(64));
const Base64url = (max: number) => v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/, "must be base64url"), v.maxLength(max));
/**
 * The device's proof (core/device-identity.ts): its public key (SPKI,
 * base64url), whose SHA-256 gives `deviceId`, and its signature over the
 * server's challenge and the request (signInMessage).
 */
const Proof = {
  deviceId: Id,
  publicKey: Base64url(400),
  challenge: Base64url(200),
  signature: Base64url(200),
};

export const AuthRequestSchema = v.variant("role", [
  v.strictObject({ role: v.literal("participant"), eventId: EventId, code: Code, ...Proof }),
  v.strictObject({
    role: v.literal("desk"),
    eventId: EventId,
    code: Code,
    deskId: v.pipe(v.string(), v.regex(DESK_PATTERN, "must be a desk id such as K1")),
    ...Proof,
  }),
  v.strictObject({ role: v.literal("organizer"), eventId: EventId, code: Code, ...Proof }),
]);
export type AuthRequest = v.InferOutput<typeof AuthRequestSchema>;
/** What a surface asks for; session.ts adds the device's proof. */
export type SignInRequest = WithoutProof<AuthRequest>;
type WithoutProof<R> = R extends unknown ? Omit<R, "deviceId" | "publicKey" | "challenge" | "signature"> : never;

/** `POST /api/auth/challenge`: a one-use nonce to sign, valid for a short while. */
export interface ChallengeResponse {
  challenge: string;
  /** ISO instant */
  expiresAt: string;
}

export interface AuthResponse {
  token: string;
  role: Exclude<Role, "server">;
  eventId: string;
  deviceId: string;
  deskId?: string;
  /** a participant's own id, fixed by the server: their operations must carry it */
  participantId?: string;
  /** ISO instant */
  expiresAt: string;
}

/** Operations are checked one by one (OperationSchema) so that a bad one never sinks its batch. */
/**
 * The author's proof for an operation carried by another device (relay: a QR
 * handoff, a log bundle): the author's public key (SPKI, base64url; its hash is
 * the author's device id) and its signature over core/op-signature.ts
 * `operationMessage(op)` (P1363, base64url).
 */
export const RelayProofSchema = v.strictObject({
  publicKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{40,200}$/, "must be base64url")),
  signature: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{86}$/, "must be a base64url P-256 signature")),
});
export type RelayProof = v.InferOutput<typeof RelayProofSchema>;

export const PushRequestSchema = v.strictObject({
  ops: v.pipe(
    v.array(v.unknown()),
    v.minLength(1),
    v.maxLength(LIMITS.maxOpsPerPush, `at most ${LIMITS.maxOpsPerPush} operations per push`),
  ),
  /** operation id → its author's proof, for operations this device carries for another */
  proofs: v.optional(v.record(v.pipe(v.string(), v.regex(ID_PATTERN, "must be an id")), RelayProofSchema)),
});

export type PushResult =
  | { id: string; status: "accepted"; seq: number }
  | { id: string; status: "duplicate"; seq: number }
  | { id: string | null; status: "rejected"; reason: string };

export interface PushResponse {
  results: PushResult[];
  /** the server's wall clock (ms): the client merges it into its hybrid clock */
  serverTime: number;
}

export const PullQuerySchema = v.strictObject({
  after: v.pipe(v.string(), v.regex(/^[0-9]{1,15}$/, "must be a sequence number"), v.transform(Number)),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[0-9]{1,5}$/, "must be a number"),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(LIMITS.maxPullPage),
    ),
  ),
});

export interface PulledOp {
  seq: number;
  op: Operation;
}

export interface PullResponse {
  ops: PulledOp[];
  /** pass as `after` next time; sequence numbers are given in commit order */
  cursor: number;
  more: boolean;
  serverTime: number;
}

export const BlockRequestSchema = v.strictObject({ domain: v.picklist(DOMAIN_CODES) });
export interface BlockResponse {
  domain: string;
  /** numbers reserved for this device, inclusive, e.g. 901..920 gives K-901 … K-920 */
  from: number;
  to: number;
}

export interface EventResponse {
  event: LoketEvent;
  serverTime: number;
}

/** Server-Sent Events on API.live: `event: seq` with data `{"seq": n}`. */
export interface LiveMessage {
  seq: number;
}

/**
 * `event: heartbeat` on API.live, every LIVE_HEARTBEAT_MS: proof that the stream
 * still reaches the device. A device that hears nothing for LIVE_SILENCE_MS
 * treats the stream as dead (a stalled 3G link does not close it) and reconnects.
 */
export interface LiveHeartbeat {
  serverTime: number;
}
export const LIVE_HEARTBEAT_MS = 5_000;
export const LIVE_SILENCE_MS = 12_000;

// ---- organizer (issue 5) --------------------------------------------------
// The organizer's requests and answers are in admin-protocol.ts: apart, so that
// a participant's phone does not download their validators.

// ---- errors ---------------------------------------------------------------

export type ErrorCode =
  | "clientTooOld"
  | "serverTooOld"
  | "badRequest"
  | "unauthorized"
  | "forbidden"
  | "notFound"
  | "tooLarge"
  | "rateLimited"
  | "internal";

export interface ErrorResponse {
  error: ErrorCode;
  /** plain words: what is wrong and, where possible, what to do */
  message: string;
  minProtocol?: number;
  protocol?: number;
}

/** Formats a queue number: K + 12 → "K-012". */
export function formatNumber(domain: string, n: number): string {
  return `${domain}-${String(n).padStart(3, "0")}`;
}
