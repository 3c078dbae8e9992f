import { erasureDrafts } from "../../src/app/erasure.ts";
import { deskDomain } from "../../src/core/domain.ts";
import { hlcWall } from "../../src/core/hlc.ts";
import { subjectOf } from "../../src/core/operation.ts";
import { displayNumber } from "../../src/core/ticket-fold.ts";
import { walkIn } from "./actors.ts";
import type { SimDevice } from "./device.ts";
import { checkOwnWrites } from "./own-writes.ts";
import type { Random } from "./random.ts";

/**
 * What every run does at least once, at a fixed step whatever the rolls, so
 * that no seed can miss a path by chance: a phone with a wrong date, two tabs
 * writing at once, a profile saved again, a participant's own erasure, an
 * organizer's erasure racing the participant's offline edit, and a desk's
 * offline walk-in numbered from its reserved block. Each picks what is
 * needed for its path (a phone with a right date, a desk serving someone) and
 * makes it when nothing fits.
 */
const HOUR = 3_600_000;
type Violate = (m: string) => void;

/** What the forced injections did, for the report. */
export interface Injected {
  /** phones whose owners erased their data on the phone */
  selfErasures: number;
  /** erasures an organizer recorded on a participant's behalf */
  organizerErasures: number;
  /** profile edits made offline on a phone while an organizer erased that profile */
  editsRacingErasure: number;
}

/**
 * A phone whose clock, and every stamp it gave its profile, is within hours of
 * the truth: what it saves now is not refused as a day ahead, and is not dragged
 * there by an earlier wrong stamp (core/hlc.ts stampAbove).
 */
function rightDate(d: SimDevice): boolean {
  if (Math.abs(d.skewMs) > 6 * HOUR || d.participantId === null) return false;
  return d.made.every((op) => subjectOf(op) !== d.participantId || hlcWall(op.hlc) <= (d.trueTime.get(op.id) ?? 0) + 6 * HOUR);
}

/** Registered phones, not erased, with a right date, serving nothing (the phone will not erase mid-consultation), outside `spared`. */
async function candidates(devices: readonly SimDevice[], spared: ReadonlySet<SimDevice>): Promise<SimDevice[]> {
  const out: SimDevice[] = [];
  for (const d of devices) {
    if (d.kind !== "participant" || spared.has(d) || !rightDate(d)) continue;
    const me = await d.store.participant(d.participantId ?? "");
    if (!me?.profile || me.erased) continue;
    const mine = await d.store.ticketsOfParticipant(d.participantId ?? "");
    if (mine.some((t) => t.status === "serving")) continue;
    out.push(d);
  }
  return out;
}

/**
 * Once a run: a registered phone's date is set a day ahead by hand and it saves
 * its profile before it hears from the server again. The server must refuse that
 * stamp (beyond its bound), so every run takes the refusal path and the oracle
 * judges a refusal it knows to be right.
 */
export async function wrongDate(devices: readonly SimDevice[], spared: Set<SimDevice>, violate: Violate): Promise<void> {
  const d = (await candidates(devices, spared))[0];
  const profile = d && (await d.store.participant(d.participantId ?? ""))?.profile;
  if (!d?.participantId || !profile) return violate("no registered phone with a right date to set a day ahead");
  spared.add(d);
  d.skewMs += 26 * HOUR;
  d.clockKnown = false;
  const ops = await d.recorder.recordAll([
    {
      type: "participant.registered",
      participantId: d.participantId,
      profile: { ...profile, position: "Jabatan (tanggal ponsel salah)" },
    },
  ]);
  await checkOwnWrites(d, ops, violate);
}

/** Once a run: a participant corrects their profile twice; the last save must stand (the oracle's profile check). */
export async function profileEdit(devices: readonly SimDevice[], spared: Set<SimDevice>, violate: Violate): Promise<void> {
  const d = (await candidates(devices, spared))[0];
  const profile = d && (await d.store.participant(d.participantId ?? ""))?.profile;
  if (!d?.participantId || !profile) return violate("no registered phone to edit its profile");
  // kept from the erasures, so that its saves are judged
  spared.add(d);
  for (const position of ["Jabatan baru", "Jabatan baru (dikoreksi)"]) {
    const ops = await d.recorder.recordAll([
      { type: "participant.registered", participantId: d.participantId, profile: { ...profile, position } },
    ]);
    await checkOwnWrites(d, ops, violate);
  }
}

/**
 * Two tabs of one desk write at the same moment (a note typed in each): under the
 * device's clock lock their stamps differ, and both are held.
 */
export async function twoTabs(d: SimDevice, violate: Violate): Promise<boolean> {
  const deskId = d.deskId ?? "";
  const serving = (await d.store.allTickets()).find((t) => t.holder === deskId && t.status === "serving");
  if (!serving) return false;
  const note = (text: string) => [{ type: "ticket.noteAdded" as const, ticketId: serving.id, deskId, text }];
  const [a, b] = await Promise.all([d.recorder.recordAll(note("tab 1")), d.tab2.recordAll(note("tab 2"))]);
  d.twoTabWrites++;
  if (a[0]?.hlc === b[0]?.hlc) violate(`${d.name}: two tabs stamped ${a[0]?.hlc} twice`);
  await checkOwnWrites(d, [...a, ...b], violate);
  return true;
}

