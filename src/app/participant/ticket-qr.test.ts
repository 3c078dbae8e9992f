import { describe, expect, it } from "vitest";
import { DEVICE_KEY_ALGORITHM, DEVICE_SIGN_ALGORITHM, toBase64url } from "../../core/device-identity.ts";
import { encodeHlc } from "../../core/hlc.ts";
import { newId } from "../../core/ids.ts";
import type { Operation } from "../../core/operation.ts";
import type { RelayProof } from "../../core/protocol.ts";
import { decodeTicketQr, encodeTicketQr, QR_MAX_BYTES, QR_PREFIX } from "./ticket-qr.ts";

const eventId = "denpasar-2026";
const deviceId = newId();
const participantId = newId();
const ticketId = newId();
let wall = 1_760_000_000_000;
const stamp = () => encodeHlc({ wall: wall++, counter: 0, node: deviceId });
const actor = { deviceId, role: "participant" as const, participantId };

const created: Operation = {
  id: newId(),
  eventId,
  hlc: stamp(),
  actor,
  type: "ticket.created",
  ticketId,
  domain: "K",
  participantId,
  question: { topic: "SOTK", text: 'Bagaimana <img src=x onerror=alert(1)> "; DROP TABLE' },
  priority: false,
};
const profile: Operation = {
  id: newId(),
  eventId,
  hlc: stamp(),
  actor,
  type: "participant.registered",
  participantId,
  profile: {
    name: "Ni Luh Putu Ayu",
    position: "Kabag Organisasi",
    institution: "Setda Kabupaten Badung",
    regionId: "51-kabupaten-badung",
    consent: { given: true, noticeVersion: "2026-01", purpose: "antrean klinik", at: "2026-01-15T01:00:00.000Z" },
  },
};

describe("ticket QR payload", () => {
  it("round-trips the ticket's operations and the profile", () => {
    const text = encodeTicketQr(eventId, [created], profile);
    expect(text).not.toBeNull();
    expect(text?.startsWith(QR_PREFIX)).toBe(true);
    const back = decodeTicketQr(text ?? "");
    expect(back).toEqual({ ok: true, eventId, ops: [created, profile], proofs: {} });
  });

  it("carries the phone's signatures and its key, compressed, and gives the desk the proofs back whole", async () => {
    const pair = await crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ["sign", "verify"]);
    const publicKey = toBase64url(new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey)));
    const sign = async (op: Operation): Promise<RelayProof> => ({
      publicKey,
      signature: toBase64url(
        new Uint8Array(await crypto.subtle.sign(DEVICE_SIGN_ALGORITHM, pair.privateKey, new TextEncoder().encode(op.id))),
      ),
    });
    // a desk's operation on the ticket, pulled by the phone: the phone cannot sign it, it rides unsigned
    const called: Operation = {
      id: newId(),
      eventId,
      hlc: stamp(),
      actor: { deviceId: newId(), role: "desk", deskId: "K1" },
      type: "ticket.called",
      ticketId,
      deskId: "K1",
    };
    const proofs = { [created.id]: await sign(created), [profile.id]: await sign(profile) };
    const text = encodeTicketQr(eventId, [created, called], profile, proofs) ?? "";
    expect(text.includes(publicKey)).toBe(false); // the 91-byte SPKI is not written, its 33-byte point is
    const back = decodeTicketQr(text);
    expect(back).toEqual({ ok: true, eventId, ops: [created, called, profile], proofs });
    // the creator's actor is written once (as "a") for both of its operations; the desk's stays with its operation
    expect(text.split('"actor"').length - 1).toBe(1);
  });

  it("still reads a version 1 code (a phone on an older app), without proofs", () => {
    const o = [created, profile].map(({ eventId: _e, ...rest }) => rest);
    const back = decodeTicketQr(`LOKET1:${JSON.stringify({ e: eventId, o })}`);
    expect(back).toEqual({ ok: true, eventId, ops: [created, profile], proofs: {} });
  });

  it("refuses a code whose key is not a point of the curve", () => {
    const text = encodeTicketQr(eventId, [created], profile) ?? "";
    const forged = text.replace('"a":', `"k":"${"A".repeat(44)}","s":[0,0],"a":`);
    expect(decodeTicketQr(forged)).toMatchObject({ ok: false });
  });

  it("writes the event id once", () => {
    const text = encodeTicketQr(eventId, [created], profile) ?? "";
    expect(text.split(eventId).length - 1).toBe(1);
  });

  it("leaves the profile out when it does not fit, never the ticket", () => {
    const long: Operation = { ...created, question: { topic: "SOTK", text: "x".repeat(QR_MAX_BYTES - 700) } };
    const text = encodeTicketQr(eventId, [long], profile);
    const back = decodeTicketQr(text ?? "");
    expect(back.ok && back.ops.map((o) => o.type)).toEqual(["ticket.created"]);
  });

  it("gives up when the creation alone is too big", () => {
    const huge: Operation = { ...created, question: { topic: "SOTK", text: "x".repeat(3000) } };
    expect(encodeTicketQr(eventId, [huge])).toBeNull();
  });

  it("rejects foreign, damaged or invalid codes", () => {
    expect(decodeTicketQr("https://example.com").ok).toBe(false);
    expect(decodeTicketQr(`${QR_PREFIX}{not json`).ok).toBe(false);
    expect(decodeTicketQr(`${QR_PREFIX}{"e":"denpasar-2026","o":[]}`).ok).toBe(false);
    const { eventId: _e, ...rest } = created;
    const bad = { ...rest, domain: "Z" };
    expect(decodeTicketQr(`${QR_PREFIX}${JSON.stringify({ e: eventId, o: [bad] })}`).ok).toBe(false);
    const noTicket = `${QR_PREFIX}${JSON.stringify({ e: eventId, o: [{ ...profile, eventId: undefined }] })}`;
    expect(decodeTicketQr(noTicket).ok).toBe(false);
  });
});
