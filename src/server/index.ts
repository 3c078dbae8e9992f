import { mkdirSync, readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { networkInterfaces } from "node:os";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import * as v from "valibot";
import { API } from "../core/protocol.ts";
import { createApp } from "./app.ts";
import { challengeSecretFrom } from "./challenges.ts";
import { seedDemoEvent } from "./seed.ts";
import { openStoreFromEnv } from "./store/open.ts";
import type { WebPushOptions } from "./webpush/dispatch.ts";
import { loadOrCreateVapidKeys } from "./webpush/keys.ts";
import { PUSH_DEFAULTS } from "./webpush/sender.ts";

/**
 * Listens: reads the settings from the environment, opens the data file,
 * seeds the demo event and prints where to go. Failures people can fix (a
 * port in use, a data folder that cannot be written) are one line, not a stack.
 *
 *   PORT (8080)  HOST (0.0.0.0)  DATA_DIR (./data)  DIST_DIR (./dist)
 *   DATABASE_URL  postgres://… to use the central PostgreSQL instead of SQLite in DATA_DIR
 *   LOKET_DEPLOYMENT_ID  names the deployment (checked when importing a venue laptop's file)
 *   LOKET_DEMO_CODES  fixed demo codes, JSON: {"participantCode": "…", "organizerCode": "…", "deskCodes": {"K1": "…"}}
 *   LOKET_RATE_LIMIT  requests per minute per device (600; 0 turns it and the sign-in limits off)
 *   LOKET_AUTH_SECRET  base64url, ≥ 32 bytes: the sign-in challenges' key, the same on every instance of a deployment
 *   TLS_CERT, TLS_KEY  PEM files: serve HTTPS itself (phones need it for offline use over the venue Wi-Fi)
 *   PUBLIC_URL  the address people open (https://loket.example.go.id), for the printed links
 *   LOKET_WEB_PUSH  "off": send no Web Push messages (phones then keep the page awake instead)
 *   LOKET_VAPID_SUBJECT  mailto: or https: contact for the push services (default: PUBLIC_URL when https, else mailto:loket@localhost)
 *   LOKET_WEB_PUSH_ENDPOINTS  comma-separated origins allowed as push endpoints beside the known push services
 *   LOKET_WEB_PUSH_TIMEOUT_MS  how long one message may take to reach a push service (5000)
 *   LOKET_TEST_HOLD_PUSH_MS  tests only: delay each push's answer after its commit
 *   LOKET_TEST_CLOCK_FILE  tests only: a file holding milliseconds added to the server's clock, read at every reading
 */
const CodesSchema = v.partial(
  v.strictObject({
    participantCode: v.pipe(v.string(), v.minLength(4), v.maxLength(64)),
    organizerCode: v.pipe(v.string(), v.minLength(4), v.maxLength(64)),
    deskCodes: v.record(v.string(), v.pipe(v.string(), v.minLength(4), v.maxLength(64))),
  }),
);

function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return null;
}

function die(message: string): never {
  process.stderr.write(`loket: ${message}\n`);
  process.exit(1);
}

