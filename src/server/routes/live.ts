import { streamSSE } from "hono/streaming";
import { API, LIVE_HEARTBEAT_MS, type LiveHeartbeat, type LiveMessage } from "../../core/protocol.ts";
import type { App, Deps } from "../http/context.ts";

/**
 * Server-Sent Events: `event: seq` with `{"seq": n}` whenever operations of the
 * device's event commit, and once on connect, so the device pulls at once. It
 * says only that there is something new; what, the device pulls (filtered).
 * A `heartbeat` event every LIVE_HEARTBEAT_MS keeps proxies from dropping an idle
 * stream and, unlike a comment (which EventSource hides from the page), tells the
 * device it still hears the server: a phone whose 3G went silent without closing
 * the socket notices the silence and reconnects (src/sync/liveness.ts).
 */
export function liveRoutes(app: App, deps: Deps, closers: Set<() => void>): void {
  app.get(API.live, (c) => {
    const who = c.get("who");
    return streamSSE(c, async (stream) => {
      const send = (seq: number) => {
        const msg: LiveMessage = { seq };
        stream.writeSSE({ event: "seq", data: JSON.stringify(msg) }).catch(() => stream.abort());
      };
      const unsubscribe = deps.notifier.subscribe(who.eventId, send);
      const keepAlive = setInterval(() => {
        const beat: LiveHeartbeat = { serverTime: deps.now() };
        stream.writeSSE({ event: "heartbeat", data: JSON.stringify(beat) }).catch(() => stream.abort());
      }, LIVE_HEARTBEAT_MS);
      let done = () => {};
      const ended = new Promise<void>((resolve) => {
        done = resolve;
      });
      stream.onAbort(done);
      closers.add(done);
      try {
        const first: LiveMessage = { seq: await deps.store.latestSeq(who.eventId) };
        await stream.writeSSE({ event: "seq", data: JSON.stringify(first), retry: 3000 });
        await ended;
      } finally {
        closers.delete(done);
        clearInterval(keepAlive);
        unsubscribe();
      }
    });
  });
}
