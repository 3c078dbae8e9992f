import * as v from "valibot";
import { DESK_PATTERN } from "./domain.ts";
import { EventSchema, type LoketEvent } from "./event.ts";
import type { Role } from "./operation.ts";

/**
 * The organizer's part of the wire protocol (issue 5): events and their codes,
 * device sync status and the after-event purge, under API.admin* (protocol.ts,
 * which holds the paths, the version and the device-status headers). Kept in
 * its own file so that participants' phones, which import protocol.ts, do not
 * download these validators; the protocol version is the same.
 */
const EventId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{3,60}$/, "must be an event id"));

/** The codes of an event: the organizer hands them out on paper. */
export interface EventCodesView {
  participantCode: string;
  organizerCode: string;
  deskCodes: Record<string, string>;
}

/**
 * A new event: EventSchema where the server fills what is left out: the four
 * PANRB domains with two desks each, no regions, SKM elements 1–9 but 4 (a free
 * clinic), privacy notice version "1".
 */
export const EventDraftSchema = v.strictObject({
  ...EventSchema.entries,
  domains: v.optional(EventSchema.entries.domains),
  regions: v.optional(EventSchema.entries.regions),
  skmElements: v.optional(EventSchema.entries.skmElements),
  consentNoticeVersion: v.optional(EventSchema.entries.consentNoticeVersion),
});
export type EventDraft = v.InferOutput<typeof EventDraftSchema>;

/** An edit of the organizer's own event: the fields given replace the stored ones; the id never changes. */
export const EventPatchSchema = v.strictObject({
  name: v.optional(EventSchema.entries.name),
  venue: v.optional(EventSchema.entries.venue),
  startDate: v.optional(EventSchema.entries.startDate),
  endDate: v.optional(EventSchema.entries.endDate),
  timeZone: v.optional(EventSchema.entries.timeZone),
  unit: EventSchema.entries.unit,
  domains: v.optional(EventSchema.entries.domains),
  regions: v.optional(EventSchema.entries.regions),
  skmElements: v.optional(EventSchema.entries.skmElements),
  consentNoticeVersion: v.optional(EventSchema.entries.consentNoticeVersion),
});
export type EventPatch = v.InferOutput<typeof EventPatchSchema>;

export const RotateRequestSchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("participant") }),
  v.strictObject({ kind: v.literal("organizer") }),
  v.strictObject({
    kind: v.literal("desk"),
    deskId: v.pipe(v.string(), v.regex(DESK_PATTERN, "must be a desk id such as K1")),
  }),
]);
export type RotateRequest = v.InferOutput<typeof RotateRequestSchema>;

export interface EventsResponse {
  events: LoketEvent[];
}
export interface AdminEventResponse {
  event: LoketEvent;
  codes: EventCodesView;
}
export interface CodesResponse {
  codes: EventCodesView;
}

export interface DeviceStatusView {
  deviceId: string;
  role: Exclude<Role, "server">;
  deskId: string | null;
  /** ms since the epoch */
  lastSeenAt: number;
  lastPushAt: number | null;
  lastPullAt: number | null;
  pending: number;
  lastError: string | null;
}
export interface DevicesResponse {
  devices: DeviceStatusView[];
  serverTime: number;
}

/** The purge is confirmed by typing the event's id: it cannot be undone. */
export const PurgeRequestSchema = v.strictObject({ confirm: EventId });
export interface PurgeResponse {
  erased: number;
  serverTime: number;
}
