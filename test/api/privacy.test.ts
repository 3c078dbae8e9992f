import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminEventResponse, PurgeResponse } from "../../src/core/admin-protocol.ts";
import { foldAll } from "../../src/core/fold-all.ts";
import { newId } from "../../src/core/ids.ts";
import type { Operation, OpOf } from "../../src/core/operation.ts";
import { API, type AuthResponse, type EventResponse } from "../../src/core/protocol.ts";
import { buildReport } from "../../src/core/report.ts";
import { ERASED_REASON } from "../../src/server/privacy.ts";
import { createDeviceKey } from "../../src/sync/device-key.ts";
import { clientFor, type Device, ops, stamp } from "./client.ts";
import { EVENT, protocolHeaders, type ServerProcess, startServer } from "./server-process.ts";

/**
 * UU 27/2022 on the real server process and its real SQLite file: an erased
 * profile leaves the pull output and the file's bytes; the after-event purge
 * leaves no name, phone, position or institution of the fixture anywhere in
 * the file while the anonymous counts stay exactly as they were.
 */
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

/** mulberry32: a small seeded generator, so the simulated day is the same every run */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ["51-kabupaten-badung", "51-kota-denpasar", "52-kota-mataram", "53-kota-kupang", "52-kabupaten-bima"];
const DOMAINS = ["K", "S", "A", "P"] as const;

interface Person {
  name: string;
  phone: string;
  position: string;
  institution: string;
  regionId: string;
  /** the participant's own words: their question and their rating's comment */
  question: string;
  comment: string;
}
function person(i: number, rnd: () => number): Person {
  return {
    name: `Zulkarnaen Privasiuji ${i}`,
    phone: `+62 899 5550 ${1000 + i}`,
    position: `Kepala Bidang Xilofonia ${i}`,
    institution: `Dinas Contoh Rahasia ${i}`,
    regionId: REGIONS[Math.floor(rnd() * REGIONS.length)] ?? "51-kota-denpasar",
    question: `Bagaimana kantor Quetzalkoatl ${i} menata ulang jabatan?`,
    comment: `Terima kasih dari Quetzalkoatl ${i}`,
  };
}

function registered(d: Device, participantId: string, p: Person, noticeVersion = "2026-1"): OpOf<"participant.registered"> {
  const op = ops.registered(d, participantId, p.name);
  return {
    ...op,
    profile: {
      ...op.profile,
      position: p.position,
      institution: p.institution,
      phone: p.phone,
      regionId: p.regionId,
      consent: { ...op.profile.consent, noticeVersion },
    },
  };
}

function rated(d: Device, ticketId: string, comment: string): OpOf<"ticket.rated"> {
  return {
    id: newId(),
    eventId: EVENT,
    hlc: stamp(d),
    actor: d.actor,
    type: "ticket.rated",
    ticketId,
    scores: { "1": 4 },
    comment,
  };
}

function fileBytes(): Buffer {
  const files = ["loket.sqlite", "loket.sqlite-wal"].map((f) => join(server.dataDir, f)).filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

function secretsIn(bytes: Buffer, people: readonly Person[]): string[] {
  return people.flatMap((p) =>
    [p.name, p.phone, p.position, p.institution, p.question, p.comment].filter((s) => bytes.includes(Buffer.from(s, "utf8"))),
  );
}

async function reportNow() {
  const event = ((await (await client.call(API.event, { headers: org.headers })).json()) as EventResponse).event;
  const pulled = (await client.pullAll(org)).ops.map((x) => x.op);
  const { tickets, participants } = foldAll(pulled);
  return { report: buildReport(event, tickets, participants), pulled, participants };
}

async function ok(d: Device, list: Operation[]): Promise<void> {
  const res = await client.push(d, list);
  for (const r of res.results) expect(r.status, JSON.stringify(r)).toBe("accepted");
}

const people: Person[] = [];
const phones: { device: Device; person: Person }[] = [];

describe("a simulated day", () => {
  it("registers participants, takes and serves tickets", async () => {
    const rnd = random(2026);
    const desks = Object.fromEntries(
      await Promise.all(DOMAINS.map(async (d) => [d, await client.signIn({ desk: `${d}1` })] as const)),
    ) as Record<(typeof DOMAINS)[number], Device>;
    for (let i = 0; i < 12; i++) {
      const device = await client.signIn("participant");
      const p = person(i, rnd);
      people.push(p);
      phones.push({ device, person: p });
      const pid = device.actor.participantId ?? "";
      // one to three tickets, in distinct domains (one open ticket per domain: fair use)
      const free = [...DOMAINS];
      const tickets = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () =>
        ops.created(device, free.splice(Math.floor(rnd() * free.length), 1)[0] ?? "K", {
          question: { topic: `Topik ${Math.floor(rnd() * 4)}`, text: p.question },
        }),
      );
      await ok(device, [registered(device, pid, p), ...tickets]);
      for (const t of tickets) {
        const roll = rnd();
        const desk = desks[t.domain];
        if (roll < 0.15) await ok(device, [ops.cancelled(device, t.ticketId)]);
        else if (roll < 0.85) {
          await ok(desk, [ops.called(desk, t.ticketId), ops.closed(desk, t.ticketId)]);
          await ok(device, [rated(device, t.ticketId, p.comment)]);
        }
        // else: still waiting at the end of the day
      }
    }
    // a walk-in whose profile the desk recorded
    const walkIn = person(99, rnd);
    people.push(walkIn);
    const kDesk = desks.K;
    const walkInId = newId();
    await ok(kDesk, [
      registered(kDesk, walkInId, walkIn),
      { ...ops.created(kDesk, "K"), participantId: walkInId, question: { topic: "Topik 1", text: walkIn.question } },
    ]);
    expect(secretsIn(fileBytes(), people).length).toBeGreaterThan(0);
  });

  it("refuses a registration whose consent is to another notice version, with a clear reason", async () => {
    const device = await client.signIn("participant");
    const op = registered(device, device.actor.participantId ?? "", person(50, random(1)), "2025-9");
    const res = await client.push(device, [op, ops.created(device, "S")]);
    expect(res.results[0]).toMatchObject({ status: "rejected" });
    expect(res.results[0]?.status === "rejected" && res.results[0].reason).toMatch(/notice version "2025-9".*"2026-1"/);
    expect(res.results[1]?.status).toBe("accepted");
  });
});

