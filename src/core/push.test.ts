import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { PushPayloadSchema, pushWords, ticketUrl, WebPushSaveSchema } from "./push.ts";

describe("push payload", () => {
  it("accepts a call and refuses what a push service should not have relayed", () => {
    const ok = {
      kind: "called",
      title: "K-012 dipanggil",
      body: "Silakan menuju Meja K1",
      ticketId: "06H3B3H70540MNE18XBTGEY9AC",
    };
    expect(v.safeParse(PushPayloadSchema, ok).success).toBe(true);
    expect(v.safeParse(PushPayloadSchema, { ...ok, kind: "spam" }).success).toBe(false);
    expect(v.safeParse(PushPayloadSchema, { ...ok, ticketId: "../admin" }).success).toBe(false);
    expect(v.safeParse(PushPayloadSchema, { ...ok, title: "x".repeat(121) }).success).toBe(false);
  });

  it("opens the ticket's own screen", () => {
    expect(ticketUrl("06H3B3H70540MNE18XBTGEY9AC")).toBe("/?t=06H3B3H70540MNE18XBTGEY9AC");
  });
});

describe("push words and subscriptions", () => {
  it("writes the call and the place in line in the phone's language, within the payload's limits", () => {
    expect(pushWords("id", { kind: "called", number: "K-012", deskId: "K1" })).toEqual({
      title: "Giliran Anda: K-012",
      body: "Silakan menuju Meja K1 sekarang.",
    });
    expect(pushWords("en", { kind: "called", number: "K-012", deskId: "K1" }).body).toBe("Please go to Desk K1 now.");
    expect(pushWords("id", { kind: "near", number: "S-004", place: 1 }).title).toBe("S-004: Anda berikutnya");
    expect(pushWords("id", { kind: "near", number: "S-004", place: 3 }).title).toBe("S-004: Anda urutan ke-3");
    expect([2, 3, 11, 22].map((place) => pushWords("en", { kind: "near", number: "A-1", place }).title)).toEqual([
      "A-1: you are 2nd in line",
      "A-1: you are 3rd in line",
      "A-1: you are 11th in line",
      "A-1: you are 22nd in line",
    ]);
    for (const lang of ["id", "en"] as const) {
      const words = pushWords(lang, { kind: "near", number: "K-9999", place: 3 });
      expect(v.safeParse(PushPayloadSchema, { kind: "near", ...words, ticketId: "06H3B3H70540MNE18XBTGEY9AC" }).success).toBe(
        true,
      );
    }
  });

  it("takes a browser's subscription as PushSubscription.toJSON() gives it, and nothing malformed", () => {
    const ok = {
      subscription: {
        endpoint: "https://fcm.googleapis.com/fcm/send/abc",
        expirationTime: null,
        keys: { p256dh: "B".repeat(87), auth: "a".repeat(22) },
      },
      lang: "id",
    };
    expect(v.safeParse(WebPushSaveSchema, ok).success).toBe(true);
    const bad = (patch: object) => v.safeParse(WebPushSaveSchema, { ...ok, ...patch }).success;
    expect(bad({ lang: "fr" })).toBe(false);
    expect(bad({ subscription: { ...ok.subscription, endpoint: "not a url" } })).toBe(false);
    expect(bad({ subscription: { ...ok.subscription, keys: { p256dh: "B".repeat(86), auth: "a".repeat(22) } } })).toBe(false);
    expect(bad({ subscription: { ...ok.subscription, keys: { p256dh: "B".repeat(87), auth: `${"a/b+".repeat(5)}aa` } } })).toBe(
      false,
    );
  });
});
