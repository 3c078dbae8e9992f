import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { PushPayloadSchema, ticketUrl } from "./push.ts";

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
