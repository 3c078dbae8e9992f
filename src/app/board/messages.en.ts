import type { Translation } from "../i18n/define.ts";
import type { BoardMessages } from "./messages.ts";

/** The English half of ./messages.ts, fetched only when English is chosen. */
export default {
  title: "Queue Board",
  nowServing: "Now serving",
  desk: (table: number) => `Desk ${table}`,
  deskOf: (domain: string, table: number) => `${domain} · Desk ${table}`,
  free: "—",
  calledTag: "called",
  servingTag: "consulting",
  lastCalls: "Latest calls",
  noCalls: "No calls yet.",
  callLine: (number: string, table: number) => `${number} → Desk ${table}`,
  lines: "Lines by domain",
  waiting: (n: number) => `${n} waiting`,
  waitRange: (lo: number, hi: number) => `± ${lo}–${hi} min`,
  waitNone: "no wait",
  offlineSince: (time: string) => `Offline since ${time} — showing the last known state`,
  lastUpdate: (time: string) => `Updated ${time}`,
  soundOn: "Turn on call sounds",
  soundActive: "Sound on",
  noVoice: "No Indonesian voice available: chime only.",
  announcing: (number: string, table: number) => `Number ${number}, please go to Desk ${table}`,
  join: "The board needs a link with the event code.",
} satisfies Translation<BoardMessages>;
