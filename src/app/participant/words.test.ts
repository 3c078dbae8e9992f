import { describe, expect, it } from "vitest";
import { common } from "../i18n/common.ts";
import { participant } from "./messages.ts";
import { panels } from "./panel-messages.ts";

/**
 * Issue 12: the phone speaks to a regency official, not to an engineer. No
 * "luring", no "sinkron", no "perubahan belum terkirim" in anything the
 * participant's screens say: their own catalogues, and the sync badge's words
 * for a participant (the `plain…` keys of the shared catalogue).
 */
const ENGINEERS_WORDS = /luring|sinkron|belum terkirim/i;

function texts(messages: Record<string, unknown>): [string, string][] {
  return Object.entries(messages).map(([key, m]) => [key, typeof m === "function" ? String(m(3, "K")) : String(m)]);
}

describe("words on the participant's phone", () => {
  it("have no engineers' words", () => {
    const plainBadge = Object.fromEntries(Object.entries(common.id).filter(([key]) => key.startsWith("plain")));
    const all = [...texts(participant.id), ...texts(panels.id), ...texts(plainBadge)];
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter(([, text]) => ENGINEERS_WORDS.test(text))).toEqual([]);
  });

  it("the check can fail: the staff's words for the same states have them", () => {
    expect(ENGINEERS_WORDS.test(common.id.syncOffline)).toBe(true);
    expect(ENGINEERS_WORDS.test(common.id.pending(2))).toBe(true);
  });
});
