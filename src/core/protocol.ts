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
export const PROTOCOL_VERSION = 1;
/** the oldest client protocol this server still accepts */
export const MIN_CLIENT_PROTOCOL = 1;
export const PROTOCOL_HEADER = "x-loket-protocol";

export const API = {
  health: "/api/health",
  auth: "/api/auth",
  event: "/api/event",
  push: "/api/push",
  pull: "/api/pull",
  live: "/api/live",
  blocks: "/api/blocks",
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

export const AuthRequestSchema = v.variant("role", [
  v.strictObject({
    role: v.literal("participant"),
    eventId: EventId,
    code: v.pipe(v.string(), v.minLength(4), v.maxLength(64)),
    deviceId: Id,
  }),
  v.strictObject({
    role: v.literal("desk"),
    eventId: EventId,
    code: v.pipe(v.string(), v.minLength(4), v.maxLength(64)),
    deviceId: Id,
    deskId: v.pipe(v.string(), v.regex(DESK_PATTERN, "must be a desk id such as K1")),
  }),
  v.strictObject({
    role: v.literal("organizer"),
    eventId: EventId,
    code: v.pipe(v.string(), v.minLength(4), v.maxLength(64)),
    deviceId: Id,
  }),
]);
export type AuthRequest = v.InferOutput<typeof AuthRequestSchema>;

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
export const PushRequestSchema = v.strictObject({
  ops: v.pipe(
    v.array(v.unknown()),
    v.minLength(1),
    v.maxLength(LIMITS.maxOpsPerPush, `at most ${LIMITS.maxOpsPerPush} operations per push`),
  ),
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
