import { describe, expect, it } from "vitest";
import { onePerDomain } from "../../core/fair-use.ts";
import type { SyncErrorCode } from "../../sync/status.ts";
import en from "../i18n/common.en.ts";
import { common } from "../i18n/common.ts";
import { ERROR_WORDS, errorWords, heardAgo, rejectionWords } from "./sync-words.ts";

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

describe("how long ago the server was last heard", () => {
  it("says seconds, then minutes, then the clock time, and never 'just now' after 10 s", () => {
    const t = 1_000_000;
    expect(heardAgo(t, t + 9_999)).toEqual({ kind: "justNow" });
    expect(heardAgo(t, t + 10_000)).toEqual({ kind: "seconds", n: 10 });
    expect(heardAgo(t, t + 59_999)).toEqual({ kind: "seconds", n: 59 });
    expect(heardAgo(t, t + 125_000)).toEqual({ kind: "minutes", n: 2 });
    expect(heardAgo(t, t + 3_600_000)).toEqual({ kind: "at", at: t });
    expect(heardAgo(t, t - 500)).toEqual({ kind: "justNow" }); // a clock step back is not the future
  });
});

describe("refusal words", () => {
  it("says the fair-use refusal in the reader's language, and leaves other reasons as the server wrote them", () => {
    expect(rejectionWords(onePerDomain("S"), common.id)).toMatch(/bidang S.*satu nomor per bidang/);
    expect(rejectionWords(onePerDomain("S"), en)).toMatch(/domain S.*one number per domain/);
    expect(rejectionWords("actor does not match your sign-in", en)).toBe("actor does not match your sign-in");
  });
});
