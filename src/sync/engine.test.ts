import { describe, expect, it } from "vitest";
import { encodeHlc, hlcWall, MAX_AHEAD_MS } from "../core/hlc.ts";
import { newId } from "../core/ids.ts";
import { type Actor, type Operation, type OpOf, parseOperation } from "../core/operation.ts";
import {
  API,
  LAST_ERROR_HEADER,
  LIMITS,
  LIVE_SILENCE_MS,
  PENDING_HEADER,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PushResult,
} from "../core/protocol.ts";
import type { RejectedOp } from "../storage/contract.ts";
import { createMemoryStore } from "../storage/memory-store.ts";
import { createSyncEngine, type LiveSource, type SyncEngineOptions } from "./engine.ts";
import { createRecorder, type OperationDraft } from "./recorder.ts";
import type { SyncStatus } from "./status.ts";

/**
 * The engine against a small fake server (a sequence-numbered log behind
 * push/pull), a fake clock and a manual timer, so every path runs without waiting.
 * The real server and many devices meet in test/sim/convergence.test.ts.
 */
const T0 = Date.UTC(2026, 0, 15, 2, 0, 0);
const actor: Actor = { deviceId: "DEVXCE0001", role: "participant", participantId: "PARTXCPANT01" };
const EVENT = "denpasar-2016";

function ticketDraft(): OperationDraft {
  return {
    type: "ticket.created",
    ticketId: newId(),
    domain: "K",
    participantId: actor.participantId ?? null,
    question: { topic: "SOTK", text: "Peta jabatan" },
    priority: false,
  };
}

function remoteOp(wall = T0): Operation {
  return {
    id: newId(),
    eventId: EVENT,
    hlc: encodeHlc({ wall, counter: 0, node: "REMXTEDEVXCE" }),
    actor: { deviceId: "REMXTEDEVXCE", role: "desk", deskId: "K1" },
    type: "ticket.called",
    ticketId: newId(),
    deskId: "K1",
  };
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function fakeServer() {
  const log: Operation[] = [];
  const requests: { method: string; path: string; headers: Headers; body: unknown }[] = [];
  const server = {
    log,
    requests,
    /** answer the next requests with these instead (one each) */
    override: [] as (Reply | "network" | "handleThenDrop")[],
    reject: new Set<string>(),
    pageSize: 2,
    serverTime: T0,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), "http://loket.test");
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      requests.push({ method: init?.method ?? "GET", path: url.pathname, headers: new Headers(init?.headers), body });
      const o = server.override.shift();
      if (o === "network") throw new TypeError("Failed to fetch");
      if (o && o !== "handleThenDrop") return json(o.status, o.body ?? { error: "x", message: "m" }, o.headers);
      const reply = handle(url, body);
      if (o === "handleThenDrop") throw new TypeError("connection reset");
      return reply;
    }) as typeof fetch,
  };
  function handle(url: URL, body: unknown): Response {
    if (url.pathname === API.push) {
      const results: PushResult[] = (body as { ops: Operation[] }).ops.map((op) => {
        if (server.reject.has(op.id)) return { id: op.id, status: "rejected", reason: "forbidden: not yours" };
        const at = log.findIndex((o) => o.id === op.id);
        if (at >= 0) return { id: op.id, status: "duplicate", seq: at + 1 };
        log.push(op);
        return { id: op.id, status: "accepted", seq: log.length };
      });
      return json(200, { results, serverTime: server.serverTime });
    }
    if (url.pathname === API.pull) {
      const after = Number(url.searchParams.get("after"));
      const page = log.slice(after, after + server.pageSize).map((op, i) => ({ seq: after + i + 1, op }));
      const cursor = after + page.length;
      return json(200, { ops: page, cursor, more: cursor < log.length, serverTime: server.serverTime });
    }
    return json(404, { error: "notFound", message: "no" });
  }
  return server;
}

