import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fakeDist, type ServerProcess, spawnServer } from "../api/server-process.ts";
import { startTestPostgres, type TestPostgres } from "./embedded.ts";

/**
 * `startServer` of test/api/server-process.ts, on PostgreSQL: the same
 * ServerProcess (a real server process on a free port, fixed demo codes, a
 * fake build), running src/server/index.ts on a fresh database of the
 * embedded PostgreSQL that this module starts once per test file. The API
 * suites run unchanged against it (see test/pg/api/); the tests of
 * several instances start more than one on the same database.
 */
let shared: Promise<TestPostgres> | null = null;
/** one fake build for every instance of this test file, removed with the database server */
let distRoot: string | null = null;
export function testPostgres(): Promise<TestPostgres> {
  shared ??= startTestPostgres();
  return shared;
}
export async function stopTestPostgres(): Promise<void> {
  if (shared) await (await shared).stop();
  shared = null;
  if (distRoot) rmSync(distRoot, { recursive: true, force: true });
  distRoot = null;
}

export async function startPgServer(env: Record<string, string> = {}, databaseUrl?: string): Promise<ServerProcess> {
  const url = databaseUrl ?? (await (await testPostgres()).newDatabase());
  if (!distRoot) {
    distRoot = mkdtempSync(join(tmpdir(), "loket-pgapi-"));
    fakeDist(join(distRoot, "dist"));
  }
  const distDir = join(distRoot, "dist");
  return spawnServer({
    entry: "src/server/index.ts",
    settings: { DATABASE_URL: url, DIST_DIR: distDir },
    env,
    dataDir: url,
    distDir,
  });
}
