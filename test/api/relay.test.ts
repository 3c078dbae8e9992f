import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toBase64url } from "../../src/core/device-identity.ts";
import { newId } from "../../src/core/ids.ts";
import { operationMessage } from "../../src/core/op-signature.ts";
import type { Operation, OpOf } from "../../src/core/operation.ts";
import type { RelayProof } from "../../src/core/protocol.ts";
import { createDeviceKey, type DeviceKey } from "../../src/sync/device-key.ts";
import { clientFor, type Device, ops, stamp } from "./client.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

/**
 * Relay on the real server: a participant's phone signs in once, then stays
 * offline for good. Its ticket reaches the record through a desk (the QR
 * handoff) and its rating through another device (a log bundle), each with
 * the phone's signature. A desk forging the participant's cancel or rating,
 * or altering what it carries, is refused.
 */
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

async function proof(key: DeviceKey, op: Operation): Promise<RelayProof> {
  return { publicKey: key.publicKey, signature: toBase64url(await key.sign(operationMessage(op))) };
}

describe("relayed operations", () => {
  it("reach the record with their author's signature; forged or altered ones are refused", async () => {
    const client = clientFor(server.base);
    const phone = await client.signIn("participant"); // its one and only contact with the server
    const k1 = await client.signIn({ desk: "K1" });
    const organizer = await client.signIn("organizer");
    const relay = async (by: Device, list: Operation[], proofs: Record<string, RelayProof>) =>
      (await client.pushRaw(by, { ops: list, proofs }).then((r) => r.json())) as {
        results: { status: string; reason?: string }[];
      };

    // the phone takes a ticket offline; desk K1 takes it in from the QR code and serves it
    const ticket = ops.created(phone, "K");
    const taken = await relay(k1, [ticket], { [ticket.id]: await proof(phone.key, ticket) });
    expect(taken.results[0]?.status).toBe("accepted");
    // a copy already on record is a duplicate, even one whose words a device cut after an erasure
    // (the author's proof is of the original): the record keeps what it has
    const cut = { ...ticket, question: { topic: ticket.question?.topic ?? "", text: "[dihapus]" } };
    const again = await relay(organizer, [cut], { [cut.id]: await proof(phone.key, ticket) });
    expect(again.results[0]?.status).toBe("duplicate");
    const served = await client.push(k1, [ops.called(k1, ticket.ticketId), ops.closed(k1, ticket.ticketId)]);
    expect(served.results.map((r) => r.status)).toEqual(["accepted", "accepted"]);

    // the phone's rating, carried in a log bundle by another device
    const rating: OpOf<"ticket.rated"> = {
      id: newId(),
      eventId: ticket.eventId,
      hlc: stamp(phone),
      actor: phone.actor,
      type: "ticket.rated",
      ticketId: ticket.ticketId,
      scores: { "1": 4, "7": 3 },
    };
    const rated = await relay(organizer, [rating], { [rating.id]: await proof(phone.key, rating) });
    expect(rated.results[0]?.status).toBe("accepted");

    // forgeries: the desk makes the participant's cancel and a second rating
    const cancel = ops.cancelled(phone, ticket.ticketId);
    const noProof = await client.push(k1, [cancel]);
    expect(noProof.results[0]).toMatchObject({ status: "rejected", reason: expect.stringMatching(/actor does not match/) });
    const deskKey = await relay(k1, [cancel], { [cancel.id]: await proof(k1.key, cancel) });
    expect(deskKey.results[0]?.reason).toMatch(/not the author device's/);
    const borrowedKey = await relay(k1, [cancel], {
      [cancel.id]: { publicKey: phone.key.publicKey, signature: (await proof(k1.key, cancel)).signature },
    });
    expect(borrowedKey.results[0]?.reason).toMatch(/signature does not verify/);
    // the phone signed a rating of 4; the desk changes it to 1 on the way
    const honest: OpOf<"ticket.rated"> = { ...rating, id: newId(), hlc: stamp(phone), scores: { "1": 4 } };
    const altered = { ...honest, scores: { "1": 1 } };
    const tampered = await relay(k1, [altered], { [altered.id]: await proof(phone.key, honest) });
    expect(tampered.results[0]?.reason).toMatch(/signature does not verify/);
    // a key of its own, self-certified but never signed in, cannot speak for a participant
    const stranger = await createDeviceKey();
    const strangerOp = { ...cancel, id: newId(), actor: { ...phone.actor, deviceId: stranger.deviceId } };
    const unknown = await relay(k1, [strangerOp], { [strangerOp.id]: await proof(stranger, strangerOp) });
    expect(unknown.results[0]?.reason).toMatch(/never signed in/);
    // a genuine signature does not lift the author's own limits: the phone may not call a ticket
    const call = { ...ops.called(k1, ticket.ticketId), actor: phone.actor } as Operation;
    const beyond = await relay(k1, [call], { [call.id]: await proof(phone.key, call) });
    expect(beyond.results[0]?.reason).toMatch(/cannot do ticket.called/);

    const record = (await client.pullAll(organizer)).ops.map((x) => x.op);
    const ids = record.map((op) => op.id);
    expect(ids).toEqual(expect.arrayContaining([ticket.id, rating.id]));
    for (const refused of [cancel, altered, strangerOp, call]) expect(ids).not.toContain(refused.id);
    const numbered = record.find((op) => op.type === "ticket.numberAssigned" && op.ticketId === ticket.ticketId);
    expect(numbered).toBeDefined();
  });
});
