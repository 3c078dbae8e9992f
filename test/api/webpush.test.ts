import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import Database from "better-sqlite3";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API } from "../../src/core/protocol.ts";
import { PushPayloadSchema, type WebPushInfo } from "../../src/core/push.ts";
import { clientFor, type Device, ops } from "./client.ts";
import { freePort, type ServerProcess, startServer } from "./server-process.ts";

/**
 * Web Push against a push service of our own: a local HTTP server stands in
 * for FCM/Mozilla/Apple (allowed by LOKET_WEB_PUSH_ENDPOINTS), and the phone's
 * keys are made here with node:crypto, so the test decrypts what the real
 * server process sends (RFC 8291) and checks its VAPID signature (RFC 8292).
 * The endpoint's path says how the "push service" answers: /ok/… 201,
 * /gone/… 410, /hang/… never.
 */

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** resolves when the server gave up on the request (closed its side) */
  closed: Promise<void>;
}

/** How long the server waits for a push service here: long enough that the desk's actions below surely fall inside it. */
const HANG_TIMEOUT_MS = 8_000;
const received: Received[] = [];
const waiters: { match: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
const hanging: ServerResponse[] = [];
let pushService: Server;
let pushOrigin = "";
let server: ServerProcess;
let client: ReturnType<typeof clientFor>;

/** The n-th request (0-based) received on a path, waiting for it if need be. */
function requestOn(path: string, n = 0): Promise<Received> {
  const have = received.filter((r) => r.path === path)[n];
  if (have) return Promise.resolve(have);
  return new Promise((resolve) =>
    waiters.push({ match: (r) => r.path === path && received.filter((x) => x.path === path).length === n + 1, resolve }),
  );
}

/** The first message of a kind on a path (a short line may bring "near" before "called"). */
async function messageOn(path: string, keys: BrowserKeys, kind: "called" | "near") {
  for (let n = 0; ; n++) {
    const got = await requestOn(path, n);
    const payload = v.parse(PushPayloadSchema, decrypt(got.body, keys));
    if (payload.kind === kind) return { got, payload };
  }
}

beforeAll(async () => {
  const port = await freePort();
  pushOrigin = `http://127.0.0.1:${port}`;
  pushService = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const closed = new Promise<void>((r) => res.on("close", () => r()));
      const got: Received = { path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks), closed };
      received.push(got);
      for (const w of waiters.splice(0)) {
        if (w.match(got)) w.resolve(got);
        else waiters.push(w);
      }
      if (got.path.startsWith("/hang/")) return void hanging.push(res);
      res.writeHead(got.path.startsWith("/gone/") ? 410 : 201).end();
    });
  });
  await new Promise<void>((r) => pushService.listen(port, "127.0.0.1", r));
  server = await startServer({ LOKET_WEB_PUSH_ENDPOINTS: pushOrigin, LOKET_WEB_PUSH_TIMEOUT_MS: String(HANG_TIMEOUT_MS) });
  client = clientFor(server.base);
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await server.stop();
  await new Promise((r) => pushService.close(r));
});

/** A browser's push keys: a P-256 pair and a 16-byte auth secret. */
function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    json: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
  };
}
type BrowserKeys = ReturnType<typeof browserKeys>;

