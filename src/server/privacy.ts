import type { LoketEvent } from "../core/event.ts";
import type { Operation, OpOf } from "../core/operation.ts";
import { SERVER_DEVICE_ID, serverOpId } from "./store/numbering.ts";

/**
 * Personal data on the server (UU 27/2022). The rules, which every store
 * follows inside its push transaction (sqlite.ts, postgres.ts):
 *
 * - a `participant.registered` is accepted only with consent to the event's
 *   current notice (`consentRule`, checked by the push route);
 * - accepting a `participant.erased` deletes, in the same transaction, every
 *   stored `participant.registered` of that participant: the profile (name,
 *   position, institution, phone) is gone from the server at commit. The
 *   erasure itself stays, with the region only, so that every device folds the
 *   profile away on its next sync and anonymous per-region counts survive;
 * - the same transaction takes the participant's own words out of the stored
 *   operations of their tickets (question text, rating comment:
 *   core/redaction.ts), and such an operation arriving later is stored cut;
 * - a `participant.registered` for a participant already erased is refused
 *   (`ERASED_REASON`), so a stale device cannot bring the data back;
 * - the organizer's purge (`SyncStore.purgeParticipants`) erases every
 *   participant of the event at once with server-made erasures
 *   (`serverErasure`), keeping tickets, topics and outcomes.
 *
 * The SQLite store runs with `secure_delete` on and truncates its WAL after an
 * erasure, so that deleted profiles are overwritten in the file, not merely
 * unlinked. Not covered: a desk's note or advice that names someone, backups
 * and copies of the data file made before the erasure, and blocks the file
 * system kept.
 */

export const ERASED_REASON = "this participant's personal data was erased: the profile is not kept";

/** The reason to refuse a registration, or null: consent must be to the event's current notice. */
export function consentRule(op: Operation, event: LoketEvent | null): string | null {
  if (op.type !== "participant.registered") return null;
  if (!event) return "the event of this registration no longer exists";
  const given = op.profile.consent.noticeVersion;
  if (given !== event.consentNoticeVersion) {
    return `consent was given to privacy notice version "${given}", but this event's notice is version "${event.consentNoticeVersion}": show the participant the current notice and ask again`;
  }
  return null;
}

/** The server's erasure of one participant, made by the after-event purge. */
export function serverErasure(
  eventId: string,
  participantId: string,
  regionId: string | null,
  hlc: string,
): OpOf<"participant.erased"> {
  return {
    id: serverOpId(),
    eventId,
    hlc,
    actor: { deviceId: SERVER_DEVICE_ID, role: "server" },
    participantId,
    type: "participant.erased",
    ...(regionId ? { regionId } : {}),
  };
}

/**
 * Whether an event may be purged on `today` (YYYY-MM-DD in the event's time
 * zone): from its last day on, so that a slip of the hand mid-event cannot
 * wipe the profiles desks still need.
 */
export function purgeAllowed(event: LoketEvent, today: string): boolean {
  return today >= event.endDate;
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}
