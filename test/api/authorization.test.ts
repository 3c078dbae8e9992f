import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids.ts";
import type { OpOf } from "../../src/core/operation.ts";
import { API } from "../../src/core/protocol.ts";
import { clientFor, type Device, ops, stamp } from "./client.ts";
import { EVENT, type ServerProcess, startServer } from "./server-process.ts";

let server: ServerProcess;
let client: ReturnType<typeof clientFor>;
let ayu: Device;
let budi: Device;

beforeAll(async () => {
  server = await startServer();
  client = clientFor(server.base);
  ayu = await client.signIn("participant");
  budi = await client.signIn("participant");
});
afterAll(async () => {
  await server.stop();
});

const statuses = (r: { results: { status: string }[] }) => r.results.map((x) => x.status);
const reasonOf = (r: { results: ({ status: string; reason?: string } | undefined)[] }, i = 0) => r.results[i]?.reason;

describe("participants", () => {
  it("get a server-chosen participant id, the same one when the device signs in again", async () => {
    expect(ayu.auth.participantId).toMatch(/^[0-9A-Z]{8,32}$/);
    expect(budi.auth.participantId).not.toBe(ayu.auth.participantId);
    const again = await client.signIn("participant", ayu.key);
    expect(again.auth.participantId).toBe(ayu.auth.participantId);
    expect(again.auth.token).not.toBe(ayu.auth.token);
  });

  it("create, edit, cancel and rate their own tickets, and register their own profile", async () => {
    const t = ops.created(ayu, "K");
    const rated: OpOf<"ticket.rated"> = {
      id: newId(),
      eventId: EVENT,
      hlc: stamp(ayu),
      actor: ayu.actor,
      type: "ticket.rated",
      ticketId: t.ticketId,
      scores: { "1": 4, "7": 3 },
    };
    const res = await client.push(ayu, [
      ops.registered(ayu),
      t,
      ops.edited(ayu, t.ticketId),
      rated,
      ops.cancelled(ayu, t.ticketId),
    ]);
    expect(statuses(res)).toEqual(["accepted", "accepted", "accepted", "accepted", "accepted"]);
  });

  it("cannot touch another participant's ticket or profile, nor create a ticket in someone else's name", async () => {
    const t = ops.created(ayu, "S");
    await client.push(ayu, [t]);
    const res = await client.push(budi, [
      ops.edited(budi, t.ticketId),
      ops.cancelled(budi, t.ticketId),
      ops.created(budi, "S", { participantId: ayu.auth.participantId ?? null }),
      ops.registered(budi, ayu.auth.participantId),
      { ...ops.created(budi, "S"), ticketId: t.ticketId },
    ]);
    expect(statuses(res)).toEqual(["rejected", "rejected", "rejected", "rejected", "rejected"]);
    expect(reasonOf(res, 0)).toBe("this ticket belongs to another participant");
    expect(reasonOf(res, 1)).toBe("this ticket belongs to another participant");
    expect(reasonOf(res, 2)).toMatch(/your own participant id/);
    expect(reasonOf(res, 3)).toMatch(/your own profile/);
    expect(reasonOf(res, 4)).toMatch(/already created/);
  });

  it("cannot do a desk's actions, even on their own ticket", async () => {
    const t = ops.created(ayu, "A");
    await client.push(ayu, [t]);
    const res = await client.push(ayu, [ops.called(ayu, t.ticketId, "A1"), ops.closed(ayu, t.ticketId, "A1")]);
    expect(statuses(res)).toEqual(["rejected", "rejected"]);
    expect(reasonOf(res)).toMatch(/desk's action/);
  });

  it("cannot reserve numbers", async () => {
    const r = await client.call(API.blocks, {
      method: "POST",
      headers: { ...ayu.headers, "content-type": "application/json" },
      body: '{"domain":"K"}',
    });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: string }).error).toBe("forbidden");
  });

  it("never pull another participant's name, phone, question, notes or outcome: only numbers and states", async () => {
    const desk = await client.signIn({ desk: "P1" });
    const secret = {
      name: "Ni Wayan Rahasia Sekali",
      phone: "+62 899 1111 2222",
      question: "Pertanyaan pribadi tentang formasi ASN kami",
      note: "Catatan meja yang tidak untuk umum",
      advice: "Saran rahasia dari narasumber",
    };
    const reg = ops.registered(ayu, ayu.auth.participantId, secret.name);
    reg.profile = { ...reg.profile, phone: secret.phone };
    const t = ops.created(ayu, "P", { question: { topic: "Formasi", text: secret.question } });
    await client.push(ayu, [reg, t]);
    const note: OpOf<"ticket.noteAdded"> = {
      id: newId(),
      eventId: EVENT,
      hlc: stamp(desk),
      actor: desk.actor,
      type: "ticket.noteAdded",
      ticketId: t.ticketId,
      deskId: "P1",
      text: secret.note,
    };
    const closed = ops.closed(desk, t.ticketId);
    closed.outcome = { kind: "answered", topic: "Formasi", advice: secret.advice };
    const pushed = await client.push(desk, [ops.called(desk, t.ticketId), note, closed]);
    expect(statuses(pushed)).toEqual(["accepted", "accepted", "accepted"]);

    const theirs = await client.pullAll(budi);
    for (const s of Object.values(secret)) expect(theirs.text).not.toContain(s);
    expect(theirs.text).not.toContain(ayu.auth.participantId);
    // the public view is there: the ticket, its number, its call and its close
    const ofTicket = theirs.ops.map((x) => x.op).filter((o) => "ticketId" in o && o.ticketId === t.ticketId);
    expect(ofTicket.map((o) => o.type).sort()).toEqual([
      "ticket.called",
      "ticket.closed",
      "ticket.created",
      "ticket.numberAssigned",
    ]);

    const own = await client.pullAll(ayu);
    for (const s of Object.values(secret)) expect(own.text).toContain(s);
  });
});

