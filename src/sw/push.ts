/// <reference lib="webworker" />
import * as v from "valibot";
import { PushPayloadSchema, ticketUrl } from "../core/push.ts";

/**
 * Web Push for a phone in a pocket: the page may be closed or asleep when the
 * desk calls, so the worker itself shows the notification, vibrating, kept on
 * screen until touched; a tap opens (or focuses) the ticket's own screen.
 * A message that fails the shared validator is dropped.
 */
declare const self: ServiceWorkerGlobalScope;

const VIBRATE = [300, 150, 300, 150, 600];

export function onPush(event: PushEvent): void {
  let data: unknown = null;
  try {
    data = event.data?.json() ?? null;
  } catch {
    return;
  }
  const parsed = v.safeParse(PushPayloadSchema, data);
  if (!parsed.success) return;
  const p = parsed.output;
  event.waitUntil(
    self.registration.showNotification(p.title, {
      body: p.body,
      tag: `${p.kind}-${p.ticketId}`,
      icon: "/icon-192.png",
      requireInteraction: p.kind === "called",
      data: { url: ticketUrl(p.ticketId) },
      // not in TypeScript's NotificationOptions, but Chrome on Android honours it
      ...({ vibrate: VIBRATE, renotify: true } as object),
    }),
  );
}

/** A tap: the ticket's screen, in the open window if there is one. */
export function onNotificationClick(event: NotificationEvent): void {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  // the page's own notifications carry no address: they only bring Loket to the front
  const url = typeof data?.url === "string" && data.url.startsWith("/") ? data.url : null;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(async (windows) => {
      const open = windows[0];
      if (!open) return void (await self.clients.openWindow(url ?? "/"));
      const focused = await open.focus();
      if (url) await focused.navigate(url).catch(() => undefined);
    }),
  );
}
