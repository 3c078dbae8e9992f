import webpush from "web-push";
import type { PushPayload } from "../../core/push.ts";
import type { LogLine } from "../http/errors.ts";
import type { VapidKeys } from "./keys.ts";

/**
 * Delivers encrypted messages to push services. web-push does the VAPID
 * signature and the aes128gcm encryption (RFC 8291/8292); the request itself
 * goes out through fetch with a hard deadline, because a venue without
 * internet must cost the rest of the server nothing:
 * - every request is abandoned after `timeoutMs` (DNS, connect, answer, all of it);
 * - at most `maxInFlight` requests at a time, at most `maxQueued` waiting (the
 *   rest are dropped and counted: a message an hour late is worse than none);
 * - after `breakAfter` network failures in a row the sender rests for
 *   `restMs` and drops what comes meanwhile, so a dead uplink is not hammered.
 * Nothing here is awaited by a request handler.
 */
export type SendResult = "sent" | "gone" | "failed" | "dropped";

export interface SendTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushSender {
  send(target: SendTarget, payload: PushPayload, ttlSeconds: number): Promise<SendResult>;
  /** whether the endpoint may be sent to (a known push service, or one allowed by LOKET_WEB_PUSH_ENDPOINTS) */
  allows(endpoint: string): boolean;
}

export interface SenderOptions {
  vapid: VapidKeys;
  /** VAPID `sub`: a mailto: or https: address where the push service can reach the operator */
  subject: string;
  log: LogLine;
  /** origins allowed beside the known push services (tests: a local endpoint; a self-hosted push service) */
  extraOrigins?: readonly string[];
  timeoutMs?: number;
  maxInFlight?: number;
  maxQueued?: number;
  breakAfter?: number;
  restMs?: number;
  now?: () => number;
}

/**
 * The push services of the browsers a participant may use (Chrome and Samsung
 * Internet: FCM; Firefox: Mozilla; Safari: Apple; Edge: WNS). Any other host
 * is refused when the phone subscribes: the server would otherwise POST to any
 * address a participant names (a request forgery into the venue's network).
 */
const KNOWN_PUSH_HOSTS = [".googleapis.com", ".push.services.mozilla.com", ".push.apple.com", ".notify.windows.com"];

export const PUSH_DEFAULTS = { timeoutMs: 5_000, maxInFlight: 4, maxQueued: 500, breakAfter: 3, restMs: 30_000 } as const;

export function createPushSender(opts: SenderOptions): PushSender {
  const o = { ...PUSH_DEFAULTS, ...opts };
  const now = opts.now ?? Date.now;
  const extra = new Set((opts.extraOrigins ?? []).map((s) => s.replace(/\/+$/, "")));
  const queue: (() => Promise<void>)[] = [];
  let inFlight = 0;
  let networkFailures = 0;
  let restUntil = 0;
  let dropped = 0;

  function allows(endpoint: string): boolean {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return false;
    }
    if (extra.has(url.origin)) return true;
    return url.protocol === "https:" && !url.port && KNOWN_PUSH_HOSTS.some((h) => url.hostname.endsWith(h));
  }

  function pump(): void {
    while (inFlight < o.maxInFlight && queue.length > 0) {
      const job = queue.shift();
      if (!job) break;
      inFlight++;
      void job().finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  function drop(why: string): SendResult {
    dropped++;
    // one line per 50 drops: a dead uplink must not flood the log either
    if (dropped % 50 === 1) o.log({ level: "warn", message: `web push: message dropped (${why}); ${dropped} so far` });
    return "dropped";
  }

  async function deliver(target: SendTarget, payload: PushPayload, ttl: number): Promise<SendResult> {
    if (now() < restUntil) return drop("push services unreachable, resting");
    const host = new URL(target.endpoint).host;
    let details: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      details = webpush.generateRequestDetails(target, JSON.stringify(payload), {
        vapidDetails: { subject: o.subject, publicKey: o.vapid.publicKey, privateKey: o.vapid.privateKey },
        TTL: ttl,
        contentEncoding: "aes128gcm",
        urgency: "high",
      });
    } catch (e) {
      // keys the browser would never make; the subscription was validated, so this is rare
      o.log({ level: "warn", message: `web push: cannot encrypt for ${host}: ${String(e).slice(0, 200)}` });
      return "failed";
    }
    try {
      // fetch sets Content-Length itself from the body
      const headers: Record<string, string> = {};
      for (const [k, val] of Object.entries(details.headers)) if (k.toLowerCase() !== "content-length") headers[k] = String(val);
      const res = await fetch(details.endpoint, {
        method: "POST",
        headers,
        body: details.body ? new Uint8Array(details.body) : null,
        signal: AbortSignal.timeout(o.timeoutMs),
        redirect: "error",
      });
      await res.body?.cancel().catch(() => {});
      networkFailures = 0;
      if (res.status === 404 || res.status === 410) return "gone";
      if (res.status >= 200 && res.status < 300) return "sent";
      // the endpoint's host and the status only: the endpoint's path identifies the phone
      o.log({ level: "warn", message: `web push: ${host} answered ${res.status}` });
      return "failed";
    } catch (e) {
      networkFailures++;
      if (networkFailures >= o.breakAfter) {
        restUntil = now() + o.restMs;
        networkFailures = 0;
      }
      const why = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${o.timeoutMs} ms` : "unreachable";
      o.log({ level: "warn", message: `web push: ${host} ${why}` });
      return "failed";
    }
  }

  return {
    allows,
    send(target, payload, ttl) {
      if (queue.length >= o.maxQueued) return Promise.resolve(drop("queue full"));
      return new Promise<SendResult>((resolve) => {
        queue.push(() => deliver(target, payload, ttl).then(resolve));
        pump();
      });
    },
  };
}