describe("erasure", () => {
  it("removes a participant's profile from the pull output and from the SQLite file's bytes", async () => {
    const first = phones[0];
    if (!first) throw new Error("no fixture");
    const { device, person: p } = first;
    const pid = device.actor.participantId ?? "";
    const before = (await client.pullAll(org)).text;
    expect(before).toContain(p.name);
    const original = (await client.pullAll(device)).ops.map((x) => x.op).find((o) => o.type === "participant.registered");

    const erased: OpOf<"participant.erased"> = {
      id: newId(),
      eventId: EVENT,
      hlc: stamp(device),
      actor: device.actor,
      type: "participant.erased",
      participantId: pid,
      regionId: p.regionId,
    };
    await ok(device, [erased]);

    for (const d of [org, device]) {
      const { ops: pulled, text } = await client.pullAll(d);
      for (const secret of [p.name, p.phone, p.question, p.comment]) expect(text).not.toContain(secret);
      expect(pulled.map((x) => x.op)).toContainEqual(erased);
    }
    expect(secretsIn(fileBytes(), [p])).toEqual([]);
    // other participants are untouched
    expect((await client.pullAll(org)).text).toContain(people[1]?.name);

    // a stale device cannot bring the profile back, neither the old operation nor a new one
    const again = await client.push(device, [original as Operation, registered(device, pid, p)]);
    expect(again.results.map((r) => (r.status === "rejected" ? r.reason : r.status))).toEqual([ERASED_REASON, ERASED_REASON]);
    expect(secretsIn(fileBytes(), [p])).toEqual([]);
  });
});

describe("purge after the event", () => {
  it("is refused without the event's id as confirmation, and before the event's last day", async () => {
    const wrong = await client.call(API.adminPurge, {
      method: "POST",
      headers: { ...org.headers, "content-type": "application/json" },
      body: JSON.stringify({ confirm: "another-event" }),
    });
    expect(wrong.status).toBe(400);

    const future = {
      id: "kupang-2099",
      name: "Forum di Kupang",
      venue: "Kupang, NTT",
      startDate: "2099-05-01",
      endDate: "2099-05-02",
      timeZone: "Asia/Makassar",
    };
    const created = await client.call(API.adminEvents, {
      method: "POST",
      headers: { ...org.headers, "content-type": "application/json" },
      body: JSON.stringify(future),
    });
    const { codes } = (await created.json()) as AdminEventResponse;
    const auth = (await (
      await client.authRaw({ role: "organizer", eventId: future.id, code: codes.organizerCode }, await createDeviceKey())
    ).json()) as AuthResponse;
    const early = await client.call(API.adminPurge, {
      method: "POST",
      headers: { ...protocolHeaders, authorization: `Bearer ${auth.token}`, "content-type": "application/json" },
      body: JSON.stringify({ confirm: future.id }),
    });
    expect(early.status).toBe(403);
    expect(await early.text()).toMatch(/2099-05-02/);
  });

  it("erases every participant in one go, keeps the anonymous counts, and leaves no personal data in the file", async () => {
    const before = await reportNow();
    expect(before.report.totals.tickets).toBeGreaterThan(12);
    expect(before.report.provinces.some((p) => p.participants > 0)).toBe(true);

    const res = await client.call(API.adminPurge, {
      method: "POST",
      headers: { ...org.headers, "content-type": "application/json" },
      body: JSON.stringify({ confirm: EVENT }),
    });
    expect(res.status).toBe(200);
    const purged = (await res.json()) as PurgeResponse;
    // everyone still holding a profile: 11 phones (one erased herself) and the walk-in
    expect(purged.erased).toBe(12);

    const after = await reportNow();
    expect(after.report.domains).toEqual(before.report.domains);
    expect(after.report.provinces).toEqual(before.report.provinces);
    expect(after.report.totals).toEqual(before.report.totals);
    expect(after.report.topics).toEqual(before.report.topics);
    expect(after.report.unknownRegion).toBe(before.report.unknownRegion);
    expect(after.participants.every((p) => p.erased && p.profile === null)).toBe(true);
    const serverErasures = after.pulled.filter((o) => o.type === "participant.erased" && o.actor.role === "server");
    expect(serverErasures).toHaveLength(12);
    expect(after.pulled.some((o) => o.type === "participant.registered")).toBe(false);

    expect(secretsIn(fileBytes(), people)).toEqual([]);
    // a second purge finds no one left
    const second = await client.call(API.adminPurge, {
      method: "POST",
      headers: { ...org.headers, "content-type": "application/json" },
      body: JSON.stringify({ confirm: EVENT }),
    });
    expect(((await second.json()) as PurgeResponse).erased).toBe(0);

    const db = new Database(join(server.dataDir, "loket.sqlite"), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.prepare("SELECT COUNT(*) AS n FROM ops WHERE type = 'participant.registered'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
