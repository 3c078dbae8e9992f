import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeTicketQr, encodeTicketQr } from "../../src/app/participant/ticket-qr.ts";
import { checkBundle, makeBundle, serializeBundle } from "../../src/core/bundle.ts";
import { toBase64url } from "../../src/core/device-identity.ts";
import { newId } from "../../src/core/ids.ts";
import { operationMessage } from "../../src/core/op-signature.ts";
import type { Operation, OpOf } from "../../src/core/operation.ts";
import { foldTicket } from "../../src/core/ticket-fold.ts";
import type { LocalStore, RejectedOp } from "../../src/storage/contract.ts";
import { createMemoryStore } from "../../src/storage/memory-store.ts";
import type { SyncEngine } from "../../src/sync/engine.ts";
import { createRecorder, type Recorder } from "../../src/sync/recorder.ts";
import { ops as build, clientFor, type Device, stamp } from "./client.ts";
import { engineDevice } from "./engine-device.ts";
import { EVENT, type ServerProcess, startServer } from "./server-process.ts";

/**
 * Relay with the app's own parts on the real server (issue 11): the recorder
 * signs, the QR code and the log bundle carry the signatures, the engine
 * pushes them. The participant's phone signs in once (the morning, online),
 * then never reaches the server again: its ticket and profile get there only
 * through a desk (QR) or through the organizer (a desk's bundle), and a desk
 * cannot slip a forged cancel or rating in among them.
 */
let server: ServerProcess;
const client = () => clientFor(server.base);

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

interface AppDevice {
  device: Device;
  store: LocalStore;
  recorder: Recorder;
  /** the sync engine; never used for the phone, which stays offline for good */
  engine: SyncEngine;
}

/** A device as the app builds it (app/connection.ts): its recorder signs with the session's key. */
function appDevice(device: Device): AppDevice {
  const store = createMemoryStore();
  const recorder = createRecorder(store, { eventId: EVENT, actor: device.actor, key: device.key });
  const { engine } = engineDevice(server.base, device, { recorder, deviceId: async () => device.auth.deviceId }, store);
  return { device, store, recorder, engine };
}

/** The phone, offline: registers and takes a ticket; returns its QR payload as TicketQr draws it. */
async function phoneTakesTicket(phone: AppDevice): Promise<{ qr: string; created: Operation; profile: Operation }> {
  const participantId = phone.device.actor.participantId ?? "";
  const { id: _i, eventId: _e, hlc: _h, actor: _a, ...draft } = build.registered(phone.device);
  const profile = await phone.recorder.record(draft);
  const created = await phone.recorder.record({
    type: "ticket.created",
    ticketId: newId(),
    domain: "K",
    participantId,
    question: { topic: "SAKIP", text: "Bagaimana menyusun indikator kinerja utama?" },
    priority: false,
  });
  if (created.type !== "ticket.created") throw new Error("a ticket");
  const ticketOps = await phone.store.operationsOf(created.ticketId);
  const proofs = await phone.store.proofsOf([...ticketOps, profile].map((o) => o.id));
  const qr = encodeTicketQr(EVENT, ticketOps, profile, proofs);
  if (!qr) throw new Error("the ticket's code does not fit");
  return { qr, created, profile };
}

/** The desk takes the ticket in from its code (app/desk/QrScan.tsx), calls it and closes it. */
async function deskServes(desk: AppDevice, qr: string): Promise<{ ticketId: string; closed: Operation }> {
  const scanned = decodeTicketQr(qr);
  if (!scanned.ok) throw new Error(scanned.reason);
  expect(Object.keys(scanned.proofs)).toHaveLength(2);
  await desk.store.importOps(scanned.ops, scanned.proofs);
  const ticket = scanned.ops.find((o) => o.type === "ticket.created");
  if (ticket?.type !== "ticket.created") throw new Error("a ticket");
  const deskId = desk.device.actor.deskId ?? "";
  await desk.recorder.record({ type: "ticket.called", ticketId: ticket.ticketId, deskId });
  const closed = await desk.recorder.record({
    type: "ticket.closed",
    ticketId: ticket.ticketId,
    deskId,
    outcome: { kind: "answered", topic: "SAKIP", advice: "Gunakan pohon kinerja." },
  });
  return { ticketId: ticket.ticketId, closed };
}

async function rejectedOn(d: AppDevice): Promise<RejectedOp[]> {
  return (await d.store.getMeta<RejectedOp[]>("rejected")) ?? [];
}

/** The server's record, as the organizer pulls it. */
async function record(organizer: Device): Promise<Operation[]> {
  return (await client().pullAll(organizer)).ops.map((x) => x.op);
}