describe("desks", () => {
  it("act on tickets of their own domain only, under their own desk id", async () => {
    const k1 = await client.signIn({ desk: "K1" });
    // a participant of their own: Ayu already holds a ticket in S (one open ticket per domain)
    const cita = await client.signIn("participant");
    const s = ops.created(cita, "S");
    const k = ops.created(cita, "K");
    expect(statuses(await client.push(cita, [s, k]))).toEqual(["accepted", "accepted"]);
    const res = await client.push(k1, [ops.called(k1, s.ticketId), ops.called(k1, k.ticketId, "K2"), ops.called(k1, k.ticketId)]);
    expect(statuses(res)).toEqual(["rejected", "rejected", "accepted"]);
    expect(reasonOf(res, 0)).toMatch(/domain S; desk K1 acts on domain K only/);
    expect(reasonOf(res, 1)).toMatch(/cannot act as desk K2/);
  });

  it("create walk-in tickets in their own domain and record walk-in profiles, but not a participant device's profile", async () => {
    const k1 = await client.signIn({ desk: "K1" });
    const walkInId = newId();
    const res = await client.push(k1, [
      ops.registered(k1, walkInId, "Pak Walk-in"),
      ops.created(k1, "K", { participantId: walkInId }),
      ops.created(k1, "S"),
      ops.registered(k1, ayu.auth.participantId),
      { id: newId(), eventId: EVENT, hlc: stamp(k1), actor: k1.actor, type: "participant.erased", participantId: walkInId },
    ]);
    expect(statuses(res)).toEqual(["accepted", "accepted", "rejected", "rejected", "rejected"]);
    expect(reasonOf(res, 2)).toMatch(/domain K only/);
    expect(reasonOf(res, 3)).toMatch(/walk-in profiles only/);
  });

  it("create a walk-in that is only a number (no question); a participant's ticket needs its question", async () => {
    const k1 = await client.signIn({ desk: "K1" });
    const { question: _q, ...bare } = ops.created(k1, "K");
    const phoneTicket = ops.created(ayu, "K");
    const { question: _p, ...bareOfPhone } = phoneTicket;
    expect(statuses(await client.push(k1, [bare]))).toEqual(["accepted"]);
    const res = await client.push(ayu, [bareOfPhone]);
    expect(statuses(res)).toEqual(["rejected"]);
    expect(reasonOf(res)).toMatch(/needs its question/);
  });

  it("reserve numbers of their own domain only", async () => {
    const k1 = await client.signIn({ desk: "K1" });
    const post = (domain: string) =>
      client.call(API.blocks, {
        method: "POST",
        headers: { ...k1.headers, "content-type": "application/json" },
        body: JSON.stringify({ domain }),
      });
    expect((await post("K")).status).toBe(200);
    expect((await post("S")).status).toBe(403);
  });

  it("reserve from their own range only: desk K2's numbers are K-2001 …", async () => {
    const post = async (deskId: string) => {
      const d = await client.signIn({ desk: deskId });
      return client.call(API.blocks, {
        method: "POST",
        headers: { ...d.headers, "content-type": "application/json" },
        body: '{"domain":"K"}',
      });
    };
    const k2 = await post("K2");
    expect(k2.status).toBe(200);
    expect(((await k2.json()) as { from: number }).from).toBe(2001);
  });
});

describe("organizers", () => {
  it("may act on any ticket and erase any profile of their event", async () => {
    const org = await client.signIn("organizer");
    const t = ops.created(budi, "A");
    await client.push(budi, [ops.registered(budi), t]);
    const res = await client.push(org, [
      ops.called(org, t.ticketId, "A2"),
      ops.transferred(org, t.ticketId, "K", "A2"),
      {
        id: newId(),
        eventId: EVENT,
        hlc: stamp(org),
        actor: org.actor,
        type: "participant.erased",
        participantId: budi.auth.participantId ?? "",
      },
    ]);
    expect(statuses(res)).toEqual(["accepted", "accepted", "accepted"]);
  });

  it("still cannot forge another device or another event", async () => {
    const org = await client.signIn("organizer");
    const res = await client.push(org, [
      { ...ops.created(org, "K"), actor: { ...org.actor, deviceId: ayu.auth.deviceId } },
      { ...ops.created(org, "K"), eventId: "lombok-2027" },
    ]);
    expect(statuses(res)).toEqual(["rejected", "rejected"]);
  });
});
