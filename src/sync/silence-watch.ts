/**
 * A watchdog for the live stream. A 3G link that stalls does not close the
 * socket: EventSource then waits forever, sees no error, and the phone misses
 * its call. The server beats a heartbeat every few seconds, so silence longer
 * than `limitMs` means the stream is dead, whatever the socket says.
 *
 * `heard()` (re)arms the watch; `onSilent` runs once per silence; `stop()`
 * disarms it. Timers are injected so the tests run without waiting.
 */
export interface SilenceWatch {
  heard(): void;
  stop(): void;
}

export interface SilenceWatchOptions {
  limitMs: number;
  onSilent: () => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export function createSilenceWatch(opts: SilenceWatchOptions): SilenceWatch {
  let timer: unknown = null;
  const stop = () => {
    if (timer !== null) opts.clearTimeout(timer);
    timer = null;
  };
  return {
    heard() {
      stop();
      timer = opts.setTimeout(() => {
        timer = null;
        opts.onSilent();
      }, opts.limitMs);
    },
    stop,
  };
}
