import { DOMAIN_CODES, type DomainCode } from "./domain.ts";
import type { LoketEvent, Region } from "./event.ts";
import { hlcWall } from "./hlc.ts";
import type { Operation } from "./operation.ts";
import type { ParticipantState } from "./participant-fold.ts";
import { type SkmResult, skmIndex } from "./skm.ts";
import { type Bin, histogram, type Summary, summarize } from "./stats.ts";
import { type Conflict, displayNumber, type TicketState } from "./ticket-fold.ts";

/**
 * The after-event report and the organizer's live figures, computed from what
 * the device holds: pure, so the same figures come out on any organizer device
 * and in the tests against hand-computed fixtures.
 *
 * Minutes: waiting is arrival (creation stamp, kept through a transfer or the
 * latest return to the line) to the call that stands; service is start to close.
 */
export interface DomainFigures {
  readonly domain: DomainCode;
  readonly tickets: number;
  readonly waiting: number;
  /** called or in consultation */
  readonly inService: number;
  readonly served: number;
  readonly noShow: number;
  readonly cancelled: number;
  /** tickets that came into this domain by a transfer */
  readonly transferredIn: number;
  readonly wait: Summary;
  readonly service: Summary;
}

export function waitMinutes(t: TicketState): number | null {
  if (!t.calledAt) return null;
  return Math.max(0, (hlcWall(t.calledAt) - hlcWall(t.requeuedAt ?? t.arrivedAt)) / 60000);
}

export function serviceMinutesOf(t: TicketState): number | null {
  if (t.status !== "done" || !t.startedAt || !t.closedAt) return null;
  return Math.max(0, (hlcWall(t.closedAt) - hlcWall(t.startedAt)) / 60000);
}

const known = (tickets: readonly TicketState[]) => tickets.filter((t) => t.known);
const nums = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null);

export function domainFigures(tickets: readonly TicketState[], domain: DomainCode): DomainFigures {
  const mine = known(tickets).filter((t) => t.domain === domain);
  const count = (...s: TicketState["status"][]) => mine.filter((t) => s.includes(t.status)).length;
  return {
    domain,
    tickets: mine.length,
    waiting: count("waiting"),
    inService: count("called", "serving"),
    served: count("done"),
    noShow: count("noShow"),
    cancelled: count("cancelled"),
    transferredIn: mine.filter((t) => t.originalDomain !== t.domain).length,
    wait: summarize(nums(mine.map(waitMinutes))),
    service: summarize(nums(mine.map(serviceMinutesOf))),
  };
}

export interface RegionFigures {
  readonly region: Region;
  readonly participants: number;
  readonly tickets: number;
}

export interface ProvinceFigures {
  readonly provinceCode: string;
  readonly provinceName: string;
  readonly regions: readonly RegionFigures[];
  readonly came: number;
  readonly participants: number;
  readonly tickets: number;
}

export interface FollowUp {
  readonly ticketId: string;
  readonly number: string;
  readonly domain: DomainCode;
  readonly deskId: string | null;
  readonly topic: string;
  readonly what: string;
  readonly who: string;
  readonly due: string;
  readonly participantName: string | null;
  readonly regionName: string | null;
}

export interface TopicCount {
  readonly topic: string;
  readonly count: number;
}

export interface Report {
  readonly totals: {
    readonly tickets: number;
    readonly participants: number;
    /** registered participants with at least one ticket */
    readonly participantsServed: number;
    readonly served: number;
    readonly noShow: number;
    readonly cancelled: number;
    readonly waiting: number;
    readonly inService: number;
    readonly transferred: number;
    readonly wait: Summary;
    readonly service: Summary;
  };
  readonly domains: readonly DomainFigures[];
  readonly provinces: readonly ProvinceFigures[];
  /** participants whose region is unknown or not in the event's list */
  readonly unknownRegion: number;
  readonly regionsCame: number;
  readonly regionsTotal: number;
  readonly topics: readonly TopicCount[];
  readonly followUps: readonly FollowUp[];
  readonly waitBins: readonly Bin[];
  readonly serviceBins: readonly Bin[];
  readonly skm: { readonly overall: SkmResult; readonly domains: readonly { domain: DomainCode; result: SkmResult }[] };
}

