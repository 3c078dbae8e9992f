import type { Region } from "../../core/event.ts";
import type { Profile } from "../../core/participant.ts";
import type { ParticipantState } from "../../core/participant-fold.ts";
import { regionLabel } from "../../core/report.ts";
import { displayNumber, type TicketState, type TicketStatus } from "../../core/ticket-fold.ts";

export interface ParticipantRow {
  readonly id: string;
  readonly profile: Profile;
  /** "Kabupaten Badung, Bali", or the region id when the event no longer lists it */
  readonly region: string;
  readonly tickets: readonly { id: string; number: string; status: TicketStatus }[];
}

export interface ParticipantList {
  /** those matching the search, by name */
  readonly rows: readonly ParticipantRow[];
  /** participants with a profile on this device, matching or not */
  readonly total: number;
  /** participants whose data has been erased */
  readonly erased: number;
}

/**
 * The organizer's list of participants, to act on a request to delete one's
 * data. The search looks in the name, position, institution, region and the
 * ticket numbers (a participant may remember only "K-012"), ignoring case.
 */
export function participantList(
  participants: readonly ParticipantState[],
  tickets: readonly TicketState[],
  regions: readonly Region[],
  search: string,
): ParticipantList {
  const regionName = new Map(regions.map((r) => [r.id, `${regionLabel(r)}, ${r.provinceName}`]));
  const ticketsOf = new Map<string, ParticipantRow["tickets"][number][]>();
  for (const t of tickets) {
    if (!t.participantId || !t.known) continue;
    const list = ticketsOf.get(t.participantId) ?? [];
    list.push({ id: t.id, number: displayNumber(t).text, status: t.status });
    ticketsOf.set(t.participantId, list);
  }
  const all: ParticipantRow[] = [];
  let erased = 0;
  for (const p of participants) {
    if (p.erased) erased++;
    if (!p.profile) continue;
    const own = (ticketsOf.get(p.id) ?? []).sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
    all.push({ id: p.id, profile: p.profile, region: regionName.get(p.profile.regionId) ?? p.profile.regionId, tickets: own });
  }
  const words = search.toLocaleLowerCase("id").split(/\s+/).filter(Boolean);
  const rows = all
    .filter((r) => {
      if (words.length === 0) return true;
      const { name, position, institution } = r.profile;
      const text = [name, position, institution, r.region, ...r.tickets.map((t) => t.number)].join(" ").toLocaleLowerCase("id");
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.profile.name.localeCompare(b.profile.name, "id"));
  return { rows, total: all.length, erased };
}
