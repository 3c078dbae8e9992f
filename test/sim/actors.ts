import { walkInDrafts } from "../../src/app/desk/drafts.ts";
import { busyDomains } from "../../src/app/participant/take-ticket.ts";
import { type DomainCode, deskDomain } from "../../src/core/domain.ts";
import { newId } from "../../src/core/ids.ts";
import type { Outcome } from "../../src/core/operation.ts";
import { formatNumber } from "../../src/core/protocol.ts";
import { demoRegions } from "../../src/server/seed.ts";
import type { OperationDraft } from "../../src/sync/recorder.ts";
import type { SimDevice } from "./device.ts";
import type { Random } from "./random.ts";

/**
 * What people do, decided from what their own device shows (which may be
 * stale: that is how two desks come to call the same ticket).
 */
const DOMAINS: readonly DomainCode[] = ["K", "K", "K", "S", "S", "P", "P", "A"];
const REGIONS = demoRegions().map((r) => r.id);

export async function participantAction(d: SimDevice, rng: Random): Promise<OperationDraft[]> {
  const me = d.participantId;
  if (!me) return [];
  const registered = await d.store.participant(me);
  if (!registered) {
    return [
      {
        type: "participant.registered",
        participantId: me,
        profile: {
          name: `Peserta ${d.name}`,
          position: "Kabag Organisasi",
          institution: "Sekretariat Daerah",
          regionId: rng.pick(REGIONS),
          consent: { given: true, noticeVersion: "2026-1", purpose: "Klinik konsultasi", at: "2026-01-15T02:00:00.000Z" },
        },
      },
    ];
  }
  // erased (by themselves or an organizer): the phone shows only that (ErasedScreen)
  if (registered.erased) return [];
  const mine = await d.store.ticketsOfParticipant(me);
  const open = mine.filter((t) => t.status === "waiting" || t.status === "called");
  const done = mine.filter((t) => t.status === "done");
  const roll = rng.next();
  // One open ticket (waiting, called or being served) per domain, the server's
  // fair-use rule, and never priority (a desk gives that): what the phone's own
  // screen allows (participant/take-ticket.ts busyDomains).
  const busy = busyDomains(mine);
  const free = DOMAINS.filter((x) => !busy.has(x));
  if (((roll < 0.45 && mine.length < 4) || mine.length === 0) && free.length > 0) {
    return [
      {
        type: "ticket.created",
        ticketId: newId(),
        domain: rng.pick(free),
        participantId: me,
        question: { topic: `Topik ${rng.int(1, 9)}`, text: `Pertanyaan dari ${d.name}` },
        priority: false,
      },
    ];
  }
  const target = open.length > 0 ? rng.pick(open) : null;
  if (roll < 0.6 && target) {
    return [
      { type: "ticket.questionEdited", ticketId: target.id, question: { topic: "Topik ubah", text: `Edit ${rng.int(1, 99)}` } },
    ];
  }
  if (roll < 0.72 && target) return [{ type: "ticket.cancelled", ticketId: target.id }];
  if (roll < 0.76 && registered.profile) {
    // The participant corrects their profile (a new position): the latest saved one must stand.
    return [
      {
        type: "participant.registered",
        participantId: me,
        profile: { ...registered.profile, position: `Jabatan ${rng.int(1, 999)}` },
      },
    ];
  }
  if (roll < 0.9 && done.length > 0) {
    const t = rng.pick(done);
    return [{ type: "ticket.rated", ticketId: t.id, scores: { "1": rng.int(1, 4), "6": rng.int(1, 4), "7": rng.int(1, 4) } }];
  }
  return [];
}

function outcome(rng: Random): Outcome {
  const topic = `Topik ${rng.int(1, 9)}`;
  switch (rng.int(0, 2)) {
    case 0:
      return { kind: "answered", topic, advice: "Sudah dijelaskan" };
    case 1:
      return {
        kind: "followUp",
        topic,
        advice: "Perlu tindak lanjut",
        what: "Kirim dokumen",
        who: "Biro Organisasi",
        due: "2026-02-01",
      };
    default:
      return { kind: "referred", topic, advice: "Dirujuk", to: "Deputi SDM" };
  }
}

export async function deskAction(d: SimDevice, rng: Random): Promise<OperationDraft[]> {
  const deskId = d.deskId;
  const domain = deskId ? deskDomain(deskId) : null;
  if (!deskId || !domain) return [];
  const all = await d.store.allTickets();
  const held = all.filter((t) => t.holder === deskId && (t.status === "called" || t.status === "serving") && t.domain === domain);
  const current = held[0];
  if (current?.status === "called") {
    const roll = rng.next();
    if (roll < 0.65) return [{ type: "ticket.started", ticketId: current.id, deskId }];
    if (roll < 0.75) return [{ type: "ticket.recalled", ticketId: current.id, deskId }];
    if (roll < 0.9) return [{ type: "ticket.skipped", ticketId: current.id, deskId, requeue: rng.chance(0.5) }];
    return [{ type: "ticket.transferred", ticketId: current.id, deskId, toDomain: rng.pick(["K", "S", "P", "A"] as const) }];
  }
  if (current?.status === "serving") {
    const roll = rng.next();
    if (roll < 0.4) return [{ type: "ticket.noteAdded", ticketId: current.id, deskId, text: `Catatan ${rng.int(1, 999)}` }];
    if (roll < 0.92) return [{ type: "ticket.closed", ticketId: current.id, deskId, outcome: outcome(rng) }];
    return [{ type: "ticket.transferred", ticketId: current.id, deskId, toDomain: rng.pick(["K", "S", "P"] as const) }];
  }
  // A walk-in without a phone: the desk takes the ticket for them.
  if (rng.chance(0.06)) return walkIn(d, domain);
  const line = await d.store.waitingLine(domain);
  // Usually the head of the line; sometimes a later one (the participant at the head is not there).
  const next = rng.chance(0.8) ? line[0] : line[rng.int(0, Math.max(0, line.length - 1))];
  if (next) return [{ type: "ticket.called", ticketId: next.id, deskId }];
  return [];
}

/**
 * A walk-in recorded at a desk, numbered from the desk's reserved block when it
 * holds one (app/desk/WalkInForm.tsx): the number is shown at once, online or
 * offline, and must be the ticket's number for good.
 */
export async function walkIn(d: SimDevice, domain: DomainCode): Promise<OperationDraft[]> {
  const reserved = await d.store.takeReservedNumber(domain);
  return walkInDrafts({
    ticketId: newId(),
    participantId: null,
    domain,
    profile: null,
    question: { topic: "Walk-in", text: "Pertanyaan langsung di meja" },
    priority: false,
    reservedNumber: reserved === null ? null : formatNumber(domain, reserved),
  });
}