/** The certificate and key to serve HTTPS with, both or neither; a file that cannot be read ends start-up in one line. */
function tlsFromEnv(env: NodeJS.ProcessEnv): { cert: Buffer; key: Buffer } | null {
  const { TLS_CERT: certPath, TLS_KEY: keyPath } = env;
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) die("set both TLS_CERT and TLS_KEY (PEM files) to serve HTTPS, or neither");
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (e) {
      return die(`${name} ${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  };
  return { cert: read("TLS_CERT", certPath), key: read("TLS_KEY", keyPath) };
}

function publicUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
  if (!env.PUBLIC_URL) return null;
  try {
    const url = new URL(env.PUBLIC_URL);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    return url.origin;
  } catch {
    return die(`PUBLIC_URL must be an address such as https://loket.example.go.id, not "${env.PUBLIC_URL}"`);
  }
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) die(`PORT must be a port number, not "${env.PORT}"`);
  const host = env.HOST ?? "0.0.0.0";
  const distDir = resolve(env.DIST_DIR ?? "dist");
  let codes: v.InferOutput<typeof CodesSchema> | undefined;
  if (env.LOKET_DEMO_CODES) {
    let json: unknown;
    try {
      json = JSON.parse(env.LOKET_DEMO_CODES);
    } catch {
      die("LOKET_DEMO_CODES is not valid JSON");
    }
    const r = v.safeParse(CodesSchema, json);
    if (!r.success)
      die("LOKET_DEMO_CODES must be {participantCode, organizerCode, deskCodes: {K1: …}} with codes of 4 to 64 characters");
    codes = r.output;
  }
  const rateLimit = env.LOKET_RATE_LIMIT === "0" ? false : { perMinute: Number(env.LOKET_RATE_LIMIT) || 600 };
  const tls = tlsFromEnv(env);
  const publicUrl = publicUrlFromEnv(env);

  // SQLite in DATA_DIR by default; the central PostgreSQL when DATABASE_URL is set (docs/ARCHITECTURE.md).
  const opened = await openStoreFromEnv(env).catch((e: unknown) => die(e instanceof Error ? e.message : String(e)));
  const { store } = opened;
  const demo = await seedDemoEvent(store, codes ? { codes } : {});
  let authSecret: Uint8Array | undefined;
  try {
    authSecret = challengeSecretFrom(env.LOKET_AUTH_SECRET);
  } catch (e) {
    die(e instanceof Error ? e.message : String(e));
  }
  const webPush = webPushFromEnv(env, publicUrl);
  // Test hook for the wrong-clocks spec: true time (the server's) moves on when the
  // spec moves it, together with the browsers' page clocks, so that real minutes of
  // waiting and service pass without the spec waiting for them.
  const clockFile = env.LOKET_TEST_CLOCK_FILE;
  const now = clockFile ? () => Date.now() + (Number(readFileSync(clockFile, "utf8")) || 0) : undefined;
  const { app, close } = createApp({
    store,
    ...(webPush ? { webPush } : {}),
    distDir,
    rateLimit,
    ...(now ? { now } : {}),
    ...(authSecret ? { authSecret } : {}),
    ...(opened.notifier ? { notifier: opened.notifier } : {}),
  });

  // Test hook for the restart-safety test: hold each push's answer back after
  // its commit, so that the server can be killed between the two.
  const holdPush = Number(env.LOKET_TEST_HOLD_PUSH_MS ?? 0);
  const fetch = !holdPush
    ? app.fetch
    : async (req: Request) => {
        const res = await app.fetch(req);
        if (new URL(req.url).pathname === API.push) await new Promise((r) => setTimeout(r, holdPush));
        return res;
      };
  const listen = { fetch, port, hostname: host };
  let server: ReturnType<typeof serve>;
  try {
    server = serve(tls ? { ...listen, createServer: createHttpsServer, serverOptions: tls } : listen, (info) =>
      banner(info.port),
    );
  } catch (e) {
    // a certificate or key that is not PEM, or that do not match
    return die(`TLS_CERT and TLS_KEY cannot serve HTTPS: ${e instanceof Error ? e.message : String(e)}`);
  }

  function banner(listeningOn: number): void {
    // Listening on every interface: phones on the venue Wi-Fi need the LAN address, not localhost.
    const shown = host === "0.0.0.0" || host === "::" ? (lanAddress() ?? "localhost") : host;
    const base = publicUrl ?? `${tls ? "https" : "http"}://${shown}:${listeningOn}`;
    const e = encodeURIComponent(demo.eventId);
    const lines = [
      `Loket is listening on ${base} (${opened.describe})`,
      `Demo event: ${demo.eventId}`,
      `  participant  ${base}/?event=${e}&code=${demo.participantCode}`,
      `  board        ${base}/board?event=${e}&code=${demo.participantCode}`,
      `  organizer    ${base}/admin?event=${e}   code ${demo.organizerCode}`,
      ...Object.entries(demo.deskCodes).map(
        ([desk, code]) => `  desk ${desk.padEnd(7)} ${base}/desk?event=${e}&desk=${desk}&code=${code}`,
      ),
      `  health       ${base}${API.health}`,
      // Service workers (offline use) need a secure context: localhost, or HTTPS.
      tls
        ? "Serving HTTPS: phones work offline when the certificate is valid for the address they open."
        : `Offline use needs HTTPS (or localhost, e.g. http://localhost:${listeningOn} on this laptop): set TLS_CERT and TLS_KEY, or put a TLS proxy in front, for phones on the venue Wi-Fi.`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  applyTimeouts(server);
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") die(`port ${port} on ${host} is already in use: stop the other server or set PORT`);
    if (err.code === "EACCES") die(`no permission to listen on port ${port}: use a port above 1024 (PORT=8080)`);
    die(`cannot listen on ${host}:${port}: ${err.message}`);
  });

  // Clean shutdown: one signal or several (Ctrl-C in a terminal signals the
  // whole process group; a service manager may signal again while we close),
  // the database is closed once and properly. SQLite then checkpoints its WAL
  // and removes the -wal and -shm files. Later signals are only reported: the
  // default action of a second signal would kill the process mid-close.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stdout.write(`loket: ${signal} again: still closing the database\n`);
      return;
    }
    stopping = true;
    process.stdout.write(`loket: ${signal}: closing\n`);
    close();
    server.close();
    // live streams and idle keep-alive connections would hold server.close() open
    if ("closeAllConnections" in server && typeof server.closeAllConnections === "function") server.closeAllConnections();
    store.close().then(
      () => process.exit(0),
      (e: unknown) => die(`closing the database failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/**
 * Web Push settings: the VAPID key pair lives in the data folder beside the
 * SQLite file (made at the first start, reused after); PostgreSQL instances
 * share it through the same DATA_DIR.
 */
function webPushFromEnv(env: NodeJS.ProcessEnv, publicUrl: string | null): WebPushOptions | null {
  if (env.LOKET_WEB_PUSH === "off") return null;
  const dataDir = resolve(env.DATA_DIR ?? "data");
  let vapid: WebPushOptions["vapid"];
  try {
    mkdirSync(dataDir, { recursive: true });
    vapid = loadOrCreateVapidKeys(dataDir);
  } catch (e) {
    return die(`Web Push keys: ${e instanceof Error ? e.message : String(e)} (or set LOKET_WEB_PUSH=off)`);
  }
  const subject = env.LOKET_VAPID_SUBJECT ?? (publicUrl?.startsWith("https:") ? publicUrl : "mailto:loket@localhost");
  if (!/^(mailto:|https:\/\/)/.test(subject)) die(`LOKET_VAPID_SUBJECT must be a mailto: or https:// address, not "${subject}"`);
  const extraOrigins = (env.LOKET_WEB_PUSH_ENDPOINTS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const timeoutMs = Number(env.LOKET_WEB_PUSH_TIMEOUT_MS ?? PUSH_DEFAULTS.timeoutMs);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000)
    die(`LOKET_WEB_PUSH_TIMEOUT_MS must be milliseconds from 100 to 60000, not "${env.LOKET_WEB_PUSH_TIMEOUT_MS}"`);
  return { vapid, subject, extraOrigins, timeoutMs };
}

/**
 * Deliberate timeouts, so a slow or stalled client cannot hold a connection
 * (and its memory) forever. Node's defaults were never a decision: no idle
 * timeout at all, 60 s for headers, 300 s per request.
 * - headers must arrive within 10 s (a phone on bad Wi-Fi sends a few hundred bytes);
 * - a whole request, body included, within 60 s: the largest body (1 MB, LIMITS.maxBodyBytes)
 *   needs ~17 KB/s, slower than that the device retries later with a smaller batch;
 * - an idle kept-alive connection closes after 5 s (phones poll every few seconds or hold a live stream);
 * - any connection silent for 60 s closes: the live stream (SSE) writes a keep-alive every 15 s,
 *   so only dead or stalled sockets go. Answers are not bounded: a long pull page is written at the client's pace.
 */
export const SERVER_TIMEOUTS = {
  headersMs: 10_000,
  requestMs: 60_000,
  keepAliveMs: 5_000,
  idleSocketMs: 60_000,
} as const;

function applyTimeouts(server: ReturnType<typeof serve>): void {
  if (!("headersTimeout" in server)) return;
  server.headersTimeout = SERVER_TIMEOUTS.headersMs;
  server.requestTimeout = SERVER_TIMEOUTS.requestMs;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveMs;
  server.setTimeout(SERVER_TIMEOUTS.idleSocketMs);
}

// Run when started directly (tsx src/server/index.ts, node dist-server/index.js); scripts/start.mjs imports main.
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("src/server/index.ts")) {
  main().catch((e: unknown) => die(e instanceof Error ? e.message : String(e)));
}
