import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevicesResponse } from "../../src/core/admin-protocol.ts";
import { onePerDomainOf } from "../../src/core/fair-use.ts";
import { newId } from "../../src/core/ids.ts";
import type { OpOf } from "../../src/core/operation.ts";
import { API, type BlockResponse, type ErrorResponse, PROTOCOL_VERSION } from "../../src/core/protocol.ts";
import { createDeviceKey } from "../../src/sync/device-key.ts";
import { clientFor, type Device, ops, stamp } from "./client.ts";
import { CODES, EVENT, type ServerProcess, startServer } from "./server-process.ts";

/**
 * Attacks on identity and roles, against the real server process, by someone
 * who has only the public join code (printed on every poster) and whatever
 * ids they can read off the wire (docs/ARCHITECTURE.md, "Auth and roles").
 */
let server: ServerProcess;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  server = await startServer();
  client = clientFor(server.base);
});
afterAll(async () => {
  await server.stop();
});

const statuses = (r: { results: { status: string }[] }) => r.results.map((x) => x.status);

describe("identity takeover with the join code and a victim's device id", () => {
  it("fails: the attacker never becomes the victim, reads nothing of theirs and changes nothing", async () => {
    // The victim joins, registers and takes a ticket with a question.
    const victim = await client.signIn("participant");
    const ticket = ops.created(victim, "K", { question: { topic: "SAKIP", text: "Rahasia pertanyaan korban" } });
    const profile = ops.registered(victim, victim.auth.participantId, "Korban Nama Rahasia");
    expect(statuses(await client.push(victim, [profile, ticket]))).toEqual(["accepted", "accepted"]);

    // The attacker joins with the public code and pulls.
    const attacker = await client.signIn("participant");
    const pulled = await client.pullAll(attacker);
    const created = pulled.ops.find((o) => o.op.type === "ticket.created" && o.op.ticketId === ticket.ticketId);
    expect(created).toBeDefined(); // the public view of the victim's ticket is there (numbers, states)…
    // …but nothing that names the victim's device or person
    for (const secret of [victim.auth.deviceId, victim.auth.participantId ?? "?", "Korban Nama Rahasia", "Rahasia pertanyaan"]) {
      expect(pulled.text).not.toContain(secret);
    }
    expect(pulled.text).not.toContain(profile.profile.phone ?? "?");

    // Even knowing the victim's device id (from anywhere), signing in as it fails:
    const victimId = victim.auth.deviceId;
    const req = { role: "participant", eventId: EVENT, code: CODES.participantCode } as const;
    // (a) the attacker's own key, the victim's id: the key does not hash to that id
    const own = await client.authRaw(req, attacker.key, (b) => ({ ...b, deviceId: victimId }));
    expect(own.status).toBe(401);
    expect(((await own.json()) as ErrorResponse).message).toMatch(/hash of the device's public key/);
    // (b) the victim's public key (it is not secret either) with the attacker's signature
    const borrowed = await client.authRaw(req, attacker.key, (b) => ({
      ...b,
      deviceId: victimId,
      publicKey: victim.key.publicKey,
    }));
    expect(borrowed.status).toBe(401);
    expect(((await borrowed.json()) as ErrorResponse).message).toMatch(/signature does not verify/);
    // (c) a replay of a signature made for another challenge
    const replay = await client.authRaw(req, attacker.key, (b) => ({
      ...b,
      challenge: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    }));
    expect(replay.status).toBe(401);

    // With their own token, the attacker cannot cancel, edit or rate the ticket, re-register or erase the profile.
    const hijack = await client.push(attacker, [
      ops.cancelled(attacker, ticket.ticketId),
      ops.edited(attacker, ticket.ticketId),
      ops.registered(attacker, victim.auth.participantId, "Penyerang"),
      {
        id: newId(),
        eventId: EVENT,
        hlc: stamp(attacker),
        actor: attacker.actor,
        type: "participant.erased",
        participantId: victim.auth.participantId ?? "",
      } satisfies OpOf<"participant.erased">,
    ]);
    expect(statuses(hijack)).toEqual(["rejected", "rejected", "rejected", "rejected"]);

    // The real device recovers a lost token with its key: same participant, its data whole.
    const again = await client.signIn("participant", victim.key);
    expect(again.auth.participantId).toBe(victim.auth.participantId);
    expect(again.auth.deviceId).toBe(victimId);
    const mine = await client.pullAll(again);
    expect(mine.text).toContain("Rahasia pertanyaan korban");
    expect(mine.text).toContain("Korban Nama Rahasia");
  });
});

describe("role theft", () => {
  it("a desk's device id cannot be taken by a participant, nor its key used for another role", async () => {
    const desk = await client.signIn({ desk: "K1" });
    const block = (await (
      await client.call(API.blocks, {
        method: "POST",
        headers: { ...desk.headers, "content-type": "application/json" },
        body: JSON.stringify({ domain: "K" }),
      })
    ).json()) as BlockResponse;
    // a participant claiming the desk's device id: refused at sign-in
    const thief = await createDeviceKey();
    const claim = await client.authRaw({ role: "participant", eventId: EVENT, code: CODES.participantCode }, thief, (b) => ({
      ...b,
      deviceId: desk.auth.deviceId,
    }));
    expect(claim.status).toBe(401);
    // the desk's own key signing in as a participant or as another desk: refused, the binding holds
    const asParticipant = await client.authRaw({ role: "participant", eventId: EVENT, code: CODES.participantCode }, desk.key);
    expect(asParticipant.status).toBe(403);
    expect(((await asParticipant.json()) as ErrorResponse).message).toMatch(/as desk K1/);
    const asK2 = await client.authRaw({ role: "desk", eventId: EVENT, code: CODES.deskCodes.K2, deskId: "K2" }, desk.key);
    expect(asK2.status).toBe(403);
    // and the desk itself still signs in as desk K1
    expect((await client.signIn({ desk: "K1" }, desk.key)).auth.deskId).toBe("K1");

    // A participant cannot take a number of the desk's block: its ticket gets the counter's next one.
    const phone = await client.signIn("participant");
    const reserved = `K-${String(block.from).padStart(3, "0")}`;
    const t = ops.created(phone, "K", { reservedNumber: reserved });
    expect(statuses(await client.push(phone, [t]))).toEqual(["accepted"]);
    const org = await client.signIn("organizer");
    const all = await client.pullAll(org);
    const numbered = all.ops.find((o) => o.op.type === "ticket.numberAssigned" && o.op.ticketId === t.ticketId);
    expect(numbered?.op.type === "ticket.numberAssigned" && numbered.op.number).not.toBe(reserved);

    // The organizer's overview keeps the desk's row a desk's.
    await client.pullPage(desk);
    await client.pullPage(phone);
    const overview = (await (await client.call(API.adminDevices, { headers: org.headers })).json()) as DevicesResponse;
    const row = overview.devices.find((d) => d.deviceId === desk.auth.deviceId);
    expect(row).toMatchObject({ role: "desk", deskId: "K1" });
  });
});

describe("fair use: one participant flooding a line", () => {
  it("keeps one open ticket per domain, however many an offline batch carries, and takes a new one once it is served", async () => {
    const flooder = await client.signIn("participant");
    // 50 numbers taken while offline over the past hour, pushed in one batch when the phone is back
    const start = Date.now() - 3600_000;
    const flood = Array.from({ length: 50 }, (_, i) => ({
      ...ops.created(flooder, "P"),
      hlc: stamp(flooder, start + i * 60_000),
    }));
    const res = await client.push(flooder, flood);
    expect(statuses(res).filter((s) => s === "accepted")).toHaveLength(1);
    expect(res.results[0]?.status).toBe("accepted");
    for (const r of res.results.slice(1)) expect(r.status === "rejected" && onePerDomainOf(r.reason)).toBe("P");
    // the whole outbox again (a retry): the first is a duplicate, the others are still refused
    expect(statuses(await client.push(flooder, flood))).toEqual(["duplicate", ...flood.slice(1).map(() => "rejected")]);
    // only one of them got a number: the line holds one ticket of theirs
    const org = await client.signIn("organizer");
    const floodIds = new Set(flood.map((t) => t.ticketId));
    const numbered = (await client.pullAll(org)).ops.filter(
      (o) => o.op.type === "ticket.numberAssigned" && floodIds.has(o.op.ticketId),
    );
    expect(numbered).toHaveLength(1);
    // another domain is theirs to take; a second in P still is not
    const first = flood[0];
    if (!first) throw new Error("no flood");
    expect(statuses(await client.push(flooder, [ops.created(flooder, "A"), ops.created(flooder, "P")]))).toEqual([
      "accepted",
      "rejected",
    ]);
    // once a desk has served the first, a new number in P is accepted (one, again)
    const desk = await client.signIn({ desk: "P1" });
    expect(statuses(await client.push(desk, [ops.called(desk, first.ticketId), ops.closed(desk, first.ticketId)]))).toEqual([
      "accepted",
      "accepted",
    ]);
    expect(statuses(await client.push(flooder, [ops.created(flooder, "P"), ops.created(flooder, "P")]))).toEqual([
      "accepted",
      "rejected",
    ]);
    // a desk's walk-ins are not capped: it records them for many people
    const walkIns = Array.from({ length: 5 }, () => ops.created(desk, "P", { participantId: null }));
    expect(statuses(await client.push(desk, walkIns))).toEqual(walkIns.map(() => "accepted"));
  });
});

describe("rate limits", () => {
  let limited: ServerProcess;
  beforeAll(async () => {
    limited = await startServer({ LOKET_RATE_LIMIT: "5" });
  });
  afterAll(async () => {
    await limited.stop();
  });

  it("are kept per device: signing in again for a fresh token does not reset them", async () => {
    const c = clientFor(limited.base);
    const d: Device = await c.signIn("participant");
    for (let i = 0; i < 5; i++) expect((await c.call(`${API.pull}?after=0`, { headers: d.headers })).status).toBe(200);
    expect((await c.call(`${API.pull}?after=0`, { headers: d.headers })).status).toBe(429);
    const fresh = await c.signIn("participant", d.key);
    expect(fresh.auth.token).not.toBe(d.auth.token);
    expect((await c.call(`${API.pull}?after=0`, { headers: fresh.headers })).status).toBe(429);
  });
});

describe("a venue behind one NAT address", () => {
  it(
    "lets 500 phones join within five minutes, while a code guesser from that address is slowed",
    async () => {
      const joined: Device[] = [];
      const phones = Array.from({ length: 500 }, (_, i) => i);
      const started = Date.now();
      // 25 at a time, like phones scanning the poster in a crowd
      for (let i = 0; i < phones.length; i += 25) {
        joined.push(...(await Promise.all(phones.slice(i, i + 25).map(() => client.signIn("participant")))));
      }
      expect(Date.now() - started).toBeLessThan(5 * 60_000);
      expect(new Set(joined.map((d) => d.auth.participantId)).size).toBe(500);
      // every one of them signed in from the same address as the guesser below
      const guesser = await createDeviceKey();
      const tries: number[] = [];
      for (let i = 0; i < 25; i++) {
        const r = await client.authRaw({ role: "desk", eventId: EVENT, code: `TEBAK${i}`, deskId: "K1" }, guesser);
        tries.push(r.status);
      }
      expect(tries.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect((await client.signIn("participant")).auth.role).toBe("participant");
    },
    5 * 60_000,
  );
});

describe("logs and refusals", () => {
  it("carry no personal data from the input and stay bounded, whatever comes in", async () => {
    const phone = await client.signIn("participant");
    const bad = ops.registered(phone, phone.auth.participantId, "Nama Yang Tidak Boleh Bocor");
    const leaky = { ...bad, profile: { ...bad.profile, phone: "+62 813 5555 0199 ext", name: 42 } };
    const res = await client.push(phone, [leaky]);
    const reason = res.results[0]?.status === "rejected" ? res.results[0].reason : "";
    expect(reason).toMatch(/profile\.phone/);
    expect(reason).not.toMatch(/5555|0199|Nama Yang/);
    // nearly a megabyte of rejected input, in a field and in an unknown key
    const huge = "X".repeat(400_000);
    const r = await client.pushRaw(phone, { ops: [{ ...ops.cancelled(phone, newId()), [huge.slice(0, 1000)]: 1, note: huge }] });
    expect(r.status).toBe(200);
    expect(JSON.stringify(await r.json()).length).toBeLessThan(5000);
    const bigAuth = await client.call(API.auth, {
      method: "POST",
      headers: { "x-loket-protocol": String(PROTOCOL_VERSION), "content-type": "application/json" },
      body: JSON.stringify({ role: "participant", eventId: EVENT, code: huge.slice(0, 500_000) }),
    });
    expect(bigAuth.status).toBe(400);
    const log = server.output();
    expect(log).not.toMatch(/5555|0199|Nama Yang/);
    for (const line of log.split("\n")) expect(line.length).toBeLessThanOrEqual(2100);
  });
});
