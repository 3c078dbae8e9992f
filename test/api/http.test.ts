import { readFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, type ErrorResponse, MIN_CLIENT_PROTOCOL, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../src/core/protocol.ts";
import { SIGN_IN_LIMITS } from "../../src/server/http/rate-limit.ts";
import { createDeviceKey } from "../../src/sync/device-key.ts";
import { clientFor, type Device, ops } from "./client.ts";
import { CODES, EVENT, type ServerProcess, startServer } from "./server-process.ts";

let server: ServerProcess;
let client: ReturnType<typeof clientFor>;
let desk: Device;

beforeAll(async () => {
  server = await startServer();
  client = clientFor(server.base);
  desk = await client.signIn({ desk: "K1" });
});
afterAll(async () => {
  await server.stop();
});

/** GET with node:http, to see the bytes exactly as sent (fetch would decompress them). */
function raw(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${server.base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("protocol versions", () => {
  const pushWith = (version: string | null) =>
    client.call(API.push, {
      method: "POST",
      headers: {
        authorization: desk.headers.authorization ?? "",
        "content-type": "application/json",
        ...(version === null ? {} : { [PROTOCOL_HEADER]: version }),
      },
      body: JSON.stringify({ ops: [ops.created(desk, "K")] }),
    });

  it("answers 426 clientTooOld to a missing or older version, serverTooOld to a newer one, and stores nothing", async () => {
    const org = await client.signIn("organizer");
    const before = await client.pullAll(org);
    for (const [version, error] of [
      [null, "clientTooOld"],
      [String(MIN_CLIENT_PROTOCOL - 1), "clientTooOld"],
      ["banana", "clientTooOld"],
      [String(PROTOCOL_VERSION + 1), "serverTooOld"],
    ] as const) {
      const r = await pushWith(version);
      expect(r.status).toBe(426);
      const body = (await r.json()) as ErrorResponse;
      expect(body).toMatchObject({ error, minProtocol: MIN_CLIENT_PROTOCOL, protocol: PROTOCOL_VERSION });
      expect(body.message).toMatch(error === "clientTooOld" ? /update/ : /server needs an update/);
    }
    expect((await client.pullAll(org)).ops).toEqual(before.ops);
    expect((await pushWith(String(PROTOCOL_VERSION))).status).toBe(200);
  });

  it("checks the version before the token or the body", async () => {
    const r = await client.call(API.push, { method: "POST", body: "{{{" });
    expect(r.status).toBe(426);
    const a = await client.call(API.auth, {
      method: "POST",
      body: JSON.stringify({ role: "organizer", eventId: EVENT, code: CODES.organizerCode }),
    });
    expect(a.status).toBe(426);
  });

  it("health needs no version and no token", async () => {
    const r = await client.call(API.health);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, protocol: PROTOCOL_VERSION });
  });
});

describe("security headers", () => {
  it("every response carries a strict CSP and nosniff; API responses are no-store", async () => {
    const paths = [API.health, API.event, "/api/nope", "/", "/desk", "/assets/index-AbC123.js", "/assets/missing.js", "/sw.js"];
    for (const p of paths) {
      const r = await client.call(p, { headers: p === API.event ? desk.headers : {} });
      const csp = r.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      if (p.startsWith("/api")) expect(r.headers.get("cache-control")).toBe("no-store");
      await r.arrayBuffer();
    }
  });
});

describe("static files", () => {
  const asset = "/assets/index-AbC123.js";

  it("hashed assets are immutable for a year and sent with brotli when accepted, else gzip", async () => {
    const file = readFileSync(join(server.distDir, "assets", "index-AbC123.js"));
    const br = await raw(asset, { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.body.length).toBeLessThan(file.length);
    expect(brotliDecompressSync(br.body).equals(file)).toBe(true);

    const gz = await raw(asset, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(file)).toBe(true);

    const plain = await raw(asset);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(file)).toBe(true);
    expect(plain.headers["content-type"]).toMatch(/javascript/);
  });

  it("the shell, the worker, its registration and the manifest are no-cache", async () => {
    for (const p of ["/", "/index.html", "/sw.js", "/registerSW.js", "/manifest.webmanifest"]) {
      const r = await raw(p);
      expect(r.status).toBe(200);
      expect(r.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("app routes fall back to the shell; missing files and /api never do", async () => {
    const shell = readFileSync(join(server.distDir, "index.html"), "utf8");
    for (const p of ["/desk", "/board", "/admin", "/participant/ticket/123"]) {
      const r = await raw(p);
      expect(r.status).toBe(200);
      expect(r.body.toString()).toBe(shell);
    }
    const missing = await raw("/assets/index-Missing.js");
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).not.toContain("<html");
    const api = await raw("/api/desk", { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
    expect(api.status).toBe(401);
    expect(api.headers["content-type"]).toMatch(/json/);
    const traversal = await raw("/assets/..%2f..%2f..%2fetc%2fpasswd");
    expect(traversal.body.toString()).not.toContain("root:");
  });
});

describe("rate limit", () => {
  let limited: ServerProcess;
  beforeAll(async () => {
    limited = await startServer({ LOKET_RATE_LIMIT: "5" });
  });
  afterAll(async () => {
    await limited.stop();
  });

  it("answers 429 with Retry-After once a token has used its requests for the minute", async () => {
    const c = clientFor(limited.base);
    const d = await c.signIn("organizer");
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const r = await c.call(`${API.pull}?after=0`, { headers: d.headers });
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers.get("retry-after");
        expect(((await r.json()) as ErrorResponse).error).toBe("rateLimited");
      } else await r.arrayBuffer();
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  it("limits failed sign-ins per address and role, so codes cannot be guessed quickly, and the venue's phones still join", async () => {
    const c = clientFor(limited.base);
    const key = await createDeviceKey();
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.failuresPerMinute + 2; i++) {
      const r = await c.authRaw({ role: "organizer", eventId: EVENT, code: `GUESS${i}` }, key);
      statuses.push(r.status);
      await r.arrayBuffer();
    }
    expect(statuses.slice(0, SIGN_IN_LIMITS.failuresPerMinute)).toEqual(
      Array.from({ length: SIGN_IN_LIMITS.failuresPerMinute }, () => 401),
    );
    expect(statuses.at(-1)).toBe(429);
    // even the right code waits now: guessing is slowed down, not only wrong guesses
    expect((await c.authRaw({ role: "organizer", eventId: EVENT, code: CODES.organizerCode }, key)).status).toBe(429);
    // the guesser behind the venue's NAT does not lock the phones out
    expect((await c.signIn("participant")).auth.role).toBe("participant");
  });
});
