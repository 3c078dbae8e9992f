import { decodeTicketQr, encodeTicketQr } from "../../src/app/participant/ticket-qr.ts";
import { checkBundle, makeBundle, serializeBundle } from "../../src/core/bundle.ts";
import type { OperationDraft } from "../../src/sync/recorder.ts";
import { participantAction } from "./actors.ts";
import type { SimDevice } from "./device.ts";
import { checkOwnWrites } from "./own-writes.ts";
import type { Random } from "./random.ts";

/**
 * Handoffs without any network: a ticket shown as a QR code, a desk's log
 * carried as a bundle file. Each is forced: when no phone has a ticket waiting
 * to show, one takes a number first, so every call hands one over.
 */

/**
 * A phone shows its waiting ticket's QR code to a desk, which takes it in
 * (app/participant/TicketQr.tsx, app/desk/QrScan.tsx): the ticket's operations
 * and the profile, with the phone's signatures. Returns whether one was handed.
 */
export async function qrHandoff(devices: readonly SimDevice[], rng: Random, violate: (m: string) => void): Promise<boolean> {
  const desks = devices.filter((d) => d.kind === "desk");
  const phones = devices.filter((d) => d.kind === "participant");
  const withWaiting: { phone: SimDevice; ticketId: string }[] = [];
  for (const phone of phones) {
    const me = phone.participantId;
    if (!me || (await phone.store.participant(me))?.erased) continue;
    for (const t of await phone.store.ticketsOfParticipant(me))
      if (t.status === "waiting") withWaiting.push({ phone, ticketId: t.id });
  }
  const chosen = withWaiting.length > 0 ? rng.pick(withWaiting) : await takeANumber(phones, rng, violate);
  if (!chosen || desks.length === 0) return false;
  const { phone, ticketId } = chosen;
  const me = phone.participantId ?? "";
  const ticketOps = await phone.store.operationsOf(ticketId);
  const profile = [...(await phone.store.operationsOf(me))].reverse().find((op) => op.type === "participant.registered");
  const all = profile ? [...ticketOps, profile] : ticketOps;
  const text = encodeTicketQr(phone.eventId, ticketOps, profile, await phone.store.proofsOf(all.map((op) => op.id)));
  const scanned = text ? decodeTicketQr(text) : null;
  if (!scanned?.ok) {
    violate(`${phone.name}: the QR code of ticket ${ticketId} does not scan`);
    return false;
  }
  await rng.pick(desks).store.importOps(scanned.ops, scanned.proofs);
  return true;
}

/** No phone has a ticket waiting: a phone that is not erased takes one (what its screen offers). */
async function takeANumber(
  phones: readonly SimDevice[],
  rng: Random,
  violate: (m: string) => void,
): Promise<{ phone: SimDevice; ticketId: string } | null> {
  // a phone whose date is right: one a day ahead would have its ticket refused
  for (const phone of phones.filter((p) => Math.abs(p.skewMs) <= 6 * 3_600_000)) {
    // twice: a phone not yet registered registers first; what else its owner might do is not done here
    for (let i = 0; i < 2; i++) {
      const registered = (await phone.store.participant(phone.participantId ?? "")) !== undefined;
      const wanted = registered ? "ticket.created" : "participant.registered";
      let drafts: OperationDraft[] = [];
      for (let tries = 0; tries < 20 && !drafts.some((x) => x.type === wanted); tries++)
        drafts = await participantAction(phone, rng);
      if (!drafts.some((x) => x.type === wanted)) break;
      const ops = await phone.recorder.recordAll(drafts);
      await checkOwnWrites(phone, ops, violate);
      const created = ops.find((op) => op.type === "ticket.created");
      if (created?.type === "ticket.created") return { phone, ticketId: created.ticketId };
    }
  }
  violate("no phone could take a number to show as a QR code");
  return null;
}

/**
 * A desk's log, exported as a bundle file, is imported by another desk's laptop
 * or by the organizer's (app/desk/CloseDesk.tsx, app/admin/BundleImport.tsx).
 */
export async function bundleHandoff(
  from: SimDevice,
  to: SimDevice,
  eventId: string,
  time: number,
  violate: (m: string) => void,
): Promise<boolean> {
  const ops = await from.store.allOperations();
  const file = serializeBundle(
    makeBundle({
      eventId,
      deviceId: from.deviceId,
      createdAt: new Date(time).toISOString(),
      ops,
      proofs: await from.store.proofsOf(ops.map((op) => op.id)),
    }),
  );
  const checked = checkBundle(file, eventId);
  if (!checked.ok) {
    violate(`${from.name}: its own bundle is refused (${checked.error.code})`);
    return false;
  }
  await to.store.importOps(checked.bundle.ops, checked.bundle.proofs);
  return true;
}
