import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpOf } from "../../src/core/operation.ts";
import { API, LIMITS } from "../../src/core/protocol.ts";
import { clientFor, ops } from "./client.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

let server: ServerProcess;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  server = await startServer();
  client = clientFor(server.base);
});
afterAll(async () => {
  await server.stop();
});

function numbersOf(all: { op: { type: string } }[], domain: string): string[] {
  return all
    .map((x) => x.op)
    .filter((o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned")
    .filter((o) => o.domain === domain)
    .map((o) => o.number);
}

describe("push", () => {
  it("is idempotent: the same batch twice gives duplicates with the original seqs and changes nothing", async () => {
    const desk = await client.signIn({ desk: "K1" });
    const org = await client.signIn("organizer");
    const t = ops.created(desk, "K");
    const batch = [t, ops.called(desk, t.ticketId)];
    const first = await client.push(desk, batch);
    expect(first.results.map((r) => r.status)).toEqual(["accepted", "accepted"]);
    const before = await client.pullAll(org);
    const second = await client.push(desk, batch);
    expect(second.results).toEqual(first.results.map((r) => ({ ...r, status: "duplicate" })));
    const after = await client.pullAll(org);
    expect(after.ops).toEqual(before.ops);
  });

  it("reports a duplicate inside one batch against the first copy", async () => {
    const desk = await client.signIn({ desk: "K1" });
    const t = ops.created(desk, "K");
    const res = await client.push(desk, [t, t]);
    expect(res.results[0]?.status).toBe("accepted");
    expect(res.results[1]).toEqual({ id: t.id, status: "duplicate", seq: (res.results[0] as { seq: number }).seq });
  });

  it("gives each new ticket a server number per domain, in arrival order, as a server operation", async () => {
    const desk = await client.signIn({ desk: "S1" });
    const org = await client.signIn("organizer");
    const created = [ops.created(desk, "S"), ops.created(desk, "S"), ops.created(desk, "S")];
    await client.push(desk, created);
    const all = (await client.pullAll(org)).ops;
    const assigned = all
      .map((x) => x.op)
      .filter((o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned" && o.domain === "S");
    expect(assigned.map((o) => o.ticketId)).toEqual(created.map((c) => c.ticketId));
    expect(assigned.map((o) => o.number)).toEqual(["S-001", "S-002", "S-003"]);
    for (const o of assigned) {
      expect(o.actor.role).toBe("server");
      // the number's stamp sorts after the creation it answers
      const c = created.find((x) => x.ticketId === o.ticketId);
      expect(c && o.hlc > c.hlc).toBe(true);
    }
  });

  it("confirms a number from the device's reserved block, and never gives a reserved number to anyone else", async () => {
    const desk = await client.signIn({ desk: "A1" });
    const other = await client.signIn({ desk: "A2" });
    const org = await client.signIn("organizer");
    await client.push(desk, [ops.created(desk, "A")]); // A-001 from the counter
    const r = await client.call(API.blocks, {
      method: "POST",
      headers: { ...desk.headers, "content-type": "application/json" },
      body: JSON.stringify({ domain: "A" }),
    });
    expect(r.status).toBe(200);
    const block = (await r.json()) as { from: number; to: number };
    expect(block.to - block.from + 1).toBe(LIMITS.numberBlockSize);
    // desk A1's own range, apart from the phones' counter
    expect(block.from).toBe(1001);
    const n = block.from + 3;
    const walkIn = ops.created(desk, "A", { reservedNumber: `A-${n}` });
    // another desk claiming the same reserved number does not get it
    const forged = ops.created(other, "A", { reservedNumber: `A-${n}` });
    const next = ops.created(other, "A");
    await client.push(desk, [walkIn]);
    await client.push(other, [forged, next]);
    const all = (await client.pullAll(org)).ops.map((x) => x.op);
    const numberOf = (ticketId: string) =>
      all.find((o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned" && o.ticketId === ticketId)?.number;
    expect(numberOf(walkIn.ticketId)).toBe(`A-${n}`);
    const forgedNumber = Number(numberOf(forged.ticketId)?.slice(2));
    const nextNumber = Number(numberOf(next.ticketId)?.slice(2));
    for (const x of [forgedNumber, nextNumber]) expect(x < block.from || x > block.to).toBe(true);
    // the phones' line goes on from the counter: A-001, A-002, A-003
    expect([forgedNumber, nextNumber]).toEqual([2, 3]);
    const given = numbersOf(
      all.map((op) => ({ op })),
      "A",
    );
    expect(new Set(given).size).toBe(given.length);
  });

  it("numbers a transferred ticket in its new domain", async () => {
    const desk = await client.signIn({ desk: "P1" });
    const org = await client.signIn("organizer");
    const t = ops.created(desk, "P");
    const res = await client.push(desk, [t, ops.called(desk, t.ticketId), ops.transferred(desk, t.ticketId, "K")]);
    expect(res.results.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
    const all = (await client.pullAll(org)).ops.map((x) => x.op);
    const mine = all.filter(
      (o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned" && o.ticketId === t.ticketId,
    );
    expect(mine.map((o) => o.domain).sort()).toEqual(["K", "P"]);
    // the desk of P no longer acts on it; a desk of K does
    const late = await client.push(desk, [ops.called(desk, t.ticketId)]);
    expect(late.results[0]?.status).toBe("rejected");
    const k = await client.signIn({ desk: "K2" });
    const ok = await client.push(k, [ops.called(k, t.ticketId)]);
    expect(ok.results[0]?.status).toBe("accepted");
  });
});

describe("pull", () => {
  it("returns operations in commit order, in pages, with a cursor that never skips or repeats", async () => {
    const desk = await client.signIn({ desk: "K2" });
    const org = await client.signIn("organizer");
    const batch = Array.from({ length: 30 }, () => ops.created(desk, "K"));
    await client.push(desk, batch);
    const whole = await client.pullAll(org);
    const seqs = whole.ops.map((x) => x.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const paged = await client.pullAll(org, 7);
    expect(paged.ops).toEqual(whole.ops);
    const first = await client.pullPage(org, 0, 7);
    expect(first.res.ops).toHaveLength(7);
    expect(first.res.more).toBe(true);
    expect(first.res.cursor).toBe(first.res.ops.at(-1)?.seq);
    const last = await client.pullPage(org, seqs.at(-1) ?? 0);
    expect(last.res).toMatchObject({ ops: [], more: false, cursor: seqs.at(-1) });
    // the batch's creations come in the order pushed
    const createdIds = whole.ops.map((x) => x.op.id).filter((id) => batch.some((b) => b.id === id));
    expect(createdIds).toEqual(batch.map((b) => b.id));
  });

  it("re-sends a participant's profile to a desk with their new ticket, never to a participant or beyond the cursor", async () => {
    const desk = await client.signIn({ desk: "K1" });
    const phone = await client.signIn("participant");
    const other = await client.signIn("participant");
    const profile = ops.registered(phone, phone.actor.participantId, "Ni Kadek Kembali");
    await client.push(phone, [profile, ops.created(phone, "K")]);
    const cursor = (await client.pullAll(desk)).ops.at(-1)?.seq ?? 0;
    // the desk forgets the profile once served; the participant lines up again
    const again = ops.created(phone, "S");
    await client.push(phone, [again]);
    const page = await client.pullPage(desk, cursor);
    const ids = page.res.ops.map((x) => x.op.id);
    expect(ids).toContain(profile.id);
    expect(ids).toContain(again.id);
    expect(page.res.ops.find((x) => x.op.id === profile.id)?.seq).toBeLessThanOrEqual(cursor);
    expect(page.res.cursor).toBeGreaterThan(cursor); // the cursor is the page's own, not the re-sent profile's
    // a page with no new ticket of theirs carries no profile
    const quiet = await client.pullPage(desk, page.res.cursor);
    expect(quiet.res.ops).toEqual([]);
    // another participant pulling the same page never gets the profile
    const theirs = await client.pullPage(other, cursor);
    expect(theirs.text).not.toContain("Ni Kadek Kembali");
  });

  it("a device whose clock is far behind still pushes and pulls", async () => {
    const desk = await client.signIn({ desk: "K1" });
    const t = { ...ops.created(desk, "K") };
    t.hlc = `${(Date.now() - 30 * 24 * 3600_000).toString(36).padStart(11, "0")}-00000-${desk.actor.deviceId}`;
    const res = await client.push(desk, [t]);
    expect(res.results[0]?.status).toBe("accepted");
    const page = await client.pullPage(desk, 0);
    expect(page.res.ops.length).toBeGreaterThan(0);
  });
});
