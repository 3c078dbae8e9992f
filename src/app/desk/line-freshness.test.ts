import { describe, expect, it } from "vitest";
import { INITIAL_STATUS, type SyncStatus } from "../../sync/status.ts";
import { lineFreshness, zoneAbbrev } from "./line-freshness.ts";

const status = (over: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_STATUS, ...over });

describe("the desk line's freshness", () => {
  it("is fresh while rounds succeed", () => {
    expect(lineFreshness(status({ phase: "idle", lastSyncedAt: 5 }), 1)).toEqual({ stale: false });
    expect(lineFreshness(status({ phase: "syncing" }), 1)).toEqual({ stale: false });
  });

  it("is stale since the last good round when offline or failing", () => {
    expect(lineFreshness(status({ phase: "offline", lastSyncedAt: 5, offlineSince: 9 }), 1)).toEqual({ stale: true, since: 5 });
    expect(lineFreshness(status({ phase: "error", lastSyncedAt: 7 }), null)).toEqual({ stale: true, since: 7 });
    expect(lineFreshness(status({ phase: "signedOut", lastSyncedAt: 7 }), null)).toEqual({ stale: true, since: 7 });
  });

  it("after a reload while offline, knows the last good round from the store", () => {
    expect(lineFreshness(status({ phase: "offline", lastSyncedAt: null }), 3)).toEqual({ stale: true, since: 3 });
    expect(lineFreshness(status({ phase: "offline", lastSyncedAt: null }), null)).toEqual({ stale: true, since: null });
  });

  it("is stale as soon as the browser says it is offline, before a round fails", () => {
    expect(lineFreshness(status({ phase: "idle", lastSyncedAt: 5 }), 1, false)).toEqual({ stale: true, since: 5 });
    expect(lineFreshness(null, 4, false)).toEqual({ stale: true, since: 4 });
  });

  it("names Indonesia's zones", () => {
    expect(zoneAbbrev("Asia/Makassar")).toBe("WITA");
    expect(zoneAbbrev("Asia/Jakarta")).toBe("WIB");
    expect(zoneAbbrev("Asia/Jayapura")).toBe("WIT");
    expect(zoneAbbrev("Europe/Paris")).toBe("");
  });
});
