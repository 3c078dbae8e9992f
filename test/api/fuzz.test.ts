import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, MIN_CLIENT_PROTOCOL, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../src/core/protocol.ts";
import { createApp } from "../../src/server/app.ts";
import { seedDemoEvent } from "../../src/server/seed.ts";
import { openSqliteStore } from "../../src/server/store/sqlite.ts";
import type { SyncStore } from "../../src/server/store/types.ts";
import { clientFor, type Device, ops } from "./client.ts";
import { CODES, fakeDist } from "./server-process.ts";

/**
 * Thousands of generated malformed requests at every endpoint, in-process
 * (app.fetch) for speed, on a real SQLite file: never a 5xx, never a throw,
 * every API refusal is `{error, message}`, and the file passes its integrity
 * check afterwards.
 */
let store: SyncStore;
let app: ReturnType<typeof createApp>;
let client: ReturnType<typeof clientFor>;
const devices: Device[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "loket-fuzz-"));
  fakeDist(join(dir, "dist"));
  store = openSqliteStore(join(dir, "loket.sqlite"));
  await seedDemoEvent(store, { codes: CODES });
  app = createApp({ store, distDir: join(dir, "dist"), log: () => {}, rateLimit: false });
  client = clientFor("http://loket.test", (input, init) => Promise.resolve(app.app.fetch(new Request(input, init))));
  devices.push(await client.signIn("participant"), await client.signIn({ desk: "K1" }), await client.signIn("organizer"));
});
afterAll(async () => {
  app.close();
  await store.close();
});

const paths = [...Object.values(API), "/api", "/api/", "/api/push/extra", "/", "/desk", "/assets/x.js", "/%", "/api/%E0%A4%A"];
const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/** A valid operation with one field replaced by anything, removed, or added. */
function mutatedOp(): fc.Arbitrary<unknown> {
  return fc
    .record({
      device: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom("created", "called", "edited", "cancelled", "closed", "registered"),
      key: fc.constantFrom(
        "id",
        "eventId",
        "hlc",
        "actor",
        "type",
        "ticketId",
        "domain",
        "participantId",
        "question",
        "deskId",
        "profile",
        "outcome",
        "priority",
        "extra",
      ),
      value: fc.oneof(fc.anything(), fc.string(), fc.constant(undefined)),
      keep: fc.boolean(),
    })
    .map(({ device, kind, key, value, keep }) => {
      const d = devices[device] as Device;
      const t = ops.created(d, "K");
      const op: Record<string, unknown> =
        kind === "created"
          ? t
          : kind === "called"
            ? ops.called(d, t.ticketId)
            : kind === "edited"
              ? ops.edited(d, t.ticketId)
              : kind === "cancelled"
                ? ops.cancelled(d, t.ticketId)
                : kind === "closed"
                  ? ops.closed(d, t.ticketId)
                  : ops.registered(d);
      if (!keep) op[key] = value;
      return op;
    });
}

const body = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.json(),
  fc.anything().map((x) => {
    try {
      return JSON.stringify(x) ?? "";
    } catch {
      return "";
    }
  }),
  fc.array(mutatedOp(), { minLength: 0, maxLength: 8 }).map((o) => JSON.stringify({ ops: o })),
  fc.record({ ops: fc.anything() }).map((x) => JSON.stringify(x)),
  fc
    .record({
      role: fc.constantFrom("participant", "desk", "organizer", "server", 1),
      eventId: fc.string(),
      code: fc.string(),
      deviceId: fc.string(),
      deskId: fc.string(),
    })
    .map((x) => JSON.stringify(x)),
  fc.record({ domain: fc.oneof(fc.constantFrom("K", "S", "A", "P"), fc.string()) }).map((x) => JSON.stringify(x)),
);

const request = fc.record({
  path: fc.oneof(
    { arbitrary: fc.constantFrom(API.push, API.auth, API.pull, API.blocks), weight: 4 },
    { arbitrary: fc.constantFrom(...paths), weight: 2 },
  ),
  query: fc.oneof(
    fc.constant(""),
    fc.string().map((s) => `?after=${encodeURIComponent(s)}`),
    fc.constant("?after=0&limit=0"),
    fc.string().map((s) => `?${s}`),
  ),
  method: fc.oneof(
    { arbitrary: fc.constantFrom("GET", "POST"), weight: 4 },
    { arbitrary: fc.constantFrom(...methods), weight: 1 },
  ),
  // mostly well-versioned and signed in, so that most requests reach the routes
  version: fc.oneof(
    { arbitrary: fc.constant(String(PROTOCOL_VERSION)), weight: 8 },
    {
      arbitrary: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom(String(MIN_CLIENT_PROTOCOL - 1), String(PROTOCOL_VERSION + 1), "-1", "1.5", ""),
        fc.string(),
      ),
      weight: 1,
    },
  ),
  auth: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 2 }), weight: 6 },
    { arbitrary: fc.oneof(fc.constant(undefined), fc.string()), weight: 1 },
  ),
  contentType: fc.constantFrom(undefined, "application/json", "text/plain", "multipart/form-data"),
  body,
});

describe("fuzz", () => {
  it("never answers 5xx nor throws, whatever the request", async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers = new Headers();
        try {
          if (r.version !== undefined) headers.set(PROTOCOL_HEADER, r.version);
          if (typeof r.auth === "number") headers.set("authorization", devices[r.auth]?.headers.authorization ?? "");
          else if (r.auth !== undefined) headers.set("authorization", `Bearer ${r.auth}`);
        } catch {
          // a header value fetch itself refuses: leave it out
        }
        if (r.contentType) headers.set("content-type", r.contentType);
        const hasBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
        let url: string;
        try {
          url = new URL(`${r.path}${r.query}`, "http://loket.test").toString();
        } catch {
          return;
        }
        const res = await app.app.fetch(new Request(url, { method: r.method, headers, ...(hasBody ? { body: r.body } : {}) }));
        expect(res.status).toBeLessThan(500);
        const key = `${r.method} ${new URL(url).pathname} ${res.status}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (res.headers.get("content-type")?.includes("text/event-stream")) {
          await res.body?.cancel();
          return;
        }
        const text = await res.text();
        if (res.status >= 400 && r.method !== "HEAD" && new URL(url).pathname.startsWith("/api")) {
          const json = JSON.parse(text) as { error: unknown; message: unknown };
          expect(typeof json.error).toBe("string");
          expect(typeof json.message).toBe("string");
        }
      }),
      { numRuns: 5000, seed: Number(process.env.FUZZ_SEED ?? 20260115) },
    );
    // the generated requests reached the routes, not only the gates
    for (const reached of [
      "POST /api/push 200",
      "POST /api/push 400",
      "POST /api/auth 400",
      "GET /api/pull 200",
      "POST /api/blocks 200",
    ]) {
      expect(seen.get(reached) ?? 0).toBeGreaterThan(0);
    }
    expect(await store.integrityCheck()).toBe("ok");
    // and the server still takes a good push
    const d = devices[1] as Device;
    const res = await client.push(d, [ops.created(d, "K")]);
    expect(res.results[0]?.status).toBe("accepted");
  });
});