describe("relay through the app's QR code and log bundle", () => {
  it("QR: the desk syncs, the phone never does; the server has the phone's ticket and profile and the desk's consultation", async () => {
    const phone = appDevice(await client().signIn("participant"));
    const desk = appDevice(await client().signIn({ desk: "K1" }));
    const organizer = await client().signIn("organizer");

    const { qr, created, profile } = await phoneTakesTicket(phone);
    const { ticketId, closed } = await deskServes(desk, qr);
    await desk.engine.syncNow();

    expect(await rejectedOn(desk)).toEqual([]);
    expect(await desk.store.outboxCount()).toBe(0);
    const held = await record(organizer);
    expect(held.map((o) => o.id)).toEqual(expect.arrayContaining([created.id, profile.id, closed.id]));
    expect(foldTicket(held.filter((o) => "ticketId" in o && o.ticketId === ticketId))?.status).toBe("done");
    // the phone never pushed: its operations are still in its own outbox
    expect(await phone.store.outboxCount()).toBe(2);
  });

  it("bundle: a desk that never syncs hands its log to the organizer, who carries the phone's ticket and the desk's consultation", async () => {
    const phone = appDevice(await client().signIn("participant"));
    const desk = appDevice(await client().signIn({ desk: "K2" }));
    const organizer = appDevice(await client().signIn("organizer"));

    const { qr, created, profile } = await phoneTakesTicket(phone);
    const { ticketId, closed } = await deskServes(desk, qr);
    // the desk's end of the day (app/desk/CloseDesk.tsx), the organizer's import (app/admin/BundleImport.tsx)
    const all = await desk.store.allOperations();
    const file = serializeBundle(
      makeBundle({
        eventId: EVENT,
        deviceId: desk.device.auth.deviceId,
        createdAt: new Date().toISOString(),
        ops: all,
        proofs: await desk.store.proofsOf(all.map((o) => o.id)),
      }),
    );
    const checked = checkBundle(file, EVENT);
    if (!checked.ok) throw new Error(checked.error.code);
    expect(Object.keys(checked.bundle.proofs ?? {})).toHaveLength(all.length);
    expect(await organizer.store.importOps(checked.bundle.ops, checked.bundle.proofs)).toBe(all.length);
    await organizer.engine.syncNow();

    expect(await rejectedOn(organizer)).toEqual([]);
    expect(await organizer.store.outboxCount()).toBe(0);
    const held = await record(organizer.device);
    expect(held.map((o) => o.id)).toEqual(expect.arrayContaining([created.id, profile.id, closed.id]));
    expect(foldTicket(held.filter((o) => "ticketId" in o && o.ticketId === ticketId))?.status).toBe("done");
    expect(await desk.store.outboxCount()).toBe(4); // nor did the desk ever push
  });

  it("a desk's forged cancel and rating of the participant are refused; the good operations of the same push are kept", async () => {
    const phone = appDevice(await client().signIn("participant"));
    const desk = appDevice(await client().signIn({ desk: "K1" }));
    const organizer = await client().signIn("organizer");

    const { qr, created } = await phoneTakesTicket(phone);
    const { ticketId, closed } = await deskServes(desk, qr);
    // the desk makes up the participant's cancel and a poor rating, with what keys it has
    const sign = async (op: Operation, by: Device) => toBase64url(await by.key.sign(operationMessage(op)));
    const cancel = build.cancelled(phone.device, ticketId);
    const rating: OpOf<"ticket.rated"> = {
      id: newId(),
      eventId: EVENT,
      hlc: stamp(phone.device),
      actor: phone.device.actor,
      type: "ticket.rated",
      ticketId,
      scores: { "1": 1, "7": 1 },
    };
    const noProof = { ...build.cancelled(phone.device, ticketId) };
    await desk.store.importOps([cancel, rating, noProof], {
      [cancel.id]: { publicKey: desk.device.key.publicKey, signature: await sign(cancel, desk.device) },
      [rating.id]: { publicKey: phone.device.key.publicKey, signature: await sign(rating, desk.device) },
    });
    await desk.engine.syncNow();

    const refused = new Map((await rejectedOn(desk)).map((r) => [r.id, r.reason]));
    expect(refused.get(cancel.id)).toMatch(/not the author device's/);
    expect(refused.get(rating.id)).toMatch(/signature does not verify/);
    expect(refused.get(noProof.id)).toMatch(/actor does not match/);
    expect(refused.size).toBe(3);
    const held = await record(organizer);
    const ids = held.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([created.id, closed.id]));
    for (const forged of [cancel, rating, noProof]) expect(ids).not.toContain(forged.id);
    expect(foldTicket(held.filter((o) => "ticketId" in o && o.ticketId === ticketId))?.status).toBe("done");
  });
});