/** Let a round that start() or a trigger began run to its end (the engine's own timers are manual). */
const settle = () => new Promise((r) => setTimeout(r, 10));

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    pending,
    setTimeout: (fn: () => void, ms: number) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (h: unknown) => void pending.delete(h as number),
    delays: () => [...pending.values()].map((p) => p.ms),
    fire() {
      const all = [...pending.values()];
      pending.clear();
      for (const p of all) p.fn();
    },
  };
}

function setup(over: Partial<SyncEngineOptions> = {}) {
  const store = createMemoryStore();
  const server = fakeServer();
  const timers = manualTimers();
  let t = T0;
  const recorder = createRecorder(store, { eventId: EVENT, actor }, { now: () => t });
  const statuses: SyncStatus[] = [];
  const engine = createSyncEngine({
    store,
    recorder,
    baseUrl: "http://loket.test/",
    getToken: async () => "TOKEN",
    fetch: server.fetch,
    eventSource: null,
    environment: null,
    now: () => t,
    random: () => 0.5,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    ...over,
  });
  engine.subscribe((s) => statuses.push(s));
  return {
    store,
    server,
    timers,
    recorder,
    engine,
    statuses,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function isExploded(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === "object" && raw !== null && (raw as { type?: unknown }).type === "ticket.exploded";
}

describe("sync engine: a round", () => {
  it("pushes the outbox with the protocol header and token, then pulls every page", async () => {
    const { store, server, recorder, engine } = setup();
    const others = [remoteOp(), remoteOp(), remoteOp()];
    server.log.push(...others);
    const mine = await recorder.record(ticketDraft());
    await engine.syncNow();
    const push = server.requests[0];
    expect(push?.path).toBe(API.push);
    expect(push?.headers.get(PROTOCOL_HEADER)).toBe(String(PROTOCOL_VERSION));
    expect(push?.headers.get("authorization")).toBe("Bearer TOKEN");
    expect(push?.body).toEqual({ ops: [mine] });
    expect(server.requests.slice(1).map((r) => r.path)).toEqual([API.pull, API.pull]);
    expect(await store.outboxCount()).toBe(0);
    expect(await store.cursor()).toBe(4);
    expect((await store.allOperations()).length).toBe(4);
    expect(engine.status()).toMatchObject({ phase: "idle", pending: 0, lastSyncedAt: T0, lastError: null });
  });

  it("pushes in batches the server takes", async () => {
    const { store, server, engine } = setup();
    const ops = Array.from({ length: LIMITS.maxOpsPerPush * 2 + 1 }, (_, i) => ({
      ...remoteOp(T0 + i),
      actor: { deviceId: actor.deviceId, role: "desk" as const, deskId: "K1" },
    }));
    await store.appendLocal(ops);
    server.pageSize = 5000;
    await engine.syncNow();
    const sizes = server.requests.filter((r) => r.path === API.push).map((r) => (r.body as { ops: unknown[] }).ops.length);
    expect(sizes).toEqual([LIMITS.maxOpsPerPush, LIMITS.maxOpsPerPush, 1]);
    expect(await store.outboxCount()).toBe(0);
  });

  it("halves the batch when the server finds the body too large", async () => {
    const { store, server, engine } = setup();
    await store.appendLocal([remoteOp(T0), remoteOp(T0 + 1), remoteOp(T0 + 2)]);
    server.override.push({ status: 413, body: { error: "tooLarge", message: "too big" } });
    await engine.syncNow();
    const sizes = server.requests.filter((r) => r.path === API.push).map((r) => (r.body as { ops: unknown[] }).ops.length);
    expect(sizes).toEqual([3, 2, 1]);
    expect(engine.status().phase).toBe("idle");
  });

  it("lists refused operations, takes them out of the outbox and out of the state", async () => {
    const { store, server, recorder, engine } = setup();
    const kept = await recorder.record(ticketDraft());
    const refused = await recorder.record(ticketDraft());
    server.reject.add(refused.id);
    await engine.syncNow();
    expect(await store.outboxCount()).toBe(0);
    expect(await store.getMeta<RejectedOp[]>("rejected")).toEqual([
      expect.objectContaining({ id: refused.id, reason: "forbidden: not yours" }),
    ]);
    expect(engine.status().rejected).toBe(1);
    expect((await store.allTickets()).map((t) => t.id)).toEqual([kept.type === "ticket.created" ? kept.ticketId : ""]);
  });

  it("keeps an operation whose push answer was lost, and pushes it again harmlessly", async () => {
    const { store, server, recorder, engine } = setup();
    await recorder.record(ticketDraft());
    server.override.push("handleThenDrop");
    await engine.syncNow();
    expect(server.log).toHaveLength(1);
    expect(await store.outboxCount()).toBe(1);
    expect(engine.status().phase).toBe("offline");
    await engine.syncNow();
    expect(server.log).toHaveLength(1);
    expect(await store.outboxCount()).toBe(0);
    expect(engine.status().phase).toBe("idle");
  });

  it("keeps pulled operations it cannot read raw, moves on, and applies them once an updated app can read them", async () => {
    const { store, server, engine } = setup();
    const future = { ...(remoteOp() as OpOf<"ticket.called">), type: "ticket.exploded" as const };
    const called = remoteOp();
    server.log.push(remoteOp(), future as unknown as Operation, called);
    await engine.syncNow();
    expect(await store.cursor()).toBe(3);
    expect((await store.allOperations()).length).toBe(2);
    expect((await store.unreadable()).map((u) => [u.seq, u.raw])).toEqual([[2, future]]);

    // The updated app knows the newer type (stood in by a parser that reads it as a call).
    const updated = createSyncEngine({
      store,
      baseUrl: "http://loket.test/",
      getToken: async () => "TOKEN",
      fetch: server.fetch,
      eventSource: null,
      environment: null,
      setTimeout: () => 0,
      clearTimeout: () => {},
      parse: (raw) => parseOperation(isExploded(raw) ? { ...raw, type: "ticket.called" } : raw),
    });
    const pullsBefore = server.requests.filter((r) => r.path === API.pull).length;
    await updated.syncNow();
    expect(await store.unreadable()).toEqual([]);
    expect((await store.operationsOf(future.ticketId)).map((o) => o.id)).toEqual([future.id]);
    expect((await store.ticket(future.ticketId))?.status).toBe("called");
    // read from what was kept: the cursor never went back
    expect(await store.cursor()).toBe(3);
    expect(server.requests.filter((r) => r.path === API.pull).map((r) => r.path)).toHaveLength(pullsBefore + 1);
  });

  it("an app that still cannot read a kept operation keeps it", async () => {
    const { store, server, engine } = setup();
    server.log.push({ ...remoteOp(), type: "ticket.exploded" } as unknown as Operation);
    await engine.syncNow();
    const restarted = createSyncEngine({
      store,
      baseUrl: "http://loket.test/",
      getToken: async () => "TOKEN",
      fetch: server.fetch,
      eventSource: null,
      environment: null,
      setTimeout: () => 0,
      clearTimeout: () => {},
    });
    await restarted.syncNow();
    expect(restarted.status().phase).toBe("idle");
    expect((await store.unreadable()).map((u) => u.seq)).toEqual([1]);
    expect(await store.allOperations()).toEqual([]);
  });

  it("merges pulled stamps and the server's time into the device clock", async () => {
    const { server, recorder, engine } = setup();
    const ahead = remoteOp(T0 + 20_000);
    server.log.push(ahead);
    await engine.syncNow();
    const mine = await recorder.record(ticketDraft());
    expect(mine.hlc > ahead.hlc).toBe(true);
  });

  it("estimates the device's offset from the server's time and does not adopt a stamp hours ahead", async () => {
    const { server, recorder, engine } = setup();
    // the server is two hours ahead of this device's clock
    server.serverTime = T0 + 2 * 3_600_000;
    server.log.push(remoteOp(T0 + 9 * 3_600_000));
    await engine.syncNow();
    expect(recorder.now()).toBe(T0 + 2 * 3_600_000);
    const mine = await recorder.record(ticketDraft());
    expect(hlcWall(mine.hlc)).toBeLessThanOrEqual(T0 + 2 * 3_600_000 + MAX_AHEAD_MS);
    expect(hlcWall(mine.hlc)).toBeGreaterThanOrEqual(T0 + 2 * 3_600_000);
  });
});

describe("sync engine: failures and status", () => {
  it("goes offline with backoff and jitter, then recovers", async () => {
    const { engine, server, timers, advance, recorder } = setup();
    await recorder.record(ticketDraft());
    server.override.push("network", "network");
    engine.start();
    await settle();
    expect(engine.status()).toMatchObject({ phase: "offline", offlineSince: T0, pending: 1 });
    expect(engine.status().lastError?.code).toBe("offline");
    const first = timers.delays();
    advance(5000);
    timers.fire();
    await settle();
    const second = timers.delays();
    expect(first[0]).toBeGreaterThanOrEqual(1000);
    expect(first[0]).toBeLessThanOrEqual(2000);
    expect(second[0]).toBeGreaterThan(first[0] ?? 0);
    expect(engine.status().offlineSince).toBe(T0); // offline since the first failure
    await engine.syncNow();
    expect(engine.status()).toMatchObject({ phase: "idle", offlineSince: null, lastError: null, pending: 0 });
    expect(timers.delays()).toEqual([30_000]); // healthy, no live stream: poll
    engine.stop();
    expect(timers.pending.size).toBe(0);
  });

  it("stops for good when the server says the app is too old", async () => {
    const { engine, server, timers, recorder } = setup();
    await recorder.record(ticketDraft());
    server.override.push({ status: 426, body: { error: "clientTooOld", message: "update", minProtocol: 2 } });
    engine.start();
    await settle();
    expect(engine.status().phase).toBe("updateRequired");
    expect(engine.status().lastError?.code).toBe("clientTooOld");
    const count = server.requests.length;
    await engine.syncNow();
    await recorder.record(ticketDraft());
    expect(server.requests.length).toBe(count);
    expect(timers.pending.size).toBe(0);
    engine.stop();
  });

  it("keeps retrying when the server is the older one", async () => {
    const { engine, server, timers } = setup();
    server.override.push({ status: 426, body: { error: "serverTooOld", message: "server too old" } });
    engine.start();
    await settle();
    expect(engine.status().phase).toBe("error");
    expect(engine.status().lastError?.code).toBe("serverTooOld");
    expect(timers.pending.size).toBe(1);
    engine.stop();
  });

  it("reports signed out on 401 or without a session, and waits for a trigger", async () => {
    const { engine, server, timers } = setup();
    server.override.push({ status: 401, body: { error: "unauthorized", message: "expired" } });
    engine.start();
    await settle();
    expect(engine.status().phase).toBe("signedOut");
    expect(timers.pending.size).toBe(0);
    await engine.syncNow();
    expect(engine.status().phase).toBe("idle");
    engine.stop();

    const noSession = setup({ getToken: async () => null });
    await noSession.engine.syncNow();
    expect(noSession.engine.status().phase).toBe("signedOut");
    expect(noSession.server.requests).toEqual([]);
  });

  it("waits as long as a 429 asks", async () => {
    const { engine, server, timers } = setup();
    server.override.push({ status: 429, body: { error: "rateLimited", message: "slow" }, headers: { "retry-after": "40" } });
    engine.start();
    await settle();
    expect(engine.status().phase).toBe("error");
    expect(engine.status().lastError?.code).toBe("rateLimited");
    expect(timers.delays()[0]).toBeGreaterThanOrEqual(40_000);
    engine.stop();
  });

  it("reports a server error and retries", async () => {
    const { engine, server, timers } = setup();
    server.override.push({ status: 503, body: { error: "internal", message: "down" } });
    engine.start();
    await settle();
    expect(engine.status()).toMatchObject({ phase: "error", offlineSince: null });
    expect(engine.status().lastError?.code).toBe("serverError");
    expect(timers.pending.size).toBe(1);
    engine.stop();
  });
});

describe("sync engine: device status headers", () => {
  it("tells the server its unsynced changes and its last error on every request", async () => {
    const { engine, server, recorder } = setup();
    await recorder.record(ticketDraft());
    await recorder.record(ticketDraft());
    server.override.push("network");
    await engine.syncNow();
    expect(engine.status().lastError?.code).toBe("offline");
    server.requests.length = 0;
    await engine.syncNow();
    const [push, pull] = server.requests;
    expect(push?.path).toBe(API.push);
    expect(push?.headers.get(PENDING_HEADER)).toBe("2");
    expect(push?.headers.get(LAST_ERROR_HEADER)).toBe("offline");
    expect(pull?.path).toBe(API.pull);
    await engine.syncNow();
    const last = server.requests.at(-1);
    expect(last?.headers.get(PENDING_HEADER)).toBe("0");
    expect(last?.headers.has(LAST_ERROR_HEADER)).toBe(false);
  });
});

describe("sync engine: triggers", () => {
  it("runs one round at a time; triggers during a round give one more", async () => {
    const { engine, server } = setup();
    let inFlight = 0;
    let most = 0;
    const slow = server.fetch;
    server.fetch = (async (...args: Parameters<typeof fetch>) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return slow(...args);
    }) as typeof fetch;
    const engine2 = createSyncEngine({
      store: createMemoryStore(),
      baseUrl: "",
      getToken: async () => "T",
      fetch: server.fetch,
      eventSource: null,
      environment: null,
      setTimeout: () => 0,
      clearTimeout: () => undefined,
    });
    await Promise.all([engine2.syncNow(), engine2.syncNow(), engine2.syncNow(), engine2.syncNow()]);
    expect(most).toBe(1);
    // one round for the first call, one more for all that came during it
    expect(server.requests.filter((r) => r.path === API.pull).length).toBe(2);
    engine.stop();
  });

  it("pushes soon after a local operation", async () => {
    const { engine, server, recorder, store } = setup();
    engine.start();
    await engine.syncNow();
    await recorder.record(ticketDraft());
    await engine.syncNow();
    expect(server.log).toHaveLength(1);
    expect(await store.outboxCount()).toBe(0);
    engine.stop();
  });

  it("syncs on online, on becoming visible, and on a live message newer than what it holds", async () => {
    let online = () => {};
    let visible = () => {};
    const listeners = new Map<string, (e: { data?: unknown }) => void>();
    const opened: string[] = [];
    const source: LiveSource = {
      close: () => listeners.clear(),
      addEventListener: (type, l) => void listeners.set(type, l),
    };
    const { engine, server, timers } = setup({
      environment: {
        onOnline: (cb) => {
          online = cb;
          return () => {};
        },
        onVisible: (cb) => {
          visible = cb;
          return () => {};
        },
      },
      eventSource: (url) => {
        opened.push(url);
        return source;
      },
    });
    engine.start();
    await engine.syncNow();
    expect(opened).toEqual([`http://loket.test${API.live}?token=TOKEN&protocol=${PROTOCOL_VERSION}`]);
    listeners.get("open")?.({});
    // live: a safety poll only, and the watch for a stream gone silent
    expect(timers.delays().sort((a, b) => a - b)).toEqual([LIVE_SILENCE_MS, 5 * 60_000]);
    const pulls = () => server.requests.filter((r) => r.path === API.pull).length;
    const before = pulls();
    online();
    await engine.syncNow();
    visible();
    await engine.syncNow();
    expect(pulls()).toBe(before + 4); // each trigger a round, each syncNow another or joins
    server.log.push(remoteOp());
    const n = pulls();
    listeners.get("seq")?.({ data: JSON.stringify({ seq: 1 }) });
    await engine.syncNow();
    expect(pulls()).toBeGreaterThan(n);
    const m = pulls();
    listeners.get("seq")?.({ data: JSON.stringify({ seq: 1 }) }); // already held: no round
    expect(pulls()).toBe(m);
    engine.stop();
    expect(listeners.size).toBe(0);
  });

  /** A live stream the test speaks through; every opened one is kept. */
  function liveSources() {
    const opened: { listeners: Map<string, (e: { data?: unknown }) => void>; closed: boolean; readyState: number }[] = [];
    const eventSource = (): LiveSource => {
      const entry = { listeners: new Map<string, (e: { data?: unknown }) => void>(), closed: false, readyState: 0 };
      opened.push(entry);
      return {
        close: () => {
          entry.closed = true;
        },
        addEventListener: (type, l) => void entry.listeners.set(type, l),
        get readyState() {
          return entry.readyState;
        },
      };
    };
    return { opened, eventSource, emit: (type: string, data?: string) => opened.at(-1)?.listeners.get(type)?.({ data }) };
  }

  it("a live stream gone silent (a stalled link that never closes) makes it say offline since it last heard, reconnect and retry", async () => {
    const live = liveSources();
    const { engine, server, timers, advance } = setup({ eventSource: live.eventSource });
    engine.start();
    await engine.syncNow();
    await settle();
    expect(live.opened).toHaveLength(1);
    live.emit("open");
    advance(5_000);
    live.emit("heartbeat", '{"serverTime":1}');
    const lastHeard = engine.status().lastHeardAt;
    expect(engine.status().phase).toBe("idle");
    const pullsBefore = server.requests.filter((r) => r.path === API.pull).length;

    // the link stalls: no heartbeat, no error, the socket stays open
    server.override.push("network", "network");
    advance(LIVE_SILENCE_MS);
    const silenceTimer = [...timers.pending.entries()].find(([, p]) => p.ms === LIVE_SILENCE_MS);
    expect(silenceTimer).toBeDefined();
    timers.pending.delete(silenceTimer?.[0] ?? -1);
    silenceTimer?.[1].fn();
    await settle();

    expect(engine.status()).toMatchObject({ phase: "offline", offlineSince: lastHeard });
    expect(live.opened[0]?.closed).toBe(true); // the dead stream is dropped…
    expect(live.opened).toHaveLength(2); // …for a new one
    expect(server.requests.filter((r) => r.path === API.pull || r.path === API.push).length).toBeGreaterThan(pullsBefore);

    // the link comes back: the new stream speaks, a round gets through
    live.emit("open");
    live.emit("seq", JSON.stringify({ seq: 99 }));
    await engine.syncNow();
    expect(engine.status().phase).toBe("idle");
    engine.stop();
    expect(live.opened[1]?.closed).toBe(true);
  });

  it("a broken live stream makes a device that believed it was up to date find out at once", async () => {
    const live = liveSources();
    const { engine, server } = setup({ eventSource: live.eventSource });
    engine.start();
    await engine.syncNow();
    await settle();
    live.emit("open");
    expect(engine.status().phase).toBe("idle");
    server.override.push("network");
    live.emit("error"); // the server went away (EventSource will retry by itself)
    await settle();
    expect(engine.status().phase).toBe("offline");
    // more errors while it already knows are no extra rounds (the backoff decides)
    const n = server.requests.length;
    live.emit("error");
    await settle();
    expect(server.requests.length).toBe(n);
    engine.stop();
  });

  it("gives up on a hung request after the request timeout", async () => {
    const hung = (async (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as typeof fetch;
    const { engine } = setup({ fetch: hung, requestTimeoutMs: 30 });
    await engine.syncNow();
    expect(engine.status()).toMatchObject({ phase: "offline" });
  });
});
