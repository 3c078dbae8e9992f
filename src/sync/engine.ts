import { type Operation, type ParseResult, parseOperation, subjectOf } from "../core/operation.ts";
import {
  API,
  type ErrorResponse,
  HISTORY_HEADER,
  LAST_ERROR_HEADER,
  LIMITS,
  LIVE_SILENCE_MS,
  PENDING_HEADER,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PulledOp,
  type PullResponse,
  type PushResponse,
  parseHistory,
  type RelayProof,
  type ServerHistory,
} from "../core/protocol.ts";
import type { LocalStore, RejectedOp, UnreadableOp } from "../storage/contract.ts";
import { nextDelay, retryAfterMs } from "./backoff.ts";
import type { Recorder } from "./recorder.ts";
import { SESSION_KEY } from "./session.ts";
import { createSilenceWatch } from "./silence-watch.ts";
import { INITIAL_STATUS, nextStatus, type SyncError, type SyncErrorCode, type SyncEvent, type SyncStatus } from "./status.ts";

export type { SyncError, SyncErrorCode, SyncPhase, SyncStatus } from "./status.ts";

/**
 * The client sync engine: pushes the outbox, pulls what is new, and keeps doing
 * so in the background whenever it can.
 *
 * Safety rests on three facts, so a tab closed mid-round loses nothing:
 * - an operation leaves the outbox only when the server has answered for it
 *   (accepted or duplicate: acknowledged; rejected: listed, never dropped);
 * - pushing is idempotent on the server, so pushing again after a lost answer
 *   is harmless;
 * - a pulled page and its cursor are stored in one transaction, and the cursor
 *   only moves forward.
 *
 * EventSource cannot send headers: the live URL carries the token and the
 * protocol version as query parameters.
 *
 * Liveness: the server beats a heartbeat on the live stream; silence longer than
 * LIVE_SILENCE_MS means a stalled link (3G stalls without closing), so the
 * engine says it is offline since it last heard, drops the stream, opens a new
 * one and tries a round (src/sync/silence-watch.ts). Every request has a short
 * timeout, so a hung pull cannot hold the next round back for long.
 *
 * One round at a time: a trigger during a round (a new local operation, a live
 * message, `online`, the tab becoming visible, the timer) schedules one more.
 */
export interface LiveSource {
  close(): void;
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  /** EventSource's: 2 once it has given up reconnecting */
  readonly readyState?: number;
}

/** The browser events that should start a round at once. */
export interface SyncEnvironment {
  onOnline(cb: () => void): () => void;
  onVisible(cb: () => void): () => void;
  /** the browser says it lost the network: find out at once rather than at the next poll */
  onOffline?(cb: () => void): () => void;
}

export interface SyncEngineOptions {
  store: LocalStore;
  /** feeds pulled stamps and the server's time into the device clock, and tells of new local operations */
  recorder?: Recorder;
  /** the server's origin, e.g. "" (same origin) or "https://loket.example" */
  baseUrl: string;
  getToken: () => Promise<string | null>;
  fetch?: typeof fetch;
  /** opens the live stream; null turns it off (the engine then polls) */
  eventSource?: ((url: string) => LiveSource | null) | null;
  /** online / visible triggers; null turns them off (default: window and document, when present) */
  environment?: SyncEnvironment | null;
  now?: () => number;
  random?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** operations per pull page */
  pullLimit?: number;
  /** give up on a request after this long (a hung connection must not stall syncing); 0: never */
  requestTimeoutMs?: number;
  /** reads a pulled operation (default: the shared validator; tests stand in for an older or newer app) */
  parse?: (raw: unknown) => ParseResult;
  /** this device's id: after a server restore it pushes again what it made (default: from the stored session) */
  deviceId?: () => Promise<string | null>;
  /** failed pushes of one operation (while the server otherwise answers) before it is set aside */
  maxPushTries?: number;
  /** treat the live stream as dead after this long without a word (the server beats every 5 s) */
  liveSilenceMs?: number;
}