export function buildReport(
  event: LoketEvent,
  tickets: readonly TicketState[],
  participants: readonly ParticipantState[],
): Report {
  const all = known(tickets);
  const eventDomains = DOMAIN_CODES.filter((d) => event.domains.some((x) => x.code === d));
  const people = new Map(participants.map((p) => [p.id, p]));
  const regionById = new Map(event.regions.map((r) => [r.id, r]));

  const regionCounts = new Map<string, { participants: number; tickets: number }>();
  let unknownRegion = 0;
  for (const p of participants) {
    // regionId survives erasure and the after-event purge: anonymous counts stay
    const rid = p.regionId;
    if (!rid || !regionById.has(rid)) {
      unknownRegion++;
      continue;
    }
    const c = regionCounts.get(rid) ?? { participants: 0, tickets: 0 };
    c.participants++;
    regionCounts.set(rid, c);
  }
  for (const t of all) {
    const rid = t.participantId ? (people.get(t.participantId)?.regionId ?? undefined) : undefined;
    const c = rid ? regionCounts.get(rid) : undefined;
    if (c) c.tickets++;
  }

  const provinces = new Map<string, { provinceName: string; regions: RegionFigures[] }>();
  for (const region of event.regions) {
    const c = regionCounts.get(region.id) ?? { participants: 0, tickets: 0 };
    const p = provinces.get(region.provinceCode) ?? { provinceName: region.provinceName, regions: [] };
    p.regions.push({ region, ...c });
    provinces.set(region.provinceCode, p);
  }
  const provinceList: ProvinceFigures[] = [...provinces.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([provinceCode, p]) => ({
      provinceCode,
      provinceName: p.provinceName,
      regions: p.regions,
      came: p.regions.filter((r) => r.participants > 0).length,
      participants: p.regions.reduce((s, r) => s + r.participants, 0),
      tickets: p.regions.reduce((s, r) => s + r.tickets, 0),
    }));

  const waits = nums(all.map(waitMinutes));
  const services = nums(all.map(serviceMinutesOf));
  const withTickets = new Set(all.flatMap((t) => (t.participantId && people.has(t.participantId) ? [t.participantId] : [])));
  const ratingsOf = (ts: readonly TicketState[]) => ts.flatMap((t) => (t.rating ? [t.rating.scores] : []));

  return {
    totals: {
      tickets: all.length,
      // an erased participant still came: counted, without their profile
      participants: participants.length,
      participantsServed: withTickets.size,
      served: all.filter((t) => t.status === "done").length,
      noShow: all.filter((t) => t.status === "noShow").length,
      cancelled: all.filter((t) => t.status === "cancelled").length,
      waiting: all.filter((t) => t.status === "waiting").length,
      inService: all.filter((t) => t.status === "called" || t.status === "serving").length,
      transferred: all.filter((t) => t.originalDomain !== t.domain).length,
      wait: summarize(waits),
      service: summarize(services),
    },
    domains: eventDomains.map((d) => domainFigures(all, d)),
    provinces: provinceList,
    unknownRegion,
    regionsCame: provinceList.reduce((s, p) => s + p.came, 0),
    regionsTotal: event.regions.length,
    topics: topicCounts(all),
    followUps: followUps(all, people, regionById),
    waitBins: histogram(waits),
    serviceBins: histogram(services),
    skm: {
      overall: skmIndex(ratingsOf(all), event.skmElements),
      domains: eventDomains.map((domain) => ({
        domain,
        result: skmIndex(ratingsOf(all.filter((t) => t.domain === domain)), event.skmElements),
      })),
    },
  };
}

/** Topics as the desk recorded them (else as the participant asked), counted case-insensitively. */
export function topicCounts(tickets: readonly TicketState[]): TopicCount[] {
  const counts = new Map<string, { topic: string; count: number }>();
  for (const t of tickets) {
    if (t.status === "cancelled") continue;
    const topic = (t.outcome?.topic ?? t.question?.topic ?? "").trim();
    if (!topic) continue;
    const key = topic.toLocaleLowerCase("id");
    const c = counts.get(key) ?? { topic, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic, "id"));
}

/**
 * A regency or city with its type, as every table of the report names it: names
 * repeat across types (Kab. Kupang and Kota Kupang, Kab. Bima and Kota Bima).
 */
export function regionLabel(region: Pick<Region, "type" | "name">): string {
  return `${region.type === "kota" ? "Kota" : "Kab."} ${region.name}`;
}

