/**
 * Keeps the phone's screen on while the participant waits without push
 * messages (Screen Wake Lock API): with the screen off, the page's sound and
 * vibration would wait until someone looks. The browser drops the lock when
 * the page is hidden; it is asked for again each time the page is shown, and
 * given back when waiting ends (called, served, or the screen left).
 */
export interface WakeLockSentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
}

export interface WakeEnv {
  /** null where the API is missing (older iOS, Firefox) */
  request: (() => Promise<WakeLockSentinelLike>) | null;
  visible(): boolean;
  onVisibilityChange(cb: () => void): () => void;
}

export function browserWakeEnv(): WakeEnv {
  const wl = (navigator as Navigator & { wakeLock?: { request(type: "screen"): Promise<WakeLockSentinelLike> } }).wakeLock;
  return {
    request: wl ? () => wl.request("screen") : null,
    visible: () => document.visibilityState === "visible",
    onVisibilityChange(cb) {
      document.addEventListener("visibilitychange", cb);
      return () => document.removeEventListener("visibilitychange", cb);
    },
  };
}

/** Holds the screen on until the returned function is called. Returns false from `supported` where it cannot. */
export function keepScreenAwake(env: WakeEnv): { stop(): void; supported: boolean } {
  const request = env.request;
  if (!request) return { stop() {}, supported: false };
  let sentinel: WakeLockSentinelLike | null = null;
  let stopped = false;
  let asking = false;
  const acquire = () => {
    if (stopped || asking || !env.visible() || (sentinel && !sentinel.released)) return;
    asking = true;
    request().then(
      (s) => {
        asking = false;
        if (stopped) void s.release().catch(() => undefined);
        else sentinel = s;
      },
      () => {
        // refused (battery saver, no user activation yet): the next showing of the page tries again
        asking = false;
      },
    );
  };
  const off = env.onVisibilityChange(acquire);
  acquire();
  return {
    supported: true,
    stop() {
      stopped = true;
      off();
      if (sentinel && !sentinel.released) void sentinel.release().catch(() => undefined);
      sentinel = null;
    },
  };
}
