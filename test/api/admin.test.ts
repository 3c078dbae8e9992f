import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminEventResponse, CodesResponse, DevicesResponse, EventsResponse } from "../../src/core/admin-protocol.ts";
import { API, type AuthResponse, LAST_ERROR_HEADER, PENDING_HEADER, type SignInRequest } from "../../src/core/protocol.ts";
import { createDeviceKey } from "../../src/sync/device-key.ts";
import { clientFor, type Device, ops } from "./client.ts";
import { CODES, EVENT, protocolHeaders, type ServerProcess, startServer } from "./server-process.ts";

let server: ServerProcess;
let client: ReturnType<typeof clientFor>;
let org: Device;

beforeAll(async () => {
  server = await startServer();
  client = clientFor(server.base);
  org = await client.signIn("organizer");
});
afterAll(async () => {
  await server.stop();
});

function send(d: Pick<Device, "headers"> | null, method: string, path: string, body?: unknown): Promise<Response> {
  return client.call(path, {
    method,
    headers: { ...(d ? d.headers : protocolHeaders), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function json<T>(r: Response, status = 200): Promise<T> {
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function signIn(body: SignInRequest): Promise<Response> {
  return client.authRaw(body, await createDeviceKey());
}

const draft = {
  id: "mataram-2026",
  name: "Forum Koordinasi di Mataram",
  venue: "Mataram, NTB",
  startDate: "2026-03-10",
  endDate: "2026-03-11",
  timeZone: "Asia/Makassar",
};

describe("organizer only", () => {
  it("refuses participants and desks with 403, and no token with 401", async () => {
    const phone = await client.signIn("participant");
    const desk = await client.signIn({ desk: "K1" });
    for (const d of [phone, desk]) {
      for (const [method, path] of [
        ["GET", API.adminEvents],
        ["POST", API.adminEvents],
        ["GET", API.adminEvent],
        ["PATCH", API.adminEvent],
        ["GET", API.adminCodes],
        ["POST", API.adminRotate],
        ["GET", API.adminDevices],
        ["POST", API.adminPurge],
      ] as const) {
        const r = await send(d, method, path, method === "GET" ? undefined : {});
        expect(r.status, `${d.auth.role} ${method} ${path}`).toBe(403);
      }
    }
    expect((await send(null, "GET", API.adminEvents)).status).toBe(401);
  });
});

describe("events", () => {
  it("lists the deployment's events", async () => {
    const res = await json<EventsResponse>(await send(org, "GET", API.adminEvents));
    expect(res.events.map((e) => e.id)).toContain(EVENT);
  });

  it("creates an event with the PANRB domains and fresh, distinct codes; its organizer code signs in", async () => {
    const res = await json<AdminEventResponse>(await send(org, "POST", API.adminEvents, draft), 201);
    expect(res.event.domains.map((d) => d.code)).toEqual(["K", "S", "A", "P"]);
    expect(res.event.regions).toEqual([]);
    expect(res.event.skmElements).not.toContain(4);
    expect(Object.keys(res.codes.deskCodes).sort()).toEqual(["A1", "A2", "K1", "K2", "P1", "P2", "S1", "S2"]);
    const all = [res.codes.participantCode, res.codes.organizerCode, ...Object.values(res.codes.deskCodes)];
    expect(new Set(all).size).toBe(all.length);
    const auth = await json<AuthResponse>(await signIn({ role: "organizer", eventId: draft.id, code: res.codes.organizerCode }));
    expect(auth.eventId).toBe(draft.id);
    const listed = await json<EventsResponse>(await send(org, "GET", API.adminEvents));
    expect(listed.events.map((e) => e.id)).toContain(draft.id);
  });

  it("refuses a duplicate id and invalid events with a reason, storing nothing", async () => {
    const dup = await send(org, "POST", API.adminEvents, { ...draft, name: "Another name" });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toMatch(/already exists/);
    for (const bad of [
      { ...draft, id: "bad-dates", endDate: "2026-03-09" },
      { ...draft, id: "bad-zone", timeZone: "Mars/Olympus" },
      { ...draft, id: "bad-field", colour: "red" },
      { ...draft, id: "bad-domains", domains: [] },
      { ...draft, id: "Bad Id" },
    ]) {
      const r = await send(org, "POST", API.adminEvents, bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(((await r.json()) as { message: string }).message.length).toBeGreaterThan(10);
    }
    const listed = await json<EventsResponse>(await send(org, "GET", API.adminEvents));
    expect(listed.events.map((e) => e.id).filter((id) => id.startsWith("bad"))).toEqual([]);
  });

  it("edits the organizer's own event: fields, desks per domain (codes follow) and regions", async () => {
    const res = await json<AdminEventResponse>(await send(org, "GET", API.adminEvent));
    expect(res.event.id).toBe(EVENT);
    expect(res.codes.deskCodes.K1).toBe(CODES.deskCodes.K1);
    const domains = res.event.domains.map((d) => (d.code === "K" ? { ...d, desks: 3 } : d));
    const edited = await json<AdminEventResponse>(
      await send(org, "PATCH", API.adminEvent, { name: "Forum Denpasar (diubah)", domains }),
    );
    expect(edited.event.name).toBe("Forum Denpasar (diubah)");
    expect(edited.event.regions).toEqual(res.event.regions);
    expect(edited.codes.deskCodes.K1).toBe(CODES.deskCodes.K1);
    const k3 = edited.codes.deskCodes.K3;
    expect(k3).toBeTruthy();
    expect((await signIn({ role: "desk", eventId: EVENT, code: k3 ?? "", deskId: "K3" })).status).toBe(200);
    // back to two desks: K3's code is gone and it can no longer sign in
    const back = await json<AdminEventResponse>(
      await send(org, "PATCH", API.adminEvent, { domains: res.event.domains, name: res.event.name }),
    );
    expect(back.codes.deskCodes.K3).toBeUndefined();
    expect((await signIn({ role: "desk", eventId: EVENT, code: k3 ?? "", deskId: "K3" })).status).toBe(401);
    // the id cannot change, and a bad edit changes nothing
    expect((await send(org, "PATCH", API.adminEvent, { id: "other-event" })).status).toBe(400);
    expect((await send(org, "PATCH", API.adminEvent, { endDate: "2020-01-01" })).status).toBe(400);
    const after = await json<AdminEventResponse>(await send(org, "GET", API.adminEvent));
    expect(after.event).toEqual(res.event);
  });

  it("keeps the unit responsible in the event record, for every laptop's report", async () => {
    const unit = "Kedeputian Bidang Akuntabilitas Aparatur dan Pengawasan";
    const edited = await json<AdminEventResponse>(await send(org, "PATCH", API.adminEvent, { unit: `  ${unit} ` }));
    expect(edited.event.unit).toBe(unit);
    expect((await send(org, "PATCH", API.adminEvent, { unit: "x".repeat(201) })).status).toBe(400);
    const after = await json<AdminEventResponse>(await send(org, "GET", API.adminEvent));
    expect(after.event.unit).toBe(unit);
  });
});

describe("device sync status", () => {
  it("records role, desk, last push and pull, unsynced changes and last error from each request", async () => {
    const desk = await client.signIn({ desk: "A1" });
    const phone = await client.signIn("participant");
    const before = Date.now();
    const t = ops.created(desk, "A");
    const r = await client.call(API.push, {
      method: "POST",
      headers: { ...desk.headers, "content-type": "application/json", [PENDING_HEADER]: "3", [LAST_ERROR_HEADER]: "offline" },
      body: JSON.stringify({ ops: [t] }),
    });
    expect(r.status).toBe(200);
    let list = await json<DevicesResponse>(await send(org, "GET", API.adminDevices));
    let mine = list.devices.find((d) => d.deviceId === desk.auth.deviceId);
    expect(mine).toMatchObject({ role: "desk", deskId: "A1", pending: 3, lastError: "offline", lastPullAt: null });
    expect(mine?.lastPushAt).toBeGreaterThanOrEqual(before);

    // the next pull reports a clean state; the last push is kept
    await client.call(`${API.pull}?after=0`, { headers: { ...desk.headers, [PENDING_HEADER]: "0" } });
    await client.pullPage(phone);
    list = await json<DevicesResponse>(await send(org, "GET", API.adminDevices));
    mine = list.devices.find((d) => d.deviceId === desk.auth.deviceId);
    expect(mine).toMatchObject({ pending: 0, lastError: null });
    expect(mine?.lastPushAt).toBeGreaterThanOrEqual(before);
    expect(mine?.lastPullAt).toBeGreaterThanOrEqual(mine?.lastPushAt ?? 0);
    expect(list.devices.find((d) => d.deviceId === phone.auth.deviceId)).toMatchObject({ role: "participant", deskId: null });
    expect(list.serverTime).toBeGreaterThanOrEqual(before);

    // nonsense header values are ignored, never stored
    await client.call(`${API.pull}?after=0`, {
      headers: { ...desk.headers, [PENDING_HEADER]: "-1; drop", [LAST_ERROR_HEADER]: "<script>" },
    });
    list = await json<DevicesResponse>(await send(org, "GET", API.adminDevices));
    expect(list.devices.find((d) => d.deviceId === desk.auth.deviceId)).toMatchObject({ pending: 0, lastError: null });
  });

  it("keeps statuses across a restart", async () => {
    const desk = await client.signIn({ desk: "P1" });
    await client.call(`${API.pull}?after=0`, { headers: { ...desk.headers, [PENDING_HEADER]: "7" } });
    await json<DevicesResponse>(await send(org, "GET", API.adminDevices));
    await server.restart();
    client = clientFor(server.base);
    const list = await json<DevicesResponse>(await send(org, "GET", API.adminDevices));
    expect(list.devices.find((d) => d.deviceId === desk.auth.deviceId)).toMatchObject({ deskId: "P1", pending: 7 });
  });
});

describe("code rotation", () => {
  it("stops the old code for new sign-ins while tokens issued with it keep working", async () => {
    const phone = await client.signIn("participant");
    const desk = await client.signIn({ desk: "S1" });
    const rotP = await json<CodesResponse>(await send(org, "POST", API.adminRotate, { kind: "participant" }));
    expect(rotP.codes.participantCode).not.toBe(CODES.participantCode);
    expect((await signIn({ role: "participant", eventId: EVENT, code: CODES.participantCode })).status).toBe(401);
    expect((await signIn({ role: "participant", eventId: EVENT, code: rotP.codes.participantCode })).status).toBe(200);

    const rotD = await json<CodesResponse>(await send(org, "POST", API.adminRotate, { kind: "desk", deskId: "S1" }));
    expect(rotD.codes.deskCodes.S1).not.toBe(CODES.deskCodes.S1);
    expect(rotD.codes.deskCodes.S2).toBe(CODES.deskCodes.S2);
    expect(rotD.codes.participantCode).toBe(rotP.codes.participantCode);
    expect((await signIn({ role: "desk", eventId: EVENT, code: CODES.deskCodes.S1, deskId: "S1" })).status).toBe(401);

    // signed-in devices are not locked out mid-day
    expect((await client.push(desk, [ops.created(desk, "S")])).results[0]?.status).toBe("accepted");
    expect((await client.pullPage(phone)).res.ops).toBeDefined();

    expect((await send(org, "POST", API.adminRotate, { kind: "desk", deskId: "K9" })).status).toBe(400);
    const rotO = await json<CodesResponse>(await send(org, "POST", API.adminRotate, { kind: "organizer" }));
    expect((await signIn({ role: "organizer", eventId: EVENT, code: CODES.organizerCode })).status).toBe(401);
    expect((await signIn({ role: "organizer", eventId: EVENT, code: rotO.codes.organizerCode })).status).toBe(200);
    // the organizer who rotated is still signed in
    const codes = await json<CodesResponse>(await send(org, "GET", API.adminCodes));
    expect(codes.codes).toEqual(rotO.codes);
  });
});
