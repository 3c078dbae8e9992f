import { API, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../core/protocol.ts";
import type { WebPushInfo } from "../../core/push.ts";
import type { BrowserFacts, PushSupport, SubscribeOutcome } from "../../pwa/web-push.ts";
import { pushSupport } from "../../pwa/web-push.ts";

/**
 * "Notify me when I am called" (issue 12), as a small state machine apart
 * from its button (NotifyMe.tsx): ask permission only when the participant
 * taps, subscribe through the service worker, send the subscription to the
 * server — and when the phone is offline, keep it and send it later. Where
 * push cannot work, say why in one line; the screen then stays awake instead.
 */
export type NotifyState =
  | { kind: "offer" }
  | { kind: "working" }
  | { kind: "on" }
  /** permission given; the server has not got the subscription yet (offline): sent when the phone is back */
  | { kind: "waiting" }
  | { kind: "fallback"; why: Exclude<PushSupport, "ok"> | "server" | "failed" };

/** What is kept on the phone (meta "webPush") between visits. */
export interface NotifyMemory {
  /** the participant asked for notifications */
  wanted: boolean;
  /** the server's key, fetched once (a later tap offline can still subscribe) */
  publicKey?: string;
  /** the subscription the server holds */
  savedEndpoint?: string;
}

export const NOTIFY_META = "webPush";

export interface NotifyDeps {
  getMeta(): Promise<NotifyMemory | undefined>;
  setMeta(m: NotifyMemory): Promise<void>;
  token(): Promise<string | null>;
  fetch: typeof fetch;
  facts(): BrowserFacts;
  requestPermission(): Promise<NotificationPermission | "unsupported">;
  subscribe(publicKey: string): Promise<SubscribeOutcome>;
  lang: "id" | "en";
}

const REQUEST_TIMEOUT_MS = 10_000;

type Answer<T> = { ok: true; value: T } | { ok: false; offline: boolean };

async function call<T>(deps: NotifyDeps, method: string, body?: unknown): Promise<Answer<T>> {
  const token = await deps.token();
  if (!token) return { ok: false, offline: false };
  try {
    const res = await deps.fetch(API.webPush, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        ...(body ? { "content-type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      ...(typeof AbortSignal.timeout === "function" ? { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } : {}),
    });
    if (res.status >= 500 || res.status === 429) return { ok: false, offline: true };
    if (!res.ok) return { ok: false, offline: false };
    return { ok: true, value: (await res.json()) as T };
  } catch {
    return { ok: false, offline: true };
  }
}

/** The state to show when the ticket screen opens: nothing is asked of the participant here. */
export async function initialState(deps: NotifyDeps): Promise<NotifyState> {
  const support = pushSupport(deps.facts());
  if (support !== "ok") return { kind: "fallback", why: support };
  const memory = await deps.getMeta();
  if (!memory?.wanted || deps.facts().permission !== "granted") return { kind: "offer" };
  return memory.savedEndpoint ? { kind: "on" } : { kind: "waiting" };
}

/** The tap: permission now, then the subscription to the server. */
export async function enable(deps: NotifyDeps): Promise<NotifyState> {
  const support = pushSupport(deps.facts());
  if (support !== "ok") return { kind: "fallback", why: support };
  const permission = await deps.requestPermission();
  if (permission !== "granted") return { kind: "fallback", why: "denied" };
  const memory = { ...(await deps.getMeta()), wanted: true };
  await deps.setMeta(memory);
  return complete(deps);
}

/**
 * Gets the subscription to the server: at the tap, then again whenever the
 * phone comes back online while it is still owed.
 */
export async function complete(deps: NotifyDeps): Promise<NotifyState> {
  const memory: NotifyMemory = { wanted: true, ...(await deps.getMeta()) };
  let publicKey = memory.publicKey;
  if (!publicKey) {
    const info = await call<WebPushInfo>(deps, "GET");
    if (!info.ok) return info.offline ? { kind: "waiting" } : { kind: "fallback", why: "server" };
    if (!info.value.available) return { kind: "fallback", why: "server" };
    publicKey = info.value.publicKey;
    await deps.setMeta({ ...memory, publicKey });
  }
  const sub = await deps.subscribe(publicKey);
  if (!sub.ok) return { kind: "fallback", why: sub.reason === "unsupported" ? "unsupported" : "failed" };
  const saved = await call<{ saved: boolean }>(deps, "PUT", { subscription: sub.subscription, lang: deps.lang });
  if (!saved.ok) return saved.offline ? { kind: "waiting" } : { kind: "fallback", why: "server" };
  await deps.setMeta({
    ...memory,
    publicKey,
    ...(sub.subscription.endpoint ? { savedEndpoint: sub.subscription.endpoint } : {}),
  });
  return { kind: "on" };
}
