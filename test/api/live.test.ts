import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API, LIVE_HEARTBEAT_MS, LIVE_SILENCE_MS, PROTOCOL_VERSION } from "../../src/core/protocol.ts";
import { clientFor, ops } from "./client.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

let server: ServerProcess;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  server = await startServer();
  client = clientFor(server.base);
});
afterAll(async () => {
  await server.stop();
});

/** Reads Server-Sent Events from a fetch body, one `{event, data}` at a time. */
function sseReader(body: ReadableStream<Uint8Array>, keepHeartbeats = false) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<{ event: string; data: string }> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split("\n");
          if (lines.every((l) => l.startsWith(":"))) continue; // a comment
          const event =
            lines
              .find((l) => l.startsWith("event:"))
              ?.slice(6)
              .trim() ?? "message";
          if (event === "heartbeat" && !keepHeartbeats) continue;
          const data = lines
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim())
            .join("\n");
          return { event, data };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe("live stream", () => {
  it("tells a connected phone the new sequence number when a desk's call commits", async () => {
    const phone = await client.signIn("participant");
    const desk = await client.signIn({ desk: "K1" });
    const t = ops.created(phone, "K");
    await client.push(phone, [t]);

    const r = await client.call(`${API.live}?token=${encodeURIComponent(phone.auth.token)}&protocol=${PROTOCOL_VERSION}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(r.headers.get("cache-control")).toBe("no-store");
    const sse = sseReader(r.body as ReadableStream<Uint8Array>);
    const hello = await sse.next();
    expect(hello.event).toBe("seq");
    const start = (JSON.parse(hello.data) as { seq: number }).seq;
    expect(start).toBeGreaterThan(0);

    const res = await client.push(desk, [ops.called(desk, t.ticketId)]);
    const callSeq = res.results[0]?.status === "accepted" ? res.results[0].seq : -1;
    const msg = await sse.next();
    expect(msg.event).toBe("seq");
    expect((JSON.parse(msg.data) as { seq: number }).seq).toBe(callSeq);
    await sse.cancel();
  });

  it("beats a heartbeat the phone can hear (an event, not a comment EventSource would hide) while nothing happens", async () => {
    const phone = await client.signIn("participant");
    const r = await client.call(`${API.live}?token=${encodeURIComponent(phone.auth.token)}&protocol=${PROTOCOL_VERSION}`);
    const sse = sseReader(r.body as ReadableStream<Uint8Array>, true);
    expect((await sse.next()).event).toBe("seq");
    const before = Date.now();
    const beat = await sse.next();
    expect(beat.event).toBe("heartbeat");
    const { serverTime } = JSON.parse(beat.data) as { serverTime: number };
    expect(serverTime).toBeGreaterThanOrEqual(before - 1000);
    // within the heartbeat period (plus scheduling slack), well inside the phone's silence limit
    expect(Date.now() - before).toBeLessThan(LIVE_HEARTBEAT_MS + 1500);
    expect(LIVE_HEARTBEAT_MS * 2).toBeLessThan(LIVE_SILENCE_MS);
    await sse.cancel();
  });

  it("needs a token and the protocol version (as query parameters, since EventSource cannot set headers)", async () => {
    const phone = await client.signIn("participant");
    const noToken = await client.call(`${API.live}?protocol=${PROTOCOL_VERSION}`);
    expect(noToken.status).toBe(401);
    const noVersion = await client.call(`${API.live}?token=${encodeURIComponent(phone.auth.token)}`);
    expect(noVersion.status).toBe(426);
  });
});
