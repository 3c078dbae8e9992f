/**
 * When to try again: exponential backoff with jitter while failing, a steady
 * poll while healthy. Pure, so the schedule is tested without waiting.
 *
 * Jitter matters at a venue: when the Wi-Fi comes back, two hundred phones must
 * not all retry in the same second.
 */
export const SCHEDULE = {
  /** first retry after a failure */
  baseMs: 2_000,
  /** retries never wait longer than this */
  maxMs: 5 * 60_000,
  /** healthy, without a live stream: poll this often */
  pollMs: 30_000,
  /** healthy, with a live stream telling us of changes: a safety poll only */
  livePollMs: 5 * 60_000,
} as const;

export type Schedule = { readonly [K in keyof typeof SCHEDULE]: number };

/**
 * Delay before retry number `failures` (1 = after the first failure): base·2^(n−1),
 * capped, with "equal jitter" (half fixed, half random) so retries spread out but
 * never come sooner than half the step.
 */
export function backoffDelay(failures: number, random: () => number, s: Schedule = SCHEDULE): number {
  const step = Math.min(s.maxMs, s.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** A `Retry-After` header (seconds, or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface ScheduleInput {
  /** consecutive failed rounds */
  readonly failures: number;
  /** what the server asked us to wait (429), if anything */
  readonly retryAfterMs: number | null;
  /** whether a live stream is open */
  readonly live: boolean;
}

/** How long to wait before the next round on the timer. */
export function nextDelay(input: ScheduleInput, random: () => number, s: Schedule = SCHEDULE): number {
  if (input.failures > 0) {
    const backoff = backoffDelay(input.failures, random, s);
    return Math.max(backoff, input.retryAfterMs ?? 0);
  }
  if (input.retryAfterMs !== null) return input.retryAfterMs;
  return input.live ? s.livePollMs : s.pollMs;
}
