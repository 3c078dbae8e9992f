import type { Translation } from "../i18n/define.ts";
import type { BoardMessages } from "./messages.ts";

/** The English half of ./messages.ts, fetched only when English is chosen. */
export default {
  title: "Queue Board",
  nowServing: "Now serving",
  deskOf: (deskId: string) => `Desk ${deskId}`,
  nowCalling: "Now calling",
  goTo: (deskId: string) => `please go to Desk ${deskId}`,
  free: "—",
  calledTag: "called",
  servingTag: "consulting",
  lastCalls: "Latest calls",
  noCalls: "No calls yet.",
  callLine: (number: string, deskId: string) => `${number} → Desk ${deskId}`,
  lines: "Lines by domain",
  waiting: (n: number) => `${n} waiting`,
  waitRange: (lo: number, hi: number) => `± ${lo}–${hi} min`,
  waitNone: "no wait",
  offlineSince: (time: string) => `data as of ${time}`,
  lastUpdate: (time: string) => `Updated ${time}`,
  soundOn: "Turn on call sounds",
  soundActive: "Sound on",
  noVoice: "No Indonesian voice available: chime only.",
  announcing: (number: string, deskId: string) => `Number ${number}, please go to Desk ${deskId}`,
  join: "The board needs a link with the event code.",
} satisfies Translation<BoardMessages>;
