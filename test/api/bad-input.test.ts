import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids.ts";
import { API, type ErrorResponse, LIMITS, type SignInRequest } from "../../src/core/protocol.ts";
import { createDeviceKey } from "../../src/sync/device-key.ts";
import { clientFor, type Device, ops } from "./client.ts";
import { EVENT, protocolHeaders, type ServerProcess, startServer } from "./server-process.ts";

/** Every bad input gets a 4xx (or a per-operation rejection) that says what is wrong, is logged, and changes nothing. */
let server: ServerProcess;
let client: ReturnType<typeof clientFor>;
let desk: Device;
let org: Device;

beforeAll(async () => {
  server = await startServer();
  client = clientFor(server.base);
  desk = await client.signIn({ desk: "K1" });
  org = await client.signIn("organizer");
});
afterAll(async () => {
  await server.stop();
});

async function expectError(r: Response, status: number, error: string, says: RegExp): Promise<void> {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await r.json()) as ErrorResponse;
  expect(body.error).toBe(error);
  expect(body.message).toMatch(says);
}

/** Runs `bad`, then checks that the server's log gained a line and the record did not change. */
async function changesNothing(bad: () => Promise<void>): Promise<void> {
  const before = await client.pullAll(org);
  const logBefore = server.output().length;
  await bad();
  const after = await client.pullAll(org);
  expect(after.ops).toEqual(before.ops);
  await new Promise((r) => setTimeout(r, 50));
  expect(server.output().slice(logBefore)).toMatch(/"level":"warn"/);
}

describe("bad requests answer 4xx JSON with a message, and change nothing", () => {
  it("malformed JSON", async () => {
    await changesNothing(async () => {
      await expectError(await client.pushRaw(desk, '{"ops": [ {"id": '), 400, "badRequest", /not valid JSON/);
    });
  });

  it("wrong types and empty batches", async () => {
    await changesNothing(async () => {
      await expectError(await client.pushRaw(desk, { ops: "all of them" }), 400, "badRequest", /ops/);
      await expectError(await client.pushRaw(desk, { ops: [] }), 400, "badRequest", /ops/);
      await expectError(await client.pushRaw(desk, [1, 2]), 400, "badRequest", /not what this endpoint takes/);
      await expectError(await client.pushRaw(desk, { ops: [], extra: 1 }), 400, "badRequest", /extra|ops/);
    });
  });

  it("too many operations in one push", async () => {
    const many = Array.from({ length: LIMITS.maxOpsPerPush + 1 }, () => ops.created(desk, "K"));
    await changesNothing(async () => {
      await expectError(await client.pushRaw(desk, { ops: many }), 400, "badRequest", /at most 500 operations/);
    });
  });

  it("an oversized body", async () => {
    const big = JSON.stringify({ ops: [{ pad: "x".repeat(LIMITS.maxBodyBytes + 10) }] });
    await changesNothing(async () => {
      await expectError(await client.pushRaw(desk, big), 413, "tooLarge", /larger than/);
    });
  });

  it("a missing, unknown or malformed token", async () => {
    await changesNothing(async () => {
      const body = JSON.stringify({ ops: [ops.created(desk)] });
      const h = { ...protocolHeaders, "content-type": "application/json" };
      await expectError(await client.call(API.push, { method: "POST", headers: h, body }), 401, "unauthorized", /not signed in/);
      await expectError(
        await client.call(API.push, { method: "POST", headers: { ...h, authorization: "Bearer not-a-real-token" }, body }),
        401,
        "unauthorized",
        /unknown token/,
      );
      await expectError(
        await client.call(`${API.pull}?after=0`, { headers: { ...protocolHeaders, authorization: "Basic abc" } }),
        401,
        "unauthorized",
        /not signed in/,
      );
    });
  });

  it("a wrong code, an unknown event or desk", async () => {
    const auth = async (body: object) => client.authRaw(body as SignInRequest, await createDeviceKey());
    await expectError(await auth({ role: "participant", eventId: EVENT, code: "WRONG1" }), 401, "unauthorized", /wrong code/);
    await expectError(
      await auth({ role: "desk", eventId: EVENT, code: "MEJAS1", deskId: "K1" }),
      401,
      "unauthorized",
      /wrong code for desk K1/,
    );
    await expectError(
      await auth({ role: "desk", eventId: EVENT, code: "MEJAK1", deskId: "K9" }),
      401,
      "unauthorized",
      /no desk K9/,
    );
    await expectError(
      await auth({ role: "organizer", eventId: "jakarta-2027", code: "PANITIA1" }),
      401,
      "unauthorized",
      /unknown event/,
    );
    await expectError(await auth({ role: "server", eventId: EVENT, code: "PANITIA1" }), 400, "badRequest", /role/);
  });

  it("a bad pull query, a bad block request, an unknown endpoint", async () => {
    await expectError(await client.call(`${API.pull}?after=-1`, { headers: org.headers }), 400, "badRequest", /after/);
    await expectError(await client.call(`${API.pull}?after=0&limit=5000`, { headers: org.headers }), 400, "badRequest", /limit/);
    await expectError(
      await client.call(API.blocks, {
        method: "POST",
        headers: { ...org.headers, "content-type": "application/json" },
        body: '{"domain":"X"}',
      }),
      400,
      "badRequest",
      /domain/,
    );
    const r = await client.call("/api/nothing-here", { headers: org.headers });
    await expectError(r, 404, "notFound", /no such API endpoint/);
  });
});