export interface SyncEngine {
  /** Start background syncing: a round now, then on every trigger and on the timer. */
  start(): void;
  /** Stop the timer, the live stream and the triggers; a round in flight completes. */
  stop(): void;
  /** Run a round (or join the one that a running round has scheduled); never rejects. */
  syncNow(): Promise<void>;
  subscribe(cb: (status: SyncStatus) => void): () => void;
  status(): SyncStatus;
}

class SyncFailure extends Error {
  constructor(
    readonly code: SyncErrorCode,
    detail: string,
    readonly retryAfterMs: number | null = null,
    readonly httpStatus: number | null = null,
  ) {
    super(detail);
    this.name = "SyncFailure";
  }
}

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { store, recorder, getToken } = opts;
  const doFetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const setTimer = opts.setTimeout ?? ((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms));
  const clearTimer = opts.clearTimeout ?? ((h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
  const openLive = opts.eventSource === undefined ? browserEventSource : opts.eventSource;
  const environment = opts.environment === undefined ? browserEnvironment() : opts.environment;
  const pullLimit = opts.pullLimit ?? LIMITS.defaultPullPage;
  const maxPushTries = opts.maxPushTries ?? MAX_PUSH_TRIES;
  const parse = opts.parse ?? parseOperation;
  const deviceId = opts.deviceId ?? (async () => (await store.getMeta<{ deviceId?: string }>(SESSION_KEY))?.deviceId ?? null);
  // Long enough for a pull page on slow 3G, short enough that a call is not held up behind a hung request.
  const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  const base = opts.baseUrl.replace(/\/$/, "");

  let status: SyncStatus = INITIAL_STATUS;
  const subscribers = new Set<(s: SyncStatus) => void>();
  let started = false;
  let running = false;
  let again = false;
  let waiting: (() => void)[] = [];
  let timer: unknown = null;
  let failures = 0;
  let retryAfter: number | null = null;
  let pushBatch: number = LIMITS.maxOpsPerPush;
  let live: LiveSource | null = null;
  let liveOpen = false;
  let knownCursor = 0;
  let unhook: (() => void)[] = [];
  /** whether this app version has tried to read what an older one kept raw */
  let reread = false;
  /** the history the server named in its latest answer */
  let heard: ServerHistory | null = null;
  /** set when a round found a restored server: the round pushes and pulls once more */
  let recovered = false;
  const silence = createSilenceWatch({
    limitMs: opts.liveSilenceMs ?? LIVE_SILENCE_MS,
    setTimeout: setTimer,
    clearTimeout: clearTimer,
    onSilent: onLiveSilent,
  });

  function emit(e: SyncEvent): void {
    const next = nextStatus(status, e);
    if (next === status) return;
    status = next;
    for (const cb of subscribers) cb(status);
  }

  const halted = () => status.phase === "updateRequired";

  async function refreshCounts(): Promise<void> {
    try {
      const pending = await store.outboxCount();
      const listed = (await store.getMeta<RejectedOp[]>("rejected")) ?? [];
      emit({ type: "counts", pending, rejected: listed.length, lastRejection: listed.at(-1)?.reason ?? null });
    } catch {
      // A store failure surfaces in the next round.
    }
  }

  // ---- HTTP ------------------------------------------------------------------

  async function call<T>(method: "GET" | "POST", path: string, token: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      authorization: `Bearer ${token}`,
      // this device's sync state, for the organizer's live overview
      [PENDING_HEADER]: String(status.pending),
    };
    if (status.lastError) headers[LAST_ERROR_HEADER] = status.lastError.code;
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      const signal = requestTimeoutMs > 0 ? timeoutSignal(requestTimeoutMs) : undefined;
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      throw new SyncFailure("offline", `request failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    heard = parseHistory(res.headers.get(HISTORY_HEADER)) ?? heard;
    emit({ type: "heard", at: now() });
    if (!res.ok) throw await failureOf(res);
    try {
      return (await res.json()) as T;
    } catch (e) {
      throw new SyncFailure("badResponse", `unreadable answer to ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function failureOf(res: Response): Promise<SyncFailure> {
    const body = (await res.json().catch(() => null)) as Partial<ErrorResponse> | null;
    const detail = `${res.status} ${body?.error ?? ""}: ${body?.message ?? res.statusText}`.trim();
    if (res.status === 426) return new SyncFailure(body?.error === "serverTooOld" ? "serverTooOld" : "clientTooOld", detail);
    if (res.status === 401) return new SyncFailure("unauthorized", detail);
    if (res.status === 429) return new SyncFailure("rateLimited", detail, retryAfterMs(res.headers.get("retry-after"), now()));
    if (res.status >= 500) return new SyncFailure("serverError", detail, null, res.status);
    return new SyncFailure("badRequest", detail, null, res.status);
  }

  // ---- a round ---------------------------------------------------------------

  /**
   * Pushes the outbox. An operation the server fails on (an error rather than
   * an answer: 5xx, 4xx, too large alone) is found by pushing one at a time,
   * then skipped for the rest of the round so the others still go out; the
   * failure is returned for the round to report after its pull. One such
   * operation per round: a second failure ends the push.
   */
  async function push(token: string): Promise<PushFailure | null> {
    const skipped = new Set<string>();
    let failure: PushFailure | null = null;
    // What goes past an operation that failed alone: only what cannot depend on it.
    // Later operations on its subject wait (a call after a failed creation), and so
    // does every later creation, which may depend on any earlier operation of the
    // device: fair use counts the participant's other tickets, so a new number pushed
    // past its failed cancel would be refused for good (and the server judges one
    // device's operations in the order they were made).
    const waitingSubjects = new Set<string>();
    const waits = (op: Operation) =>
      skipped.has(op.id) || waitingSubjects.has(subjectOf(op)) || (skipped.size > 0 && op.type === "ticket.created");
    for (;;) {
      const batch = await nextBatch(pushBatch, waits);
      if (batch.length === 0) return failure;
      let res: PushResponse;
      const proofs = await relayProofs(batch);
      const sentAt = now();
      try {
        res = await call<PushResponse>("POST", API.push, token, proofs ? { ops: batch, proofs } : { ops: batch });
      } catch (e) {
        // Too large for the server's body limit: halve the batch and go on.
        if (e instanceof SyncFailure && e.httpStatus === 413 && batch.length > 1) {
          pushBatch = Math.ceil(batch.length / 2);
          continue;
        }
        if (!blamesTheBatch(e)) throw e;
        // A second failure in one round: the push route may be broken as a whole; stop here.
        if (failure) return failure;
        // One operation may be what the server chokes on: find it by going one at a time.
        if (batch.length > 1) {
          pushBatch = 1;
          continue;
        }
        const [op] = batch;
        if (!op) throw e;
        skipped.add(op.id);
        waitingSubjects.add(subjectOf(op));
        failure = { opId: op.id, error: e };
        pushBatch = LIMITS.maxOpsPerPush;
        continue;
      }
      if (!Array.isArray(res?.results)) throw new SyncFailure("badResponse", "push answer without results");
      const sent = new Set(batch.map((op) => op.id));
      const acks: { id: string; seq: number }[] = [];
      const rejections: { id: string; reason: string }[] = [];
      res.results.forEach((r, i) => {
        // A rejection without an id (the server could not read it) answers the operation at its place.
        const id = r.id ?? batch[i]?.id;
        if (id === undefined || !sent.has(id)) return;
        if (r.status === "rejected") rejections.push({ id, reason: r.reason });
        else if (r.status === "accepted" || r.status === "duplicate") acks.push({ id, seq: r.seq });
      });
      await store.markAcknowledged(acks);
      if (rejections.length > 0) await store.markRejected(rejections);
      if (recorder && typeof res.serverTime === "number")
        await recorder.observeServerTime({ serverTime: res.serverTime, sentAt, receivedAt: now() });
      if (acks.length + rejections.length === 0)
        throw new SyncFailure("badResponse", "the server answered for none of the batch");
      // a restored server: what it lost is back in the outbox, and this loop pushes it
      await adoptHistory();
    }
  }

  /** The first `size` operations of the outbox that do not wait, in order. */
  async function nextBatch(size: number, waits: (op: Operation) => boolean): Promise<Operation[]> {
    for (let limit = size; ; limit *= 2) {
      const window = await store.outbox(limit);
      const batch = window.filter((op) => !waits(op)).slice(0, size);
      if (batch.length === size || window.length < limit) return batch;
    }
  }

  /**
   * The authors' proofs of the batch's operations made by other devices (a
   * ticket taken in by QR, a log bundle): the server accepts those only with
   * their author's signature (server/relay.ts). This device's own operations
   * need none. Undefined when there is nothing to carry.
   */
  async function relayProofs(batch: readonly Operation[]): Promise<Record<string, RelayProof> | undefined> {
    const me = await deviceId();
    const carried = batch.filter((op) => op.actor.deviceId !== me).map((op) => op.id);
    if (carried.length === 0) return undefined;
    const proofs = await store.proofsOf(carried);
    return Object.keys(proofs).length > 0 ? { ...proofs } : undefined;
  }

  async function pull(token: string): Promise<void> {
    let cursor = await store.cursor();
    for (;;) {
      const sentAt = now();
      const res = await call<PullResponse>("GET", `${API.pull}?after=${cursor}&limit=${pullLimit}`, token);
      const receivedAt = now();
      if (await adoptHistory()) {
        // A restored server: this page answered a cursor from its old history. Pull again from the safe point.
        cursor = await store.cursor();
        knownCursor = cursor;
        continue;
      }
      if (!Array.isArray(res?.ops) || typeof res.cursor !== "number")
        throw new SyncFailure("badResponse", "pull answer without ops");
      const entries: PulledOp[] = [];
      const unreadable: UnreadableOp[] = [];
      let newest: string | null = null;
      for (const entry of res.ops) {
        if (typeof entry?.seq !== "number") continue;
        // The app checks what it pulls with the very validator the server uses.
        // What it cannot read (a type from a newer server) is kept raw, not
        // skipped: the cursor moves past it, and an updated app reads it then.
        const parsed = parse(entry.op);
        if (!parsed.ok) {
          unreadable.push({ seq: entry.seq, raw: entry.op, reason: parsed.reason });
          continue;
        }
        entries.push({ seq: entry.seq, op: parsed.op });
        if (newest === null || parsed.op.hlc > newest) newest = parsed.op.hlc;
      }
      await store.applyPulled(entries, res.cursor, unreadable);
      if (recorder) {
        // The server's time first: the offset it gives bounds what the page's stamps may move.
        if (typeof res.serverTime === "number")
          await recorder.observeServerTime({ serverTime: res.serverTime, sentAt, receivedAt });
        if (newest !== null) await recorder.observe(newest);
      }
      if (res.more && res.cursor <= cursor) throw new SyncFailure("badResponse", "pull says more but its cursor did not move");
      if (res.cursor > cursor) cursor = res.cursor;
      if (cursor > knownCursor) knownCursor = cursor;
      if (!res.more) return;
    }
  }

  /**
   * Compares the history the server just named with the one this device last
   * saw (meta "serverHistory"). A new epoch means the server may have lost what
   * it confirmed after `base`: the operations this device made and the server
   * confirmed after it go back into the outbox, and the cursor goes back to
   * `base` (store.rewind). Returns whether it did so. The first history heard
   * is only remembered. Operations made by other devices are pushed again by
   * their authors (a device may push only its own).
   */
  async function adoptHistory(): Promise<boolean> {
    const now = heard;
    if (!now) return false;
    const known = await store.getMeta<ServerHistory>(HISTORY_KEY);
    if (known && known.serverId === now.serverId && known.epoch === now.epoch) return false;
    let rewound = false;
    if (known) {
      const me = await deviceId();
      await store.rewind(now.base, (op) => op.actor.deviceId === me);
      rewound = true;
      recovered = true;
    }
    await store.setMeta(HISTORY_KEY, now);
    return rewound;
  }

  /**
   * Once per app start: read what an older version of the app kept raw, and
   * apply what this version understands (the cursor stays where it is).
   */
  async function rereadUnreadable(): Promise<void> {
    if (reread) return;
    reread = true;
    const held = await store.unreadable();
    const readable: PulledOp[] = [];
    for (const { seq, raw } of held) {
      const parsed = parse(raw);
      if (parsed.ok) readable.push({ seq, op: parsed.op });
    }
    if (readable.length > 0) await store.applyPulled(readable, 0);
  }

  async function round(): Promise<void> {
    emit({ type: "roundStarted" });
    try {
      await rereadUnreadable();
      const token = await getToken();
      if (!token) throw new SyncFailure("unauthorized", "no session on this device");
      // A failing operation never keeps the device from hearing what others did: the pull runs anyway.
      recovered = false;
      let pushFailure = await push(token);
      await pull(token);
      if (recovered) {
        // what the restored server lacked went back into the outbox during the pull
        pushFailure = (await push(token)) ?? pushFailure;
        await pull(token);
      }
      if (pushFailure) {
        await countFailedTry(pushFailure);
        throw pushFailure.error;
      }
      failures = 0;
      retryAfter = null;
      pushBatch = LIMITS.maxOpsPerPush;
      emit({ type: "roundSucceeded", at: now() });
      if (started && !live) void connectLive();
    } catch (e) {
      const error = toSyncError(e);
      if (error.code === "unauthorized" || error.code === "clientTooOld") closeLive();
      else failures++;
      retryAfter = e instanceof SyncFailure ? e.retryAfterMs : null;
      emit({ type: "roundFailed", at: now(), error });
    }
    await refreshCounts();
  }

  /**
   * The server answered the pull but failed on this operation again: count the
   * try (meta "pushTries", so a reload does not reset it) and set the operation
   * aside once it has failed `maxPushTries` times, listed with its reason like
   * one the server refused. Counted only when the pull worked, so a server that
   * is down as a whole never blames an operation.
   */
  async function countFailedTry({ opId, error }: PushFailure): Promise<void> {
    const tries = { ...((await store.getMeta<Record<string, number>>(PUSH_TRIES_KEY)) ?? {}) };
    const n = (tries[opId] ?? 0) + 1;
    if (n < maxPushTries) {
      tries[opId] = n;
      await store.setMeta(PUSH_TRIES_KEY, tries);
      return;
    }
    delete tries[opId];
    await store.markRejected([{ id: opId, reason: `set aside after ${n} failed tries: ${error.message}` }]);
    await store.setMeta(PUSH_TRIES_KEY, tries);
  }

  // ---- scheduling ------------------------------------------------------------

  function cancelTimer(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function schedule(): void {
    cancelTimer();
    if (!started || halted() || status.phase === "signedOut") return;
    const delay = nextDelay({ failures, retryAfterMs: retryAfter, live: liveOpen }, random);
    timer = setTimer(() => {
      timer = null;
      trigger();
    }, delay);
  }

  async function loop(): Promise<void> {
    running = true;
    cancelTimer();
    try {
      do {
        again = false;
        const answered = waiting;
        waiting = [];
        if (!halted()) await round();
        for (const w of answered) w();
      } while (again && !halted());
    } finally {
      running = false;
      for (const w of waiting.splice(0)) w();
      schedule();
    }
  }

  function trigger(): void {
    if (running) {
      again = true;
      return;
    }
    void loop();
  }

  // ---- live stream -----------------------------------------------------------

  async function connectLive(): Promise<void> {
    if (!openLive || live) return;
    const token = await getToken().catch(() => null);
    if (!token || !started || live) return;
    const source = openLive(`${base}${API.live}?token=${encodeURIComponent(token)}&protocol=${PROTOCOL_VERSION}`);
    if (!source) return;
    live = source;
    // armed from the start: a stream that never opens through a stalled link is as dead as one gone quiet
    silence.heard();
    const heard = () => {
      if (live !== source) return;
      silence.heard();
      emit({ type: "heard", at: now() });
    };
    const onMessage = (event: { data?: unknown }) => {
      heard();
      // Our own pushes echo back: skip what we have already pulled.
      const seq = seqOf(event.data);
      if (seq !== null && seq <= knownCursor) return;
      if (started) trigger();
    };
    source.addEventListener("seq", onMessage);
    source.addEventListener("message", onMessage);
    source.addEventListener("heartbeat", heard);
    source.addEventListener("open", () => {
      heard();
      liveOpen = true;
      if (!running) schedule();
    });
    source.addEventListener("error", () => {
      liveOpen = false;
      // EventSource retries by itself, unless it has given up (e.g. the token was refused).
      if (source.readyState === 2 && live === source) {
        live = null;
        silence.stop();
      }
      checkNow();
    });
  }

  /** The stream broke or went quiet: a device that believed it was up to date finds out now, not at the next poll. */
  function checkNow(): void {
    if (status.phase === "idle" || status.phase === "syncing") trigger();
    else if (!running) schedule();
  }

  function onLiveSilent(): void {
    if (!live) return;
    closeLive();
    emit({ type: "silent", at: now() });
    if (!started) return;
    void connectLive();
    trigger();
  }

  function closeLive(): void {
    live?.close();
    live = null;
    liveOpen = false;
    silence.stop();
  }

  return {
    start() {
      if (started) return;
      started = true;
      if (environment) unhook.push(environment.onOnline(trigger), environment.onVisible(trigger));
      if (environment?.onOffline) unhook.push(environment.onOffline(checkNow));
      if (recorder)
        unhook.push(
          recorder.onRecorded(() => {
            void refreshCounts();
            trigger();
          }),
        );
      void refreshCounts();
      void connectLive();
      trigger();
    },
    stop() {
      started = false;
      cancelTimer();
      closeLive();
      for (const u of unhook) u();
      unhook = [];
    },
    syncNow() {
      if (halted()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        trigger();
      });
    },
    subscribe(cb) {
      subscribers.add(cb);
      cb(status);
      return () => subscribers.delete(cb);
    },
    status: () => status,
  };
}

/** How often one operation may fail to push (with the server otherwise answering) before it is set aside. */
export const MAX_PUSH_TRIES = 5;
/** Meta key: the server history (identity, epoch) this device last saw. */
export const HISTORY_KEY = "serverHistory";
/** Meta key: operation id → failed pushes so far. */
export const PUSH_TRIES_KEY = "pushTries";

interface PushFailure {
  readonly opId: string;
  readonly error: SyncFailure;
}

/** An answer that may be about what was sent (not about the network, the session or the app's version). */
function blamesTheBatch(e: unknown): e is SyncFailure {
  return e instanceof SyncFailure && (e.code === "serverError" || e.code === "badRequest");
}

function toSyncError(e: unknown): SyncError {
  if (e instanceof SyncFailure) return { code: e.code, detail: e.message };
  return { code: "storage", detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

/** AbortSignal.timeout where the browser has it (Safari 16+); older ones rely on their own timeouts. */
function timeoutSignal(ms: number): AbortSignal | undefined {
  return typeof AbortSignal !== "undefined" && typeof AbortSignal.timeout === "function" ? AbortSignal.timeout(ms) : undefined;
}

function seqOf(data: unknown): number | null {
  if (typeof data !== "string") return null;
  try {
    const parsed = JSON.parse(data) as { seq?: unknown };
    return typeof parsed.seq === "number" ? parsed.seq : null;
  } catch {
    return null;
  }
}

function browserEventSource(url: string): LiveSource | null {
  return typeof EventSource === "undefined" ? null : new EventSource(url);
}

function browserEnvironment(): SyncEnvironment | null {
  if (typeof window === "undefined" || typeof document === "undefined") return null;
  return {
    onOnline(cb) {
      window.addEventListener("online", cb);
      return () => window.removeEventListener("online", cb);
    },
    onVisible(cb) {
      const onChange = () => {
        if (document.visibilityState === "visible") cb();
      };
      document.addEventListener("visibilitychange", onChange);
      return () => document.removeEventListener("visibilitychange", onChange);
    },
    onOffline(cb) {
      window.addEventListener("offline", cb);
      return () => window.removeEventListener("offline", cb);
    },
  };
}
