import { afterAll, expect, vi } from "vitest";
import { stopTestPostgres } from "../pg-server-process.ts";

/** test/api/fuzz.test.ts, unchanged, with its in-process store on PostgreSQL instead of a SQLite file. */
const swap = vi.hoisted(() => ({ open: null as null | (() => unknown), opened: 0 }));
vi.mock("../../../src/server/store/sqlite.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../../src/server/store/sqlite.ts")>()),
  openSqliteStore: () => {
    if (!swap.open) throw new Error("the PostgreSQL store is not ready");
    swap.opened += 1;
    return swap.open();
  },
}));
afterAll(async () => {
  expect(swap.opened).toBe(1);
  await stopTestPostgres();
});

swap.open = (await import("../lazy-store.ts")).lazyPostgresStore;
await import("../../api/fuzz.test.ts");
