import { describe, expect, it } from "vitest";
import { INITIAL_STATUS, nextStatus, type SyncEvent, type SyncStatus } from "./status.ts";

const run = (events: SyncEvent[], from: SyncStatus = INITIAL_STATUS) => events.reduce(nextStatus, from);
const offline = (at: number): SyncEvent => ({ type: "roundFailed", at, error: { code: "offline", detail: "fetch failed" } });

describe("sync status", () => {
  it("goes syncing, then idle with the time of the last success", () => {
    const s = run([{ type: "roundStarted" }]);
    expect(s.phase).toBe("syncing");
    expect(run([{ type: "roundStarted" }, { type: "roundSucceeded", at: 5 }])).toMatchObject({ phase: "idle", lastSyncedAt: 5 });
  });

  it("remembers since when it is offline across retries, and forgets on success", () => {
    const s = run([offline(10), { type: "roundStarted" }, offline(20)]);
    expect(s).toMatchObject({ phase: "offline", offlineSince: 10 });
    expect(s.lastError?.code).toBe("offline");
    expect(run([{ type: "roundStarted" }, { type: "roundSucceeded", at: 30 }], s)).toMatchObject({
      phase: "idle",
      offlineSince: null,
      lastError: null,
      lastSyncedAt: 30,
    });
  });

  it("maps failures to phases: server errors, an outdated app, a lost session", () => {
    const fail = (code: "serverError" | "clientTooOld" | "unauthorized" | "rateLimited") =>
      run([offline(1), { type: "roundFailed", at: 2, error: { code, detail: "" } }]);
    expect(fail("serverError")).toMatchObject({ phase: "error", offlineSince: null });
    expect(fail("rateLimited").phase).toBe("error");
    expect(fail("clientTooOld").phase).toBe("updateRequired");
    expect(fail("unauthorized").phase).toBe("signedOut");
  });

  it("keeps showing an outdated app even when a round starts", () => {
    const s = run([{ type: "roundFailed", at: 1, error: { code: "clientTooOld", detail: "" } }, { type: "roundStarted" }]);
    expect(s.phase).toBe("updateRequired");
  });

  it("counts what waits and what was refused, and returns the same object when nothing changed", () => {
    const s = run([{ type: "counts", pending: 3, rejected: 1 }]);
    expect(s).toMatchObject({ pending: 3, rejected: 1 });
    expect(nextStatus(s, { type: "counts", pending: 3, rejected: 1 })).toBe(s);
  });

  it("keeps when it last heard from the server apart from when it last synced", () => {
    const s = run([
      { type: "roundSucceeded", at: 10 },
      { type: "heard", at: 15 },
      { type: "heard", at: 12 },
    ]);
    expect(s).toMatchObject({ phase: "idle", lastSyncedAt: 10, lastHeardAt: 15 });
  });

  it("never stays up to date while deaf: silence turns the phase offline since the last word heard", () => {
    const s = run([
      { type: "roundSucceeded", at: 10 },
      { type: "heard", at: 20 },
      { type: "silent", at: 33 },
    ]);
    expect(s).toMatchObject({ phase: "offline", offlineSince: 20, lastSyncedAt: 10 });
    expect(s.lastError?.code).toBe("offline");
    // a retry keeps saying so; only a round that gets through clears it
    expect(run([{ type: "roundStarted" }, { type: "heard", at: 40 }], s).phase).toBe("offline");
    expect(run([{ type: "roundSucceeded", at: 41 }], s)).toMatchObject({ phase: "idle", offlineSince: null });
  });

  it("a silence does not hide an outdated app or a lost session", () => {
    const old = run([
      { type: "roundFailed", at: 1, error: { code: "clientTooOld", detail: "" } },
      { type: "silent", at: 2 },
    ]);
    expect(old.phase).toBe("updateRequired");
  });
});
