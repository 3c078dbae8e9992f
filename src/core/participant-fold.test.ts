import { describe, expect, it } from "vitest";
import type { OpOf } from "./operation.ts";
import { foldParticipant } from "./participant-fold.ts";
import { at, EVENT, PARTICIPANT, participantActor } from "./testing/ops.ts";

const profile = (name: string, regionId: string): OpOf<"participant.registered">["profile"] => ({
  name,
  position: "Kabag Organisasi",
  institution: "Sekretariat Daerah",
  regionId,
  consent: { given: true, noticeVersion: "1", purpose: "Klinik", at: "2026-01-15T02:00:00.000Z" },
});

let n = 0;
function registered(t: number, name: string, regionId: string): OpOf<"participant.registered"> {
  n++;
  return {
    id: `REG${String(n).padStart(13, "0")}`,
    eventId: EVENT,
    hlc: at(t, "PHONE"),
    actor: participantActor,
    type: "participant.registered",
    participantId: PARTICIPANT,
    profile: profile(name, regionId),
  };
}
function erased(t: number, regionId?: string): OpOf<"participant.erased"> {
  n++;
  return {
    id: `ERA${String(n).padStart(13, "0")}`,
    eventId: EVENT,
    hlc: at(t, "PHONE"),
    actor: participantActor,
    type: "participant.erased",
    participantId: PARTICIPANT,
    ...(regionId ? { regionId } : {}),
  };
}

describe("foldParticipant", () => {
  it("keeps the latest profile and its region", () => {
    const p = foldParticipant([registered(2, "Baru", "52-kota-mataram"), registered(1, "Lama", "51-kota-denpasar")]);
    expect(p).toMatchObject({ erased: false, regionId: "52-kota-mataram" });
    expect(p?.profile?.name).toBe("Baru");
  });

  it("drops the profile on erasure, whatever the stamps, and keeps the region for anonymous counts", () => {
    const p = foldParticipant([erased(1), registered(5, "Ayu", "51-kota-denpasar")]);
    expect(p).toMatchObject({ erased: true, profile: null, regionId: "51-kota-denpasar" });
  });

  it("takes the region from the erasure when the profile is gone (deleted on the server and devices)", () => {
    expect(foldParticipant([erased(3, "53-kota-kupang")])).toMatchObject({
      erased: true,
      profile: null,
      regionId: "53-kota-kupang",
    });
    expect(foldParticipant([erased(3)])?.regionId).toBeNull();
  });

  it("prefers the erasure's region to the last profile's", () => {
    const p = foldParticipant([registered(1, "Ayu", "51-kota-denpasar"), erased(2, "52-kota-mataram")]);
    expect(p?.regionId).toBe("52-kota-mataram");
  });
});
