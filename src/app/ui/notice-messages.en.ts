import type { Translation } from "../i18n/define.ts";
import type { NoticeMessages } from "./notice-messages.ts";

/** The English half of ./notice-messages.ts, fetched only when English is chosen. */
export default {
  updateReady: "A new version of Loket is ready.",
  updateApply: "Reload now",
  updateLater: "Later",
  updateApplying: "Installing the new version…",
  offlineReady: "Loket is ready to work offline.",
  dismiss: "Close",
  understood: "Got it",
  persistDenied:
    "The browser has not granted persistent storage. Data on this phone may be cleared when storage runs low; open Loket now and then to keep it.",
} satisfies Translation<NoticeMessages>;
