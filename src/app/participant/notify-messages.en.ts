import type { Translation } from "../i18n/define.ts";
import type { NotifyMessages } from "./notify-messages.ts";

/** The English half of ./notify-messages.ts, fetched only when English is chosen. */
export default {
  notifyMe: "Notify me when I am called",
  working: "Setting up notifications…",
  on: "Notifications on: the phone rings when you are called, even with the screen off.",
  waiting: "Notifications start as soon as the phone is back on the internet.",
  unsupported: "This browser cannot show notifications.",
  iosNotInstalled: "On an iPhone, only an installed app gets notifications (Share → Add to Home Screen).",
  denied: "Notifications are blocked in this browser.",
  server: "This clinic sends no notifications right now.",
  failed: "Notifications cannot be turned on now (perhaps no internet).",
  keepOpenAwake: "Keep this page open: the screen stays on and the phone rings when you are called.",
  keepOpen: "Keep this page open with the screen on: the phone rings when you are called.",
} satisfies Translation<NotifyMessages>;