/** Once a run: two tabs write; a desk serving nobody first takes in a walk-in and serves them. */
export async function forcedTwoTabs(devices: readonly SimDevice[], rng: Random, violate: Violate): Promise<void> {
  const desks = devices.filter((d) => d.kind === "desk");
  for (const d of desks) if (await twoTabs(d, violate)) return;
  const d = rng.pick(desks);
  const deskId = d.deskId ?? "";
  const domain = deskDomain(deskId);
  if (!domain) return violate(`${d.name}: not a desk of a domain`);
  const created = (await walkIn(d, domain)).find((x) => x.type === "ticket.created");
  if (created?.type !== "ticket.created") return violate(`${d.name}: no walk-in to serve`);
  const ticketId = created.ticketId;
  const ops = await d.recorder.recordAll([
    created,
    { type: "ticket.called", ticketId, deskId },
    { type: "ticket.started", ticketId, deskId },
  ]);
  await checkOwnWrites(d, ops, violate);
  if (!(await twoTabs(d, violate))) violate(`${d.name}: serves its walk-in ${ticketId}, yet its two tabs found nobody`);
}

/**
 * Once a run: a desk loses its network and takes in a walk-in, numbered from
 * its reserved block (topped up after its good syncs, and once at the start).
 * The number is on its screen at once; the oracle checks it stays the ticket's.
 */
export async function offlineReservedWalkIn(devices: readonly SimDevice[], rng: Random, violate: Violate): Promise<void> {
  const d = rng.pick(devices.filter((x) => x.kind === "desk"));
  const domain = deskDomain(d.deskId ?? "");
  if (!domain) return violate(`${d.name}: not a desk of a domain`);
  d.link.online = false;
  const drafts = await walkIn(d, domain);
  const created = drafts.find((x) => x.type === "ticket.created");
  if (created?.type !== "ticket.created" || !created.reservedNumber)
    return violate(`${d.name}: no reserved number left for an offline walk-in`);
  const ops = await d.recorder.recordAll(drafts);
  await checkOwnWrites(d, ops, violate);
  const t = await d.store.ticket(created.ticketId);
  if (!t || displayNumber(t).text !== created.reservedNumber)
    violate(
      `${d.name}: walk-in ${created.ticketId} shows ${t && displayNumber(t).text}, not its reserved ${created.reservedNumber}`,
    );
}

/** Once a run: a participant erases their data on their phone (app/participant/ParticipantHome.tsx, app/erasure.ts). */
export async function selfErasure(
  devices: readonly SimDevice[],
  spared: ReadonlySet<SimDevice>,
  injected: Injected,
  violate: Violate,
): Promise<void> {
  const d = (await candidates(devices, spared))[0];
  const me = d && (await d.store.participant(d.participantId ?? ""));
  if (!d?.participantId || !me) return violate("no registered phone to erase its data");
  const mine = await d.store.ticketsOfParticipant(d.participantId);
  const ops = await d.recorder.recordAll(erasureDrafts(d.participantId, me.regionId, mine));
  await checkOwnWrites(d, ops, violate);
  injected.selfErasures++;
}

/**
 * Once a run: a participant asks the organizer to erase their data, while their
 * phone, offline, saves a profile edit. The organizer's laptop syncs (on a calm
 * network, so that the erasure is on the server before the phone is back), then
 * erases from its own view (app/admin/AdminWithData.tsx). Whenever the phone's
 * edit arrives, the erasure must win: refused after it, deleted with it before.
 */
export async function organizerErasure(
  devices: readonly SimDevice[],
  spared: ReadonlySet<SimDevice>,
  calm: <T>(fn: () => Promise<T>) => Promise<T>,
  injected: Injected,
  violate: Violate,
): Promise<void> {
  const organizer = devices.find((d) => d.kind === "organizer");
  if (!organizer) return violate("no organizer device");
  organizer.link.online = true;
  await calm(() => organizer.engine.syncNow());
  // a participant the organizer's list shows
  let phone: SimDevice | undefined;
  for (const d of await candidates(devices, spared))
    if ((await organizer.store.participant(d.participantId ?? ""))?.profile) {
      phone = d;
      break;
    }
  const pid = phone?.participantId;
  const profile = pid ? (await phone?.store.participant(pid))?.profile : undefined;
  if (!phone || !pid || !profile) return violate("no registered participant on the organizer's list to erase");
  phone.link.online = false;
  const edit = await phone.recorder.recordAll([
    { type: "participant.registered", participantId: pid, profile: { ...profile, position: "Jabatan (sebelum dihapus)" } },
  ]);
  await checkOwnWrites(phone, edit, violate);
  injected.editsRacingErasure++;
  const regionId = (await organizer.store.participant(pid))?.regionId ?? null;
  const ops = await organizer.recorder.recordAll(erasureDrafts(pid, regionId, await organizer.store.allTickets()));
  await checkOwnWrites(organizer, ops, violate);
  await calm(() => organizer.engine.syncNow());
  if ((await organizer.store.outboxCount()) > 0) violate("the organizer's erasure did not reach the server on a calm network");
  injected.organizerErasures++;
}
