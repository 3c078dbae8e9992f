import { describe, expect, it } from "vitest";
import type { OpOf } from "../core/operation.ts";
import { readDeviceHeaders } from "./devices.ts";
import { consentRule, localDate, purgeAllowed, serverErasure } from "./privacy.ts";
import { codesFor, eventProblem } from "./routes/admin.ts";
import { demoEvent } from "./seed.ts";

const event = demoEvent();

function registration(noticeVersion: string): OpOf<"participant.registered"> {
  return {
    id: "REGXSTRATXON0001",
    eventId: event.id,
    hlc: "0000000000a-00000-PHONE",
    actor: { deviceId: "PHONE0000001", role: "participant", participantId: "PARTXCPANT01" },
    type: "participant.registered",
    participantId: "PARTXCPANT01",
    profile: {
      name: "Ayu",
      position: "Kabag",
      institution: "Setda",
      regionId: "51-kota-denpasar",
      consent: { given: true, noticeVersion, purpose: "antrean", at: "2026-01-15T01:00:00.000Z" },
    },
  };
}

describe("privacy rules", () => {
  it("accepts consent to the event's notice only, with a reason that says what to do", () => {
    expect(consentRule(registration(event.consentNoticeVersion), event)).toBeNull();
    expect(consentRule(registration("0"), event)).toMatch(/version "0".*ask again/);
  });

  it("purges from the event's last day on, in the event's time zone", () => {
    // 2026-01-15T16:30Z is already the 16th in WITA (UTC+8)
    const lateOnDayOne = Date.UTC(2026, 0, 15, 16, 30);
    expect(localDate(lateOnDayOne, "Asia/Makassar")).toBe("2026-01-16");
    expect(localDate(lateOnDayOne, "Asia/Jakarta")).toBe("2026-01-15");
    expect(purgeAllowed(event, localDate(lateOnDayOne, event.timeZone))).toBe(true);
    expect(purgeAllowed(event, "2026-01-15")).toBe(false);
  });

  it("makes server erasures that keep the region only", () => {
    const op = serverErasure(event.id, "PARTXCPANT01", "51-kota-denpasar", "0000000000a-00000-SERVER00");
    expect(op).toMatchObject({ type: "participant.erased", actor: { role: "server" }, regionId: "51-kota-denpasar" });
    expect("regionId" in serverErasure(event.id, "PARTXCPANT01", null, op.hlc)).toBe(false);
  });
});

describe("organizer helpers", () => {
  it("keeps codes of kept desks, adds codes for new desks and drops removed ones", () => {
    const first = codesFor(event, null);
    const all = [first.participantCode, first.organizerCode, ...Object.values(first.deskCodes)];
    expect(new Set(all).size).toBe(all.length);
    const fewer = { ...event, domains: event.domains.map((d) => (d.code === "K" ? { ...d, desks: 3 } : { ...d, desks: 1 })) };
    const next = codesFor(fewer, first);
    expect(next.participantCode).toBe(first.participantCode);
    expect(next.deskCodes.K1).toBe(first.deskCodes.K1);
    expect(next.deskCodes.K3).toBeTruthy();
    expect(next.deskCodes.S2).toBeUndefined();
  });

  it("finds what the schema alone cannot: date order, repeated domains or regions, unknown zones", () => {
    expect(eventProblem(event)).toBeNull();
    expect(eventProblem({ ...event, endDate: "2026-01-14" })).toMatch(/endDate/);
    expect(eventProblem({ ...event, domains: [...event.domains, ...event.domains.slice(0, 1)] })).toMatch(/domain/);
    expect(eventProblem({ ...event, regions: [...event.regions, ...event.regions.slice(0, 1)] })).toMatch(/region/);
    expect(eventProblem({ ...event, timeZone: "Asia/Atlantis" })).toMatch(/time zone/);
  });

  it("reads device headers defensively", () => {
    expect(readDeviceHeaders("12", "offline")).toEqual({ pending: 12, lastError: "offline" });
    expect(readDeviceHeaders(undefined, undefined)).toEqual({ pending: 0, lastError: null });
    expect(readDeviceHeaders("1e9", "x y")).toEqual({ pending: 0, lastError: null });
  });
});
