import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { opFactory } from "../core/op-fixtures.ts";
import { openDexieStore } from "./dexie-store.ts";
import { watch } from "./live.ts";

// liveQuery needs a global indexedDB, as in a browser: hence fake-indexeddb/auto here.
describe("watch", () => {
  it("re-runs a query when its data changes, also when written through another connection (tab)", async () => {
    const store = await openDexieStore("live");
    const other = await openDexieStore("live");
    const seen: number[] = [];
    const stop = watch(
      () => store.waitingLine("K"),
      (line) => seen.push(line.length),
    );
    await vi.waitFor(() => expect(seen).toEqual([0]));
    const f = opFactory();
    f.ticket("a", "K", 1);
    await store.appendLocal(f.ops);
    await vi.waitFor(() => expect(seen.at(-1)).toBe(1));
    f.ticket("b", "K", 2);
    await other.appendLocal(f.ops.slice(1));
    await vi.waitFor(() => expect(seen.at(-1)).toBe(2));
    stop();
    store.close();
    other.close();
  });
});
