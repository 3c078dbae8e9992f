import { afterAll, vi } from "vitest";
import { stopTestPostgres } from "../pg-server-process.ts";

/** test/api/admin.test.ts, unchanged, against server instances on PostgreSQL (see ../pg-server-process.ts). */
vi.mock("../../api/server-process.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../api/server-process.ts")>()),
  startServer: async (env?: Record<string, string>) => (await import("../pg-server-process.ts")).startPgServer(env),
}));
afterAll(stopTestPostgres);

await import("../../api/admin.test.ts");
