import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEVICE_ID_PATTERN, deviceIdFromDigest, fromBase64url, signInMessage, toBase64url, utf8 } from "./device-identity.ts";
import { ID_PATTERN } from "./ids.ts";

describe("device identity", () => {
  it("derives a 16-character id in the id alphabet from the first 80 bits of the digest", () => {
    const digest = new Uint8Array(32).fill(0xff);
    expect(deviceIdFromDigest(digest)).toBe("ZZZZZZZZZZZZZZZZ");
    expect(deviceIdFromDigest(new Uint8Array(32))).toBe("0000000000000000");
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (d) => {
        const id = deviceIdFromDigest(d);
        expect(id).toMatch(DEVICE_ID_PATTERN);
        expect(id).toMatch(ID_PATTERN);
      }),
    );
  });

  it("gives different ids for digests that differ in their first 10 bytes", () => {
    const a = new Uint8Array(32);
    const b = new Uint8Array(32);
    b[9] = 1;
    expect(deviceIdFromDigest(a)).not.toBe(deviceIdFromDigest(b));
  });

  it("round-trips base64url and matches Node's encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(fromBase64url(text)).toEqual(bytes);
      }),
    );
    expect(fromBase64url("a+b/")).toBeNull();
    expect(fromBase64url("abcde")).toBeNull();
  });

  it("signs every field of the statement, in a fixed order", () => {
    const base = { challenge: "C", eventId: "e-1", role: "desk", deviceId: "D", deskId: "K1" } as const;
    const text = (s: Parameters<typeof signInMessage>[0]) => Buffer.from(signInMessage(s)).toString("utf8");
    expect(text(base)).toBe("loket-sign-in/1\nC\ne-1\ndesk\nD\nK1");
    expect(text({ ...base, deskId: "K2" })).not.toBe(text(base));
    expect(Buffer.from(utf8("Ayu ✓")).toString("utf8")).toBe("Ayu ✓");
  });
});
