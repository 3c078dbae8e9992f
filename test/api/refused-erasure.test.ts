import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids.ts";
import type { RejectedOp } from "../../src/storage/contract.ts";
import { clientFor, ops, stamp } from "./client.ts";
import { engineDevice } from "./engine-device.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

/**
 * A refused erasure loses nothing: the device that recorded it hides the
 * profile at once but deletes it only once the server has accepted the
 * erasure. Here the real server refuses it (a desk may not erase a profile),
 * and the profile is still on the device, on the record of both.
 */
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

describe("an erasure the server refuses", () => {
  it("leaves the profile on the device that recorded it", async () => {
    const client = clientFor(server.base);
    const k1 = await client.signIn({ desk: "K1" });
    const device = engineDevice(server.base, k1);
    const walkIn = newId();
    const profile = ops.registered(k1, walkIn, "I Ketut Walk-in");
    await device.store.appendLocal([profile]);
    await device.engine.syncNow();
    expect(await device.store.outboxCount()).toBe(0);

    const erasure = {
      id: newId(),
      eventId: profile.eventId,
      hlc: stamp(k1),
      actor: k1.actor,
      type: "participant.erased" as const,
      participantId: walkIn,
    };
    await device.store.appendLocal([erasure]);
    expect(await device.store.participant(walkIn)).toMatchObject({ erased: true, profile: null });
    await device.engine.syncNow();

    const listed = (await device.store.getMeta<RejectedOp[]>("rejected")) ?? [];
    expect(listed.map((r) => [r.id, r.reason])).toEqual([
      [erasure.id, "only the participant or an organizer can erase a profile"],
    ]);
    expect((await device.store.participant(walkIn))?.profile?.name).toBe("I Ketut Walk-in");
    expect((await device.store.operationsOf(walkIn)).map((o) => o.id)).toEqual([profile.id]);

    const org = await client.signIn("organizer");
    const onServer = (await client.pullAll(org)).ops.map((x) => x.op.id);
    expect(onServer).toContain(profile.id);
    expect(onServer).not.toContain(erasure.id);
  });
});
