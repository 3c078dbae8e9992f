import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { backupSqlite } from "../../scripts/backup.ts";
import { restoreScenario } from "./restore-scenario.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

/**
 * The restore scenario (./restore-scenario.ts) on SQLite, by the README's
 * procedure: `npm run backup`'s online backup API while the server runs; to
 * restore, stop the server, copy the backup over the database, delete the
 * `-wal` and `-shm` files, start.
 */
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

describe("a server restored from a backup", () => {
  it("ends with every operation once after the devices reconnect", async () => {
    const file = join(server.dataDir, "loket.sqlite");
    const backup = join(server.dataDir, "..", "backup", "loket.sqlite");
    await restoreScenario(server, {
      take: () => backupSqlite(file, backup),
      async putBack() {
        await server.stop();
        copyFileSync(backup, file);
        rmSync(`${file}-wal`, { force: true });
        rmSync(`${file}-shm`, { force: true });
        await server.restart();
      },
    });
  });
});