describe("bad operations are rejected one by one, and never keep good ones out", () => {
  it("each bad operation gets its reason; the good ones beside it are accepted", async () => {
    const good1 = ops.created(desk, "K");
    const good2 = ops.created(desk, "K");
    const { question: _q, ...noQuestion } = ops.created(desk, "K");
    const { outcome: _o, ...noOutcome } = ops.closed(desk, good1.ticketId);
    const aheadMs = 3 * 24 * 3600_000;
    const ahead = {
      ...ops.created(desk, "K"),
      hlc: `${(Date.now() + aheadMs).toString(36).padStart(11, "0")}-00000-${desk.actor.deviceId}`,
    };
    const bad = [
      { ...ops.created(desk, "K"), type: "ticket.teleported" },
      { ...ops.created(desk, "K"), domain: 7 },
      "not an operation",
      null,
      { ...ops.created(desk, "K"), actor: { ...desk.actor, deviceId: newId() } },
      { ...ops.created(desk, "K"), actor: { ...desk.actor, role: "organizer", deskId: undefined } },
      { ...ops.created(desk, "K"), eventId: "jakarta-2027" },
      ahead,
      {
        id: newId(),
        eventId: EVENT,
        hlc: ahead.hlc.replace(/^[0-9a-z]{11}/, Date.now().toString(36).padStart(11, "0")),
        actor: { deviceId: "SERVER00", role: "server" },
        type: "ticket.numberAssigned",
        ticketId: good1.ticketId,
        domain: "K",
        number: "K-999",
      },
      {
        id: newId(),
        eventId: EVENT,
        hlc: good1.hlc,
        actor: desk.actor,
        type: "ticket.numberAssigned",
        ticketId: good1.ticketId,
        domain: "K",
        number: "K-998",
      },
      noQuestion,
      noOutcome,
    ];
    const res = await client.push(desk, [good1, ...bad, good2]);
    const statuses = res.results.map((r) => r.status);
    expect(statuses[0]).toBe("accepted");
    expect(statuses.at(-1)).toBe("accepted");
    expect(statuses.slice(1, -1).every((s) => s === "rejected")).toBe(true);
    const reasons = res.results.slice(1, -1).map((r) => (r.status === "rejected" ? r.reason : ""));
    expect(reasons[0]).toMatch(/type/);
    expect(reasons[1]).toMatch(/domain/);
    expect(reasons[4]).toBe("actor does not match your sign-in");
    expect(reasons[5]).toBe("actor does not match your sign-in");
    expect(reasons[6]).toMatch(/jakarta-2027/);
    expect(reasons[7]).toBe("clock ahead of server by 72 hours: check the device's date and time");
    expect(reasons[8]).toMatch(/server only/);
    expect(reasons[9]).toMatch(/server only/);
    expect(reasons[10]).toMatch(/question/);
    expect(reasons[11]).toMatch(/outcome/);
    expect(res.results[1]?.id).toBe((bad[0] as { id: string }).id);
    expect(res.results[3]?.id).toBeNull();
    // what the bad ones claimed is nowhere in the record
    const all = await client.pullAll(org);
    const stored = new Set(all.ops.map((x) => x.op.id));
    for (const b of bad) if (b && typeof b === "object" && "id" in b) expect(stored.has(b.id as string)).toBe(false);
    expect(all.text).not.toContain("K-999");
    expect(all.text).not.toContain("K-998");
    // and the log says so
    await new Promise((r) => setTimeout(r, 50));
    expect(server.output()).toMatch(/operations rejected/);
  });
});
