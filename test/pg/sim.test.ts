import { afterAll, expect, vi } from "vitest";
import { stopTestPostgres } from "./pg-server-process.ts";

/**
 * test/sim/convergence.test.ts, unchanged, with the server's store on
 * PostgreSQL (one seed; see below): the simulation opens its store with `openSqliteStore`, which is
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
// One seed here (the SQLite run takes all three), to keep the PostgreSQL suite short; SIM_SEED picks
// another. The variable is put back at once: the worker process may run the SQLite suite next.
const given = process.env.SIM_SEED;
process.env.SIM_SEED = given ?? "20260115";
try {
  await import("../sim/convergence.test.ts");
} finally {
  if (given === undefined) delete process.env.SIM_SEED;
}
