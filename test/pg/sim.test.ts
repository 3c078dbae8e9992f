import { afterAll, expect, vi } from "vitest";
import { stopTestPostgres, testPostgres } from "./pg-server-process.ts";

/**
 * test/sim/convergence.test.ts, unchanged, with the server's store on
 * PostgreSQL (one seed; see below): the simulation opens its store with `openSqliteStore`, which is
 * swapped here for a PostgreSQL store on a fresh database per run.
 */
const swap = vi.hoisted(() => ({ open: null as null | ((file: string) => unknown), opened: 0 }));
vi.mock("../../src/server/store/sqlite.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/server/store/sqlite.ts")>()),
  openSqliteStore: (file: string) => {
    if (!swap.open) throw new Error("the PostgreSQL store is not ready");
    swap.opened += 1;
    return swap.open(file);
  },
}));
afterAll(async () => {
  expect(swap.opened).toBeGreaterThan(0);
  await stopTestPostgres();
});

// One database per file: the simulation restarts its server on the same file, and the
// restarted server must find what the first one committed.
const { lazyPostgresStore } = await import("./lazy-store.ts");
const databases = new Map<string, Promise<string>>();
swap.open = (file) => {
  let url = databases.get(file);
  if (!url) {
    url = testPostgres().then((pg) => pg.newDatabase());
    databases.set(file, url);
  }
  return lazyPostgresStore(url);
};
// One seed here (the SQLite run takes all three), to keep the PostgreSQL suite short; SIM_SEED picks
// another. The variable is put back at once: the worker process may run the SQLite suite next.
const given = process.env.SIM_SEED;
process.env.SIM_SEED = given ?? "20260115";
// No backup and restore here: the simulation copies the SQLite file, and a PostgreSQL database
// is restored with pg_restore and a cleared history epoch (docs/ARCHITECTURE.md), not cheaply in-process.
const restore = process.env.SIM_RESTORE;
process.env.SIM_RESTORE = "off";
try {
  await import("../sim/convergence.test.ts");
} finally {
  if (given === undefined) delete process.env.SIM_SEED;
  if (restore === undefined) delete process.env.SIM_RESTORE;
  else process.env.SIM_RESTORE = restore;
}
