import { afterAll, expect, vi } from "vitest";
import { stopTestPostgres } from "./pg-server-process.ts";

/**
 * test/sim/convergence.test.ts, unchanged, with the server's store on
 * PostgreSQL: the simulation opens its store with `openSqliteStore`, which is
 * swapped here for a PostgreSQL store on a fresh database per run.
 */
const swap = vi.hoisted(() => ({ open: null as null | (() => unknown), opened: 0 }));
vi.mock("../../src/server/store/sqlite.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/server/store/sqlite.ts")>()),
  openSqliteStore: () => {
    if (!swap.open) throw new Error("the PostgreSQL store is not ready");
    swap.opened += 1;
    return swap.open();
  },
}));
afterAll(async () => {
  expect(swap.opened).toBeGreaterThan(0);
  await stopTestPostgres();
});

swap.open = (await import("./lazy-store.ts")).lazyPostgresStore;
await import("../sim/convergence.test.ts");
