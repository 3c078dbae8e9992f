/**
 * The browser's side of Web Push (issue 12): whether this browser can receive
 * push messages at all, and its subscription through the service worker's
 * pushManager. Here, beside register.ts and notify.ts, because pwa/ is the
 * only layer that touches navigator.serviceWorker. Loaded with the ticket
 * screen's "notify me" button only, never on the first visit.
 */

/** Why a browser cannot be reached by push, or "ok". */
export type PushSupport = "ok" | "unsupported" | "iosNotInstalled" | "denied";

export interface BrowserFacts {
  hasPushManager: boolean;
  hasServiceWorker: boolean;
  permission: NotificationPermission | "unsupported";
  /** an iPhone or iPad: push only reaches apps added to the home screen (iOS 16.4+) */
  ios: boolean;
  /** opened as an installed app (display-mode standalone) */
  standalone: boolean;
}

/** Pure, so that every case is tested without a browser. */
export function pushSupport(f: BrowserFacts): PushSupport {
  if (f.permission === "denied") return "denied";
  if (f.ios && !f.standalone && !f.hasPushManager) return "iosNotInstalled";
  if (!f.hasPushManager || !f.hasServiceWorker || f.permission === "unsupported") return "unsupported";
  return "ok";
}

export function browserFacts(): BrowserFacts {
  const nav = navigator as Navigator & { standalone?: boolean };
  return {
    hasPushManager: typeof PushManager !== "undefined",
    hasServiceWorker: "serviceWorker" in navigator,
    permission: typeof Notification === "undefined" ? "unsupported" : Notification.permission,
    // iPadOS presents itself as a Mac: one with a touch screen is an iPad
    ios: /iPhone|iPad|iPod/.test(nav.userAgent) || (nav.platform === "MacIntel" && nav.maxTouchPoints > 1),
    standalone: nav.standalone === true || matchMedia("(display-mode: standalone)").matches,
  };
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  return x.every((byte, i) => byte === b[i]);
}

/**
 * How long the browser may take to get a subscription from its push service.
 * Without internet (a venue laptop's Wi-Fi) Chrome may wait long before it
 * fails; the participant is told and the screen kept awake instead.
 */
export const SUBSCRIBE_TIMEOUT_MS = 15_000;

export type SubscribeOutcome = { ok: true; subscription: PushSubscriptionJSON } | { ok: false; reason: "unsupported" | "failed" };

/**
 * This browser's subscription for the server's key: the existing one when it
 * was made for that key, else a new one (a server that lost its keys, or
 * another server, needs a new subscription). Permission must be granted.
 */
export async function subscribeForPush(publicKey: string): Promise<SubscribeOutcome> {
  const reg = "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  if (!reg?.pushManager) return { ok: false, reason: "unsupported" };
  const key = keyBytes(publicKey);
  try {
    let sub = await reg.pushManager.getSubscription();
    if (sub && !sameKey(sub.options.applicationServerKey, key)) {
      await sub.unsubscribe();
      sub = null;
    }
    sub ??= await Promise.race([
      reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), SUBSCRIBE_TIMEOUT_MS)),
    ]);
    return { ok: true, subscription: sub.toJSON() };
  } catch {
    // no push service reachable (a venue without internet), or the browser refused
    return { ok: false, reason: "failed" };
  }
}
