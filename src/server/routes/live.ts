import { streamSSE } from "hono/streaming";
import { API, type LiveMessage } from "../../core/protocol.ts";
import type { App, Deps } from "../http/context.ts";

export const KEEP_ALIVE_MS = 15_000;

/**
 * Server-Sent Events: `event: seq` with `{"seq": n}` whenever operations of the
 * device's event commit, and once on connect, so the device pulls at once. It
 * says only that there is something new; what, the device pulls (filtered).
 * Keep-alive comments stop proxies and phones from dropping an idle stream.
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
        stream.write(": keep-alive\n\n").catch(() => stream.abort());
      }, KEEP_ALIVE_MS);
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
