import type { Hono } from "hono";
import type { Challenges } from "../challenges.ts";
import type { Notifier } from "../notifier.ts";
import type { SyncStore, TokenRecord } from "../store/types.ts";
import type { WebPush } from "../webpush/dispatch.ts";
import type { LogLine } from "./errors.ts";
import type { RateLimiter } from "./rate-limit.ts";

/** What every route needs, built once by createApp. */
export interface Deps {
  store: SyncStore;
  notifier: Notifier;
  now: () => number;
  log: LogLine;
  /** per device, every request with a token */
  limiter: RateLimiter;
  /** per address, every sign-in request (rate-limit.ts SIGN_IN_LIMITS) */
  signInLimiter: RateLimiter;
  /** per address and role, failed sign-ins only */
  failureLimiter: RateLimiter;
  challenges: Challenges;
  tokenTtlMs: number;
  /** Web Push to participants' phones; absent when the server sends none */
  webPush?: WebPush;
}

export type Env = { Variables: { who: TokenRecord } };
export type App = Hono<Env>;
