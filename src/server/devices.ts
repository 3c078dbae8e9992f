import type { MiddlewareHandler } from "hono";
import { API, LAST_ERROR_HEADER, PENDING_HEADER } from "../core/protocol.ts";
import type { Env } from "./http/context.ts";
import type { DeviceStatus, SyncStore } from "./store/types.ts";

/**
 * Device sync status for the organizer's live overview. Every push and pull
 * says, in headers, how many changes the device still holds and its last sync
 * error; the server adds who the device is (from its token) and when it last
 * pushed and pulled successfully.
 *
 * Statuses are kept in memory and written to the store in one small
 * transaction at most once per `flushMs`, so that 200 phones polling do not
 * add 200 writes a second; listing writes what is waiting first. A crash loses
 * at most the last second of statuses, which the next request repeats.
 */
export const FLUSH_MS = 1000;
const ERROR_CODE = /^[a-zA-Z]{1,40}$/;

export interface DeviceTracker {
  middleware: MiddlewareHandler<Env>;
  list(eventId: string): Promise<DeviceStatus[]>;
  /** writes what is waiting and stops the timer */
  close(): Promise<void>;
}

/** The headers' values, or defaults for a client that sends none (older app, scripts). */
export function readDeviceHeaders(pending: string | undefined, lastError: string | undefined) {
  const n = pending !== undefined && /^[0-9]{1,9}$/.test(pending.trim()) ? Number(pending.trim()) : 0;
  const e = lastError?.trim();
  return { pending: n, lastError: e && ERROR_CODE.test(e) ? e : null };
}

export function createDeviceTracker(store: SyncStore, now: () => number, flushMs = FLUSH_MS): DeviceTracker {
  const waiting = new Map<string, DeviceStatus>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.size === 0) return;
    const batch = [...waiting.values()];
    waiting.clear();
    await store.recordDevices(batch);
  }

  function record(s: DeviceStatus): void {
    const key = `${s.eventId}\u0000${s.deviceId}`;
    const prev = waiting.get(key);
    waiting.set(key, {
      ...s,
      lastPushAt: s.lastPushAt ?? prev?.lastPushAt ?? null,
      lastPullAt: s.lastPullAt ?? prev?.lastPullAt ?? null,
    });
    if (!timer) {
      timer = setTimeout(() => {
        flush().catch(() => {
          // a failed status write is not worth a failed request: the next one repeats it
        });
      }, flushMs);
      timer.unref?.();
    }
  }

  const middleware: MiddlewareHandler<Env> = async (c, next) => {
    await next();
    const who = c.get("who");
    if (!who) return;
    const kind = c.req.path === API.push ? "push" : c.req.path === API.pull ? "pull" : null;
    if (!kind) return;
    const ok = c.res.status === 200;
    const t = now();
    const h = readDeviceHeaders(c.req.header(PENDING_HEADER), c.req.header(LAST_ERROR_HEADER));
    record({
      eventId: who.eventId,
      deviceId: who.deviceId,
      role: who.role,
      deskId: who.deskId,
      lastSeenAt: t,
      lastPushAt: ok && kind === "push" ? t : null,
      lastPullAt: ok && kind === "pull" ? t : null,
      pending: h.pending,
      lastError: h.lastError,
    });
  };

  return {
    middleware,
    async list(eventId) {
      await flush();
      return store.listDevices(eventId);
    },
    close: flush,
  };
}
