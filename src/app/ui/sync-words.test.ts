import { describe, expect, it } from "vitest";
import type { SyncErrorCode } from "../../sync/status.ts";
import en from "../i18n/common.en.ts";
import { common } from "../i18n/common.ts";
import { ERROR_WORDS, errorWords } from "./sync-words.ts";

describe("sync error words", () => {
  const codes = Object.keys(ERROR_WORDS) as SyncErrorCode[];

  it("every code has its own plain words in both languages", () => {
    for (const m of [common.id, en]) {
      const words = codes.map((c) => errorWords(c, m));
      for (const w of words) expect(w.trim()).not.toBe("");
      expect(new Set(words).size).toBe(codes.length);
      expect(words).not.toContain(m.errOther);
    }
  });

  it("says the server needs updating when it is older than the app", () => {
    expect(errorWords("serverTooOld", common.id)).toMatch(/server/);
    expect(errorWords("serverTooOld", en)).toMatch(/organisers must update/);
  });

  it("a code this app does not know reads as unknown", () => {
    expect(errorWords("fromTheFuture" as SyncErrorCode, en)).toBe(en.errOther);
    expect(errorWords("toString" as SyncErrorCode, en)).toBe(en.errOther);
  });
});
