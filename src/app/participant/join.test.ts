import { describe, expect, it } from "vitest";
import type { AuthResponse } from "../../core/protocol.ts";
import { failurePhase, joinParams, sessionFits } from "./join.ts";

const session = { role: "participant", eventId: "denpasar-2026", token: "t" } as AuthResponse;

describe("joining", () => {
  it("reads the QR link's query", () => {
    expect(joinParams({ event: "denpasar-2026", code: "AB12CD" })).toEqual({ eventId: "denpasar-2026", code: "AB12CD" });
    expect(joinParams({ event: "denpasar-2026" })).toBeNull();
    expect(joinParams({ event: "<script>", code: "AB12CD" })).toBeNull();
    expect(joinParams({ event: "denpasar-2026", code: "x" })).toBeNull();
  });

  it("keeps a session of the same event, not of another event or role", () => {
    expect(sessionFits(session, null)).toBe(true);
    expect(sessionFits(session, { eventId: "denpasar-2026", code: "AB12CD" })).toBe(true);
    expect(sessionFits(session, { eventId: "mataram-2027", code: "AB12CD" })).toBe(false);
    expect(sessionFits({ ...session, role: "desk" }, null)).toBe(false);
    expect(sessionFits(null, null)).toBe(false);
  });

  it("tells offline from a refused code", () => {
    expect(failurePhase("offline")).toBe("offline");
    expect(failurePhase("unauthorized")).toBe("refused");
    expect(failurePhase("internal")).toBe("failed");
  });
});
