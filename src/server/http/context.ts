import type { Hono } from "hono";
import type { Notifier } from "../notifier.ts";
import type { SyncStore, TokenRecord } from "../store/types.ts";
import type { LogLine } from "./errors.ts";
import type { RateLimiter } from "./rate-limit.ts";

/** What every route needs, built once by createApp. */
export interface Deps {
  store: SyncStore;
  notifier: Notifier;
  now: () => number;
  log: LogLine;
  limiter: RateLimiter;
  tokenTtlMs: number;
}

export type Env = { Variables: { who: TokenRecord } };
export type App = Hono<Env>;