function regionLabelOf(region: Region | undefined): string | null {
  return region ? regionLabel(region) : null;
}

function followUps(
  tickets: readonly TicketState[],
  people: ReadonlyMap<string, ParticipantState>,
  regions: ReadonlyMap<string, Region>,
): FollowUp[] {
  const out: FollowUp[] = [];
  for (const t of tickets) {
    if (t.status !== "done" || t.outcome?.kind !== "followUp") continue;
    const profile = t.participantId ? (people.get(t.participantId)?.profile ?? null) : null;
    out.push({
      ticketId: t.id,
      number: displayNumber(t).text,
      domain: t.domain,
      deskId: t.holder,
      topic: t.outcome.topic,
      what: t.outcome.what,
      who: t.outcome.who,
      due: t.outcome.due,
      participantName: profile?.name ?? null,
      regionName: profile ? regionLabelOf(regions.get(profile.regionId)) : null,
    });
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.number < b.number ? -1 : 1));
}

// ---- live overview --------------------------------------------------------

export interface DeskFigures {
  readonly deskId: string;
  readonly domain: DomainCode;
  /** the ticket called or in consultation at this desk (the latest call) */
  readonly current: TicketState | null;
  readonly served: number;
  /** minutes since the desk last closed a consultation, while it holds none; null if it never served */
  readonly idleMinutes: number | null;
}

export function deskFigures(event: LoketEvent, tickets: readonly TicketState[], now: number): DeskFigures[] {
  const out: DeskFigures[] = [];
  for (const d of event.domains) {
    for (let table = 1; table <= d.desks; table++) {
      const deskId = `${d.code}${table}`;
      const held = tickets.filter((t) => t.holder === deskId);
      const current =
        held
          .filter((t) => t.status === "called" || t.status === "serving")
          .sort((a, b) => ((a.lastCalledAt ?? "") < (b.lastCalledAt ?? "") ? 1 : -1))[0] ?? null;
      const done = held.filter((t) => t.status === "done");
      const lastClose = done.reduce<string | null>((m, t) => (t.closedAt && (!m || t.closedAt > m) ? t.closedAt : m), null);
      out.push({
        deskId,
        domain: d.code,
        current,
        served: done.length,
        idleMinutes: current || !lastClose ? null : Math.max(0, (now - hlcWall(lastClose)) / 60000),
      });
    }
  }
  return out;
}

export interface ConflictEntry {
  readonly ticketId: string;
  readonly number: string;
  readonly domain: DomainCode;
  readonly conflict: Conflict;
}

/** Every conflict the merge rules settled, oldest first, for the organizer's review. */
export function allConflicts(tickets: readonly TicketState[]): ConflictEntry[] {
  return tickets
    .flatMap((t) =>
      t.conflicts.map((conflict) => ({ ticketId: t.id, number: displayNumber(t).text, domain: t.domain, conflict })),
    )
    .sort((a, b) => (a.conflict.hlc < b.conflict.hlc ? -1 : a.conflict.hlc > b.conflict.hlc ? 1 : 0));
}

export interface DeviceActivity {
  readonly deviceId: string;
  readonly role: Operation["actor"]["role"];
  readonly deskId: string | null;
  readonly operations: number;
  /** wall time (ms) of the device's latest operation this device holds */
  readonly lastOpAt: number;
}

/**
 * What this device has seen of each other device: how complete the report's
 * data is. A desk whose latest operation here is old has probably not synced.
 */
export function deviceActivity(ops: readonly Operation[]): DeviceActivity[] {
  const m = new Map<string, { role: Operation["actor"]["role"]; deskId: string | null; operations: number; last: string }>();
  for (const op of ops) {
    const a = op.actor;
    const e = m.get(a.deviceId) ?? { role: a.role, deskId: a.deskId ?? null, operations: 0, last: op.hlc };
    e.operations++;
    if (op.hlc > e.last) e.last = op.hlc;
    m.set(a.deviceId, e);
  }
  return [...m.entries()]
    .filter(([, e]) => e.role === "desk" || e.role === "organizer")
    .map(([deviceId, e]) => ({ deviceId, role: e.role, deskId: e.deskId, operations: e.operations, lastOpAt: hlcWall(e.last) }))
    .sort((a, b) => (a.deskId ?? "~").localeCompare(b.deskId ?? "~") || a.lastOpAt - b.lastOpAt);
}
