import { describe, expect, it } from "vitest";
import { SURFACES, surfaceOf } from "./surfaces.ts";

describe("surfaces", () => {
  it("finds the surface of a route, the participant's by default", () => {
    expect(surfaceOf("/")).toBe("participant");
    expect(surfaceOf("/desk")).toBe("desk");
    expect(surfaceOf("/desk/")).toBe("desk");
    expect(surfaceOf("/board")).toBe("board");
    expect(surfaceOf("/admin")).toBe("admin");
    expect(surfaceOf("/desktop")).toBe("participant");
  });

  it("gives each surface its own manifest and a home-screen name of at most 12 characters", () => {
    const files = Object.values(SURFACES).map((s) => s.manifest);
    expect(new Set(files).size).toBe(files.length);
    for (const s of Object.values(SURFACES)) expect(s.shortName.length).toBeLessThanOrEqual(12);
  });
});
