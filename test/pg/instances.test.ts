import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldAll } from "../../src/core/fold-all.ts";
import type { Operation, OpOf } from "../../src/core/operation.ts";
import { API, PROTOCOL_VERSION } from "../../src/core/protocol.ts";
import { clientFor, ops } from "../api/client.ts";
import { pushThenKill, type ServerProcess } from "../api/server-process.ts";
import { startPgServer, stopTestPostgres, testPostgres } from "./pg-server-process.ts";

/**
 * Several server processes on one PostgreSQL, each a real process (src/server/index.ts),
 * devices signed in on each: what one instance records, every device sees
 * through any instance; numbers are never given twice; a call through one
 * instance reaches a phone listening on another; an instance killed mid-push
 * loses and duplicates nothing once the device retries through another.
 */
let url: string;
let a: ServerProcess;
let b: ServerProcess;
const extra: ServerProcess[] = [];

beforeAll(async () => {
  url = await (await testPostgres()).newDatabase();
  [a, b] = await Promise.all([startPgServer({ LOKET_RATE_LIMIT: "0" }, url), startPgServer({ LOKET_RATE_LIMIT: "0" }, url)]);
});
afterAll(async () => {
  await Promise.all([a, b, ...extra].map((s) => s?.stop("SIGKILL")));
  await stopTestPostgres();
});

