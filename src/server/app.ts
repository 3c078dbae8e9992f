import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { API, formatHistory, HISTORY_HEADER, LIMITS, MIN_CLIENT_PROTOCOL, PROTOCOL_VERSION } from "../core/protocol.ts";
import { createChallenges } from "./challenges.ts";
import { createDeviceTracker } from "./devices.ts";
import type { App, Deps, Env } from "./http/context.ts";
import { fail, type LogLine, logText } from "./http/errors.ts";
import { protocolGate, requireToken } from "./http/guards.ts";
import { securityHeaders } from "./http/headers.ts";
import { createRateLimiter, SIGN_IN_LIMITS, unlimited } from "./http/rate-limit.ts";
import { createLocalNotifier, type Notifier } from "./notifier.ts";
import { adminRoutes } from "./routes/admin.ts";
import { authRoutes } from "./routes/auth.ts";
import { eventRoutes } from "./routes/event.ts";
import { liveRoutes } from "./routes/live.ts";
import { syncRoutes } from "./routes/sync.ts";
import { webPushRoutes } from "./routes/webpush.ts";
import { createStaticHandler } from "./static.ts";
import type { SyncStore } from "./store/types.ts";
import { TOKEN_TTL_MS } from "./tokens.ts";
import { createWebPush, type WebPush, type WebPushOptions } from "./webpush/dispatch.ts";

export interface AppOptions {
  store: SyncStore;
  /** the built PWA to serve (dist/); null or absent serves the API only */
  distDir?: string | null;
  /** the server's wall clock, ms (tests move it) */
  now?: () => number;
  /** one JSON object per line of log */
  log?: (line: object) => void;
  /** per device; false turns it and the sign-in limits (rate-limit.ts SIGN_IN_LIMITS) off */
  rateLimit?: { perMinute: number } | false;
  /** the sign-in challenges' MAC key, shared by the instances of one deployment (LOKET_AUTH_SECRET); random when absent */
  authSecret?: Uint8Array;
  notifier?: Notifier;
  tokenTtlMs?: number;
  /** Web Push (VAPID keys and where to send); absent: no push messages, the phones fall back to the open page */
  webPush?: WebPushOptions;
}

export const DEFAULT_RATE_LIMIT = { perMinute: 600 };

const defaultLog: LogLine = (line) => {
  process.stdout.write(`${logText({ t: new Date().toISOString(), ...line })}\n`);
};

/**
 * Builds the HTTP app: tests and the multi-device simulation call
 * `app.fetch(request)` in-process; index.ts listens with it. `close()` ends the
 * live streams and their timers; the store belongs to the caller, who closes it.
 */
export function createApp(opts: AppOptions): { app: Hono; close(): void } {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? defaultLog;
  const rate = opts.rateLimit === undefined ? DEFAULT_RATE_LIMIT : opts.rateLimit;
  const notifier = opts.notifier ?? createLocalNotifier();
  const deps: Deps = {
    store: opts.store,
    notifier,
    now,
    log,
    limiter: rate === false ? unlimited : createRateLimiter(rate.perMinute, now),
    signInLimiter: rate === false ? unlimited : createRateLimiter(SIGN_IN_LIMITS.requestsPerMinute, now),
    failureLimiter: rate === false ? unlimited : createRateLimiter(SIGN_IN_LIMITS.failuresPerMinute, now),
    challenges: createChallenges(now, opts.authSecret),
    tokenTtlMs: opts.tokenTtlMs ?? TOKEN_TTL_MS,
  };
  const webPush: WebPush | undefined = opts.webPush ? createWebPush(opts.store, log, opts.webPush) : undefined;
  if (webPush) deps.webPush = webPush;
  const closers = new Set<() => void>();

  const app: App = new Hono<Env>();
  app.use("*", securityHeaders);
  // Every API answer, refusals included, names the server and its history
  // epoch, so that a device notices a restored server (core/protocol.ts).
  const history = opts.store.history().then(formatHistory);
  history.catch(() => {});
  app.use("/api/*", async (c, next) => {
    await next();
    c.header(HISTORY_HEADER, await history);
  });

  app.get(API.health, (c) =>
    c.json({ ok: true, protocol: PROTOCOL_VERSION, minProtocol: MIN_CLIENT_PROTOCOL, serverTime: now() }),
  );

  // Order matters: Hono runs handlers in the order they are registered, and a
  // handler that answers ends the chain. Health needs nothing; sign-in needs the
  // protocol gate and the body limit; everything after needs a token.
  const API_PATHS = ["/api", "/api/*"];
  for (const p of API_PATHS) app.use(p, protocolGate(deps));
  for (const p of API_PATHS) {
    app.use(
      p,
      bodyLimit({
        maxSize: LIMITS.maxBodyBytes,
        onError: (c) => {
          const res = fail(
            c,
            deps.log,
            "tooLarge",
            `the request body is larger than ${LIMITS.maxBodyBytes} bytes: send fewer operations at once`,
          );
          // The rest of the body is left unread: the connection cannot carry another request.
          res.headers.set("Connection", "close");
          return res;
        },
      }),
    );
  }
  authRoutes(app, deps);
  // A phone on prepaid 3G pays for every byte: the event (with its 41 regions)
  // and the pages of operations are JSON that gzip shrinks to a quarter. The
  // live stream is left alone (compress() skips text/event-stream).
  app.use(API.event, compress());
  app.use(API.pull, compress());
  for (const p of API_PATHS) app.use(p, requireToken(deps));
  // each push and pull reports the device's sync state (devices.ts)
  const devices = createDeviceTracker(deps.store, now);
  app.use(API.push, devices.middleware);
  app.use(API.pull, devices.middleware);
  adminRoutes(app, deps, devices);
  eventRoutes(app, deps);
  syncRoutes(app, deps);
  webPushRoutes(app, deps);
  liveRoutes(app, deps, closers);
  for (const p of API_PATHS)
    app.all(p, (c) => fail(c, deps.log, "notFound", `no such API endpoint: ${c.req.method} ${c.req.path}`));

  const serveStatic = opts.distDir ? createStaticHandler(opts.distDir) : null;
  app.get("*", (c) => (serveStatic ? serveStatic(c) : c.text("Not found", 404)));
  app.all("*", (c) => c.text("Not found", 404));

  app.onError((err, c) => {
    deps.log({ level: "error", status: 500, message: String(err).slice(0, 500), path: c.req.path.slice(0, 200) });
    return c.json({ error: "internal", message: "the server failed on this request; it has been logged" }, 500);
  });

  return {
    app: app as unknown as Hono,
    close() {
      for (const done of [...closers]) done();
      closers.clear();
      notifier.close();
      void devices.close().catch(() => {});
    },
  };
}
