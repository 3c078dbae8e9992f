import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  API,
  type AuthResponse,
  type ChallengeResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type SignInRequest,
} from "../core/protocol.ts";
import { createDeviceKey, signInProof } from "../sync/device-key.ts";
import { createApp } from "./app.ts";
import { demoRegions, seedDemoEvent } from "./seed.ts";
import { openSqliteStore } from "./store/sqlite.ts";
import type { SyncStore } from "./store/types.ts";

const stores: SyncStore[] = [];
function freshStore(): SyncStore {
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "loket-app-")), "loket.sqlite"));
  stores.push(store);
  return store;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const v1 = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), "content-type": "application/json" };

/** POST /api/auth in-process, as a device does: a challenge signed with a fresh key. */
async function signInTo(app: { fetch(r: Request): Response | Promise<Response> }, req: SignInRequest): Promise<Response> {
  const ch = (await (
    await app.fetch(new Request(`http://x${API.authChallenge}`, { method: "POST", headers: v1 }))
  ).json()) as ChallengeResponse;
  const key = await createDeviceKey();
  const proof = await signInProof(key, {
    challenge: ch.challenge,
    eventId: req.eventId,
    role: req.role,
    deskId: req.role === "desk" ? req.deskId : undefined,
  });
  return app.fetch(
    new Request(`http://x${API.auth}`, {
      method: "POST",
      headers: v1,
      body: JSON.stringify({ ...req, ...proof, challenge: ch.challenge }),
    }),
  );
}

describe("seedDemoEvent", () => {
  it("seeds the Denpasar forum with 41 regions, 4 domains of 2 desks and a free clinic's SKM elements", async () => {
    const store = freshStore();
    const seeded = await seedDemoEvent(store);
    const event = await store.getEvent(seeded.eventId);
    expect(event?.id).toBe("denpasar-2026");
    expect(event?.timeZone).toBe("Asia/Makassar");
    expect(event?.regions).toHaveLength(41);
    expect(event?.regions.map((r) => r.id)).toContain("52-kota-bima");
    expect(event?.regions.map((r) => r.id)).toContain("52-kabupaten-bima");
    expect(new Set(demoRegions().map((r) => r.id)).size).toBe(41);
    expect(event?.domains.map((d) => `${d.code}${d.desks}`)).toEqual(["K2", "S2", "A2", "P2"]);
    expect(event?.skmElements).not.toContain(4);
    expect(Object.keys(seeded.deskCodes).sort()).toEqual(["A1", "A2", "K1", "K2", "P1", "P2", "S1", "S2"]);
    expect(seeded.participantCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });

  it("is idempotent: seeding again returns the stored codes; given codes replace them", async () => {
    const store = freshStore();
    const first = await seedDemoEvent(store);
    expect(await seedDemoEvent(store)).toEqual(first);
    const fixed = await seedDemoEvent(store, { codes: { participantCode: "PESERTA1", deskCodes: { K1: "MEJAK1" } } });
    expect(fixed.participantCode).toBe("PESERTA1");
    expect(fixed.deskCodes.K1).toBe("MEJAK1");
    expect(fixed.deskCodes.K2).toBe(first.deskCodes.K2);
    expect(fixed.organizerCode).toBe(first.organizerCode);
  });
});

describe("createApp", () => {
  it("expires tokens: a week later the device is told to sign in again", async () => {
    const store = freshStore();
    const codes = await seedDemoEvent(store);
    let now = Date.UTC(2026, 0, 15, 1);
    const { app, close } = createApp({ store, now: () => now, log: () => {} });
    const auth = await signInTo(app, { role: "organizer", eventId: codes.eventId, code: codes.organizerCode.toLowerCase() });
    expect(auth.status).toBe(200);
    const { token, expiresAt } = (await auth.json()) as AuthResponse;
    expect(Date.parse(expiresAt)).toBe(now + 7 * 24 * 3600_000);
    const event = () => app.fetch(new Request(`http://x${API.event}`, { headers: { ...v1, authorization: `Bearer ${token}` } }));
    expect((await event()).status).toBe(200);
    now += 7 * 24 * 3600_000;
    const expired = await event();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      error: "unauthorized",
      message: "sign-in expired: sign in again with the event's code",
    });
    close();
  });

  it("close() ends the open live streams", async () => {
    const store = freshStore();
    const codes = await seedDemoEvent(store);
    const { app, close } = createApp({ store, log: () => {} });
    const auth = await signInTo(app, { role: "participant", eventId: codes.eventId, code: codes.participantCode });
    const { token } = (await auth.json()) as AuthResponse;
    const live = await app.fetch(
      new Request(`http://x${API.live}?protocol=${PROTOCOL_VERSION}&token=${encodeURIComponent(token)}`),
    );
    expect(live.status).toBe(200);
    const text = live.text();
    close();
    expect(await text).toMatch(/^event: seq\ndata: \{"seq":0\}\nretry: 3000\n\n$/);
  });
});
