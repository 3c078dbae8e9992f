import type { DomainCode } from "../../core/domain.ts";
import { OPEN_STATUSES } from "../../core/fair-use.ts";
import type { Operation } from "../../core/operation.ts";
import { foldTicket } from "../../core/ticket-fold.ts";
import type { DeviceBinding, DeviceStatus, EventCodes, HeldTicket, PushSubscriptionRecord, TokenRecord } from "./types.ts";

/**
 * The rows both stores read back, and how each becomes the contract's type.
 * The two schemas name these columns alike (migrations.ts and
 * postgres-migrations.ts); only the SQL that reads them differs by dialect.
 * scripts/import-sqlite.ts reads the same rows out of a venue file.
 */

/** a `devices` row */
export interface DeviceRow {
  device_id: string;
  role: string;
  desk_id: string | null;
  last_seen_at: number;
  last_push_at: number | null;
  last_pull_at: number | null;
  pending: number;
  last_error: string | null;
}

export function deviceStatusOf(eventId: string, r: DeviceRow): DeviceStatus {
  return {
    eventId,
    deviceId: r.device_id,
    role: r.role as DeviceStatus["role"],
    deskId: r.desk_id,
    lastSeenAt: r.last_seen_at,
    lastPushAt: r.last_push_at,
    lastPullAt: r.last_pull_at,
    pending: r.pending,
    lastError: r.last_error,
  };
}

/** a `tokens` row without its hash */
export interface TokenRow {
  event_id: string;
  role: string;
  device_id: string;
  desk_id: string | null;
  participant_id: string | null;
  expires_at: number;
}

export function tokenRecordOf(r: TokenRow): TokenRecord {
  return {
    eventId: r.event_id,
    role: r.role as TokenRecord["role"],
    deviceId: r.device_id,
    deskId: r.desk_id,
    participantId: r.participant_id,
    expiresAt: r.expires_at,
  };
}

/** an event's `event_codes` rows as its codes; null when it has none */
export function codesOf(rows: readonly { kind: string; desk_id: string; code: string }[]): EventCodes | null {
  if (rows.length === 0) return null;
  const codes: EventCodes = { participantCode: "", organizerCode: "", deskCodes: {} };
  for (const r of rows) {
    if (r.kind === "participant") codes.participantCode = r.code;
    else if (r.kind === "organizer") codes.organizerCode = r.code;
    else codes.deskCodes[r.desk_id] = r.code;
  }
  return codes;
}

/**
 * The purge's list, from the stored `participant.registered` operations in
 * (hlc, id) order: each participant once, with the stamp and region of their
 * latest profile, for the server's erasure that follows it.
 */
export function latestProfiles(
  rows: Iterable<{ subject: string; json: string }>,
): Map<string, { hlc: string; regionId: string | null }> {
  const last = new Map<string, { hlc: string; regionId: string | null }>();
  for (const r of rows) {
    const op = JSON.parse(r.json) as Extract<Operation, { type: "participant.registered" }>;
    last.set(r.subject, { hlc: op.hlc, regionId: op.profile.regionId ?? null });
  }
  return last;
}

/** why a pushed operation of another event than the device's token is rejected */
export const otherEventReason = (op: Operation): string => `operation is for event "${op.eventId}", not this device's event`;

/** a `device_bindings` row */
export interface BindingRow {
  role: string;
  desk_id: string | null;
  public_key: string;
}

export function bindingOf(r: BindingRow): DeviceBinding {
  return { role: r.role as DeviceBinding["role"], deskId: r.desk_id, publicKey: r.public_key };
}

export interface PushSubRow {
  event_id: string;
  endpoint: string;
  participant_id: string;
  p256dh: string;
  auth: string;
  lang: string;
  created_at: number;
}

export function pushSubOf(r: PushSubRow): PushSubscriptionRecord {
  return {
    eventId: r.event_id,
    participantId: r.participant_id,
    endpoint: r.endpoint,
    p256dh: r.p256dh,
    auth: r.auth,
    lang: r.lang === "en" ? "en" : "id",
    createdAt: r.created_at,
  };
}

/** a participant's ticket row for the fair-use rule: `finished` when it has a cancellation or a close */
export interface HeldRow {
  ticket_id: string;
  domain: string;
  finished: number | boolean;
}

/**
 * Whether the ticket holds its domain (core/fair-use.ts): a finished row
 * does not; the others by their fold (`history`, read only for them), in
 * the domain they are in now. A cancellation set aside by the fold (the
 * consultation had begun) still frees the domain here: lenient, and only
 * while a desk serves that ticket.
 */
export function heldTicketOf(row: HeldRow, history: readonly Operation[] | null): HeldTicket {
  const state = history ? foldTicket(history) : null;
  return {
    ticketId: row.ticket_id,
    domain: (state?.domain ?? row.domain) as DomainCode,
    open: !row.finished && (state ? OPEN_STATUSES.has(state.status) : true),
  };
}
