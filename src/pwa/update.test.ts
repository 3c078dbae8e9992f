import { describe, expect, it, vi } from "vitest";
import { createUpdateStore, nextUpdate, type UpdatePhase } from "./update.ts";

describe("update prompt", () => {
  it("announces a waiting version without applying it", () => {
    expect(nextUpdate("idle", { type: "waiting" })).toEqual({ phase: "waiting", apply: false });
    expect(nextUpdate("offlineReady", { type: "waiting" })).toEqual({ phase: "waiting", apply: false });
  });

  it("applies when the user accepts, from waiting or deferred", () => {
    expect(nextUpdate("waiting", { type: "accept" })).toEqual({ phase: "applying", apply: true });
    expect(nextUpdate("deferred", { type: "accept" })).toEqual({ phase: "applying", apply: true });
  });

  it("accept with nothing waiting does nothing", () => {
    for (const p of ["idle", "offlineReady"] as UpdatePhase[]) {
      expect(nextUpdate(p, { type: "accept" })).toEqual({ phase: p, apply: false });
    }
  });

  it("applies by itself only when hidden and no work is open", () => {
    expect(nextUpdate("waiting", { type: "hidden", workOpen: false })).toEqual({ phase: "applying", apply: true });
    expect(nextUpdate("deferred", { type: "hidden", workOpen: false })).toEqual({ phase: "applying", apply: true });
    expect(nextUpdate("waiting", { type: "hidden", workOpen: true })).toEqual({ phase: "waiting", apply: false });
    expect(nextUpdate("idle", { type: "hidden", workOpen: false })).toEqual({ phase: "idle", apply: false });
  });

  it("later hides the banner until the page is shown again", () => {
    const later = nextUpdate("waiting", { type: "later" });
    expect(later).toEqual({ phase: "deferred", apply: false });
    expect(nextUpdate(later.phase, { type: "visible" })).toEqual({ phase: "waiting", apply: false });
  });

  it("never applies twice", () => {
    expect(nextUpdate("applying", { type: "accept" })).toEqual({ phase: "applying", apply: false });
    expect(nextUpdate("applying", { type: "hidden", workOpen: false })).toEqual({ phase: "applying", apply: false });
    expect(nextUpdate("applying", { type: "waiting" })).toEqual({ phase: "applying", apply: false });
  });

  it("says offline-ready once and can be dismissed", () => {
    expect(nextUpdate("idle", { type: "offlineReady" })).toEqual({ phase: "offlineReady", apply: false });
    expect(nextUpdate("offlineReady", { type: "dismiss" })).toEqual({ phase: "idle", apply: false });
    expect(nextUpdate("waiting", { type: "offlineReady" })).toEqual({ phase: "waiting", apply: false });
  });

  it("the store runs the effect and notifies on change", () => {
    const apply = vi.fn();
    const store = createUpdateStore(apply);
    const seen: UpdatePhase[] = [];
    store.subscribe((p) => seen.push(p));
    store.send({ type: "waiting" });
    store.send({ type: "hidden", workOpen: true });
    expect(apply).not.toHaveBeenCalled();
    store.send({ type: "accept" });
    store.send({ type: "accept" });
    expect(apply).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(["waiting", "applying"]);
  });
});
