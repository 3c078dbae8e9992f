import { serve } from "@hono/node-server";
import { API } from "../../src/core/protocol.ts";
import { createApp } from "../../src/server/app.ts";
import { seedDemoEvent } from "../../src/server/seed.ts";
import { openStoreFromEnv } from "../../src/server/store/open.ts";

/**
 * One server instance as index.ts will run it once it opens its store with
 * `openStoreFromEnv` (PostgreSQL when DATABASE_URL is set): for the tests of
 * several instances on one database, until index.ts is wired. Same settings:
 * PORT, HOST, DIST_DIR, LOKET_DEMO_CODES (JSON), LOKET_RATE_LIMIT and
 * LOKET_TEST_HOLD_PUSH_MS (hold each push's answer after its commit).
 */
function die(message: string): never {
  process.stderr.write(`loket: ${message}\n`);
  process.exit(1);
}

const env = process.env;
const opened = await openStoreFromEnv(env).catch((e: unknown) => die(e instanceof Error ? e.message : String(e)));
const codes = env.LOKET_DEMO_CODES ? JSON.parse(env.LOKET_DEMO_CODES) : undefined;
await seedDemoEvent(opened.store, codes ? { codes } : {});
const rateLimit = env.LOKET_RATE_LIMIT === "0" ? false : { perMinute: Number(env.LOKET_RATE_LIMIT) || 600 };
const { app, close } = createApp({
  store: opened.store,
  distDir: env.DIST_DIR ?? null,
  rateLimit,
  ...(opened.notifier ? { notifier: opened.notifier } : {}),
});
const holdPush = Number(env.LOKET_TEST_HOLD_PUSH_MS ?? 0);
const fetch = !holdPush
  ? app.fetch
  : async (req: Request) => {
      const res = await app.fetch(req);
      if (new URL(req.url).pathname === API.push) await new Promise((r) => setTimeout(r, holdPush));
      return res;
    };
const server = serve({ fetch, port: Number(env.PORT ?? 8080), hostname: env.HOST ?? "127.0.0.1" }, (info) => {
  process.stdout.write(`Loket is listening on http://127.0.0.1:${info.port} (${opened.describe})\n`);
});
const stop = () => {
  close();
  server.close();
  void opened.store.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