/** RFC 8291 (aes128gcm, one record): what the service worker would read. */
function decrypt(body: Buffer, keys: BrowserKeys): unknown {
  const salt = body.subarray(0, 16);
  const idLen = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLen);
  const cipher = body.subarray(21 + idLen);
  const shared = keys.ecdh.computeSecret(serverPublic);
  const info = Buffer.concat([Buffer.from("WebPush: info\0"), keys.ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, keys.auth, info, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const d = createDecipheriv("aes-128-gcm", cek, nonce);
  d.setAuthTag(cipher.subarray(cipher.length - 16));
  const plain = Buffer.concat([d.update(cipher.subarray(0, cipher.length - 16)), d.final()]);
  // the last record ends with the delimiter 0x02, then padding zeros
  let end = plain.length - 1;
  while (end > 0 && plain[end] === 0) end--;
  expect(plain[end]).toBe(2);
  return JSON.parse(plain.subarray(0, end).toString("utf8"));
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>`: the server's key, signed ES256 by it, for this push service. */
function checkVapid(header: string | undefined, publicKey: string): { sub: string } {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  expect(m, `Authorization: ${header}`).not.toBeNull();
  const [, jwt = "", k = ""] = m ?? [];
  expect(k).toBe(publicKey);
  const [h = "", p = "", sig = ""] = jwt.split(".");
  const point = Buffer.from(k, "base64url");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
    format: "jwk",
  });
  const ok = verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(sig, "base64url"));
  expect(ok).toBe(true);
  const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as { aud: string; exp: number; sub: string };
  expect(claims.aud).toBe(pushOrigin);
  expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  return claims;
}

async function info(d: Device): Promise<WebPushInfo> {
  const r = await client.call(API.webPush, { headers: d.headers });
  expect(r.status).toBe(200);
  return (await r.json()) as WebPushInfo;
}

function subscribe(d: Device, endpoint: string, keys: BrowserKeys["json"], lang: "id" | "en" = "id") {
  return client.call(API.webPush, {
    method: "PUT",
    headers: { ...d.headers, "content-type": "application/json" },
    body: JSON.stringify({ subscription: { endpoint, keys }, lang }),
  });
}

async function publicKey(d: Device): Promise<string> {
  const i = await info(d);
  if (!i.available) throw new Error(`push unavailable: ${i.reason}`);
  return i.publicKey;
}

/** A participant with a ticket in `domain`, subscribed at `path` on the local push service. */
async function subscribedPhone(path: string, domain: "K" | "S" | "A" | "P") {
  const phone = await client.signIn("participant");
  const keys = browserKeys();
  expect((await subscribe(phone, `${pushOrigin}${path}`, keys.json)).status).toBe(200);
  const ticket = ops.created(phone, domain);
  await client.push(phone, [ticket]);
  return { phone, keys, ticketId: ticket.ticketId };
}

describe("Web Push: keys and subscriptions", () => {
  it("makes a VAPID key pair at first start, keeps it in the data folder and reuses it after a restart", async () => {
    const phone = await client.signIn("participant");
    const before = await publicKey(phone);
    expect(before).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(existsSync(join(server.dataDir, "vapid.json"))).toBe(true);
    await server.restart();
    client = clientFor(server.base);
    expect(await publicKey(await client.signIn("participant"))).toBe(before);
  });

  it("lets a participant subscribe for itself only, and only to a push service", async () => {
    const a = await client.signIn("participant");
    const b = await client.signIn("participant");
    const desk = await client.signIn({ desk: "K1" });
    const keys = browserKeys().json;
    const endpoint = `${pushOrigin}/ok/${randomBytes(8).toString("hex")}`;
    expect((await subscribe(desk, endpoint, keys)).status).toBe(403);
    // the server would POST there: an address of the venue's network is no push service
    expect((await subscribe(a, "http://192.168.1.1/admin", keys)).status).toBe(400);
    expect((await subscribe(a, endpoint, { ...keys, p256dh: "short" })).status).toBe(400);
    expect((await subscribe(a, endpoint, keys)).status).toBe(200);
    // saving again renews it; another participant cannot take it over, nor delete it
    expect((await subscribe(a, endpoint, keys, "en")).status).toBe(200);
    expect((await subscribe(b, endpoint, browserKeys().json)).status).toBe(403);
    const del = (d: Device) =>
      client.call(API.webPush, {
        method: "DELETE",
        headers: { ...d.headers, "content-type": "application/json" },
        body: JSON.stringify({ endpoint }),
      });
    expect(await (await del(b)).json()).toEqual({ deleted: false });
    expect(await (await del(a)).json()).toEqual({ deleted: true });
    expect((await subscribe(b, endpoint, browserKeys().json)).status).toBe(200);
  });
});

describe("Web Push: sending", () => {
  it("sends 'you are called' when a desk's call is accepted: encrypted aes128gcm, TTL, VAPID signed with the server's key", async () => {
    const { phone, keys, ticketId } = await subscribedPhone("/ok/called", "K");
    const desk = await client.signIn({ desk: "K1" });
    const res = await client.push(desk, [ops.called(desk, ticketId)]);
    expect(res.results[0]?.status).toBe("accepted");

    const { got, payload } = await messageOn("/ok/called", keys, "called");
    expect(got.headers["content-encoding"]).toBe("aes128gcm");
    expect(Number(got.headers.ttl)).toBeGreaterThan(0);
    expect(got.headers.urgency).toBe("high");
    checkVapid(got.headers.authorization, await publicKey(phone));
    expect(payload.ticketId).toBe(ticketId);
    expect(payload.title).toMatch(/^Giliran Anda: K-\d{3}$/);
    expect(payload.body).toContain("Meja K1");
  });

  it("sends 'you are 3rd in line' once the ticket is 3rd", async () => {
    // domain A holds only this test's tickets
    const phones = await Promise.all([0, 1, 2].map(() => client.signIn("participant")));
    const ahead: string[] = [];
    for (const p of phones) {
      const t = ops.created(p, "A");
      await client.push(p, [t]);
      ahead.push(t.ticketId);
    }
    const { keys, ticketId } = await subscribedPhone("/ok/near", "A");
    const desk = await client.signIn({ desk: "A1" });
    await client.push(desk, [ops.called(desk, ahead[0] ?? "")]);
    const { payload } = await messageOn("/ok/near", keys, "near");
    expect(payload).toMatchObject({ kind: "near", ticketId });
    expect(payload.title).toMatch(/^A-\d{3}: Anda urutan ke-3$/);
  });

  it("deletes a subscription that the push service answers 410 Gone", async () => {
    const path = `/gone/${randomBytes(6).toString("hex")}`;
    const { ticketId } = await subscribedPhone(path, "S");
    const desk = await client.signIn({ desk: "S1" });
    await client.push(desk, [ops.called(desk, ticketId)]);
    await requestOn(path);
    const db = new Database(join(server.dataDir, "loket.sqlite"), { readonly: true });
    try {
      const count = () =>
        db
          .prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM push_subscriptions WHERE endpoint = ?")
          .get(`${pushOrigin}${path}`)?.n;
      // the row goes once the server has read the answer: wait for that state
      while (count() !== 0) await new Promise((r) => setImmediate(r));
    } finally {
      db.close();
    }
  });

  it("answers the desk while a push service hangs, and gives up on it after the timeout", { timeout: 30_000 }, async () => {
    const path = `/hang/${randomBytes(6).toString("hex")}`;
    const { ticketId } = await subscribedPhone(path, "P");
    const desk = await client.signIn({ desk: "P1" });
    const other = await client.signIn("participant");
    expect((await client.push(desk, [ops.called(desk, ticketId)])).results[0]?.status).toBe("accepted");
    const hung = await requestOn(path);
    // the push service holds that request open: the desk's next action, a phone's ticket
    // and the health route are answered meanwhile
    let open = true;
    void hung.closed.then(() => {
      open = false;
    });
    const recall = { ...ops.called(desk, ticketId), type: "ticket.recalled" as const };
    expect((await client.push(desk, [recall])).results[0]?.status).toBe("accepted");
    expect((await client.push(other, [ops.created(other, "P")])).results[0]?.status).toBe("accepted");
    expect((await client.call(API.health)).status).toBe(200);
    expect(open).toBe(true);
    // and the server does not wait for ever (PUSH_DEFAULTS.timeoutMs)
    await hung.closed;
  });
});
