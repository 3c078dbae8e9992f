import { connect, createServer, type Socket } from "node:net";

/**
 * A TCP proxy in front of the server that can stall the way 3G does: `stall()`
 * stops forwarding bytes in both directions without closing anything (the
 * sockets stay open, new ones are accepted and then hang); `resume()` delivers
 * what was held, in order, and forwards again. Neither side sees an error, so
 * only a device that expects to hear from the server notices.
 */
export interface StallProxy {
  /** e.g. http://127.0.0.1:43125 (no trailing slash): the origin the stalled device uses */
  readonly url: string;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

type Held = { to: Socket; chunk: Buffer | null };

export async function startStallProxy(targetPort: number): Promise<StallProxy> {
  let stalled = false;
  let held: Held[] = [];
  const sockets = new Set<Socket>();

  // Bytes (or an end of stream, as null) go through at once, or wait in order while stalled.
  const deliver = (to: Socket, chunk: Buffer | null) => {
    if (stalled) held.push({ to, chunk });
    else if (chunk === null) to.end();
    else to.write(chunk);
  };

  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    client.on("data", (chunk) => deliver(upstream, chunk));
    upstream.on("data", (chunk) => deliver(client, chunk));
    client.on("end", () => deliver(upstream, null));
    upstream.on("end", () => deliver(client, null));
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("stall proxy: no port");

  return {
    url: `http://127.0.0.1:${address.port}`,
    stall() {
      stalled = true;
    },
    resume() {
      stalled = false;
      const queue = held;
      held = [];
      for (const { to, chunk } of queue) {
        if (to.destroyed) continue;
        if (chunk === null) to.end();
        else to.write(chunk);
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