const numbersIn = (all: Operation[]) => all.filter((o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned");

function expectNoNumberTwice(all: Operation[]): void {
  const numbers = numbersIn(all);
  expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
  expect(new Set(numbers.map((n) => `${n.ticketId}:${n.domain}`)).size).toBe(numbers.length);
}

describe("two instances on one database", () => {
  it("devices on both converge, and no number is given twice under concurrent pushes", async () => {
    const ca = clientFor(a.base);
    const cb = clientFor(b.base);
    const on = (i: number) => (i % 2 ? cb : ca);
    const phones = await Promise.all(Array.from({ length: 20 }, (_, i) => on(i).signIn("participant")));
    const desks = await Promise.all(["K1", "K2", "S1", "S2"].map((desk, i) => on(i).signIn({ desk })));
    const orgA = await ca.signIn("organizer");
    const orgB = await cb.signIn("organizer");

    // every phone takes three numbers at once (in three domains: one open ticket per
    // domain), half through each instance, and sends the same batch again through
    // the other one (a retry after a lost answer)
    const taken = phones.map((p, i) => [
      ops.created(p, i % 3 ? "K" : "S"),
      ops.created(p, i % 3 ? "S" : "K"),
      ops.created(p, "A"),
    ]);
    await Promise.all(
      phones.map(async (p, i) => {
        const batch = taken[i] ?? [];
        const first = await on(i).push(p, batch);
        expect(first.results.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
        const again = await on(i + 1).push(p, batch);
        expect(again.results.map((r) => r.status)).toEqual(["duplicate", "duplicate", "duplicate"]);
      }),
    );
    // desks call tickets of their domain, each through its own instance, at once
    const tickets = taken.flat();
    await Promise.all(
      desks.map(async (d, i) => {
        const mine = tickets.filter((t) => t.domain === d.actor.deskId?.[0]).filter((_, k) => k % 2 === i % 2);
        const res = await on(i).push(
          d,
          mine.slice(0, 5).map((t) => ops.called(d, t.ticketId)),
        );
        expect(res.results.every((r) => r.status === "accepted")).toBe(true);
      }),
    );

    const [viaA, viaB] = await Promise.all([ca.pullAll(orgA), cb.pullAll(orgB)]);
    expect(viaB.ops).toEqual(viaA.ops);
    const all = viaA.ops.map((x) => x.op);
    expect(viaA.ops.map((x) => x.seq)).toEqual(viaA.ops.map((_, i) => i + 1));
    expectNoNumberTwice(all);
    expect(numbersIn(all)).toHaveLength(tickets.length);
    const truth = new Map(foldAll(all).tickets.map((t) => [t.id, t]));

    // every phone, whichever instance it asks, sees every ticket's number and state as the organizer does
    for (const [i, p] of phones.entries()) {
      const seen = await on(i + 1).pullAll(p);
      const states = foldAll(seen.ops.map((x) => x.op)).tickets;
      expect(states).toHaveLength(truth.size);
      for (const s of states) {
        const t = truth.get(s.id);
        expect({ numbers: s.numbers, status: s.status, holder: s.holder }).toEqual({
          numbers: t?.numbers,
          status: t?.status,
          holder: t?.holder,
        });
      }
    }
  });

  it("a call through one instance reaches a phone listening on the other within a second", async () => {
    const ca = clientFor(a.base);
    const cb = clientFor(b.base);
    const phone = await cb.signIn("participant");
    const desk = await ca.signIn({ desk: "K1" });
    const t = ops.created(phone, "K");
    await cb.push(phone, [t]);
    const res = await fetch(`${b.base}${API.live}?token=${encodeURIComponent(phone.auth.token)}&protocol=${PROTOCOL_VERSION}`);
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const nextSeq = async (): Promise<number> => {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const data = buffer
            .slice(0, end)
            .split("\n")
            .find((l) => l.startsWith("data:"));
          buffer = buffer.slice(end + 2);
          if (data) return (JSON.parse(data.slice(5)) as { seq: number }).seq;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += decoder.decode(value, { stream: true });
      }
    };
    await nextSeq(); // the greeting
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      const pushed = await ca.push(desk, [ops.called(desk, t.ticketId)]);
      const r = pushed.results[0];
      const seq = r?.status === "accepted" ? r.seq : -1;
      let got = 0;
      while (got < seq) got = await nextSeq();
      times.push(performance.now() - started);
      expect(got).toBe(seq);
    }
    await reader.cancel();
    expect(Math.max(...times)).toBeLessThan(1000);
    console.info(`call through A -> phone on B: ${times.map((x) => x.toFixed(1)).join(", ")} ms`);
  });
});

describe("an instance killed mid-push", () => {
  it("the device's retry through another instance neither loses nor duplicates anything", async () => {
    const cb = clientFor(b.base);
    const outcomes: string[] = [];
    const sent: Operation[] = [];
    for (const delay of [0, 5, 40, 150]) {
      const doomed = await startPgServer({ LOKET_RATE_LIMIT: "0", LOKET_TEST_HOLD_PUSH_MS: "300" }, url);
      extra.push(doomed);
      const desk = await clientFor(doomed.base).signIn({ desk: "S1" });
      const batch: Operation[] = [];
      for (let i = 0; i < 100; i++) {
        const t = ops.created(desk, "S");
        batch.push(t, ops.called(desk, t.ticketId));
      }
      sent.push(...batch);
      const outcome = await pushThenKill(doomed, desk, batch, delay);
      // the token was issued through the dead instance; the other one knows it too
      const retry = await cb.push(desk, batch);
      expect(retry.results.every((r) => r.status === "accepted" || r.status === "duplicate")).toBe(true);
      outcomes.push(
        `${outcome}: retry found ${retry.results.filter((r) => r.status === "duplicate").length} of ${batch.length} stored`,
      );
    }
    const org = await cb.signIn("organizer");
    const all = (await cb.pullAll(org)).ops.map((x) => x.op);
    const ids = all.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = new Set(ids);
    for (const o of sent) expect(stored.has(o.id)).toBe(true);
    expectNoNumberTwice(all);
    const createdS = all.filter((o) => o.type === "ticket.created" && o.domain === "S").length;
    expect(numbersIn(all).filter((n) => n.domain === "S")).toHaveLength(createdS);
    // the server's stamps never went back, whichever instance gave them
    const stamps = numbersIn(all).map((n) => n.hlc);
    expect(stamps).toEqual([...stamps].sort());
    console.info(`kill rounds: ${outcomes.join("; ")}`);
  });
});
