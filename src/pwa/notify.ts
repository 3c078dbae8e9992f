/**
 * System notifications. On Android Chrome a page cannot construct a
 * `Notification`; it must ask its service worker's registration, hence here,
 * beside the only other module that touches navigator.serviceWorker.
 */
export type NotifyPermission = "granted" | "denied" | "default" | "unsupported";

export function notifyPermission(): NotifyPermission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

export async function askNotifyPermission(): Promise<NotifyPermission> {
  if (typeof Notification === "undefined") return "unsupported";
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export async function showNotification(title: string, body: string, tag: string): Promise<boolean> {
  if (notifyPermission() !== "granted") return false;
  const options: NotificationOptions = { body, tag, icon: "/icon-192.png", badge: "/icon-192.png", requireInteraction: true };
  try {
    const reg = "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    if (reg) {
      await reg.showNotification(title, options);
      return true;
    }
    new Notification(title, options);
    return true;
  } catch {
    return false;
  }
}
