import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { restoreScenario } from "../../api/restore-scenario.ts";
import type { ServerProcess } from "../../api/server-process.ts";
import { startPgServer, stopTestPostgres, testPostgres } from "../pg-server-process.ts";

/**
 * The restore scenario (test/api/restore-scenario.ts) on PostgreSQL, by the
 * README's procedure: restore the database as of the backup, then
 * `DELETE FROM meta WHERE key = 'history_epoch'` before starting the server.
 *
 * The backup is a copy of the database (`CREATE DATABASE … TEMPLATE`, taken
 * while the server is stopped, since a template must have no connections):
 * what `pg_dump -Fc` then `pg_restore --clean` give back, the database as of
 * that moment. pg_dump itself is not used because the embedded server's
 * package ships no client tools, and Debian 12's pg_dump (15) refuses a
 * PostgreSQL 18 server.
 */
let server: ServerProcess;
let url: URL;
let admin: pg.Client;

beforeAll(async () => {
  url = new URL(await (await testPostgres()).newDatabase());
  server = await startPgServer({}, url.toString());
  const root = new URL(url);
  root.pathname = "/postgres";
  admin = new pg.Client({ connectionString: root.toString() });
  await admin.connect();
});
afterAll(async () => {
  await server.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${backupName()} WITH (FORCE)`);
  await admin.end();
  await stopTestPostgres();
});

const liveName = () => url.pathname.slice(1);
const backupName = () => `${liveName()}_backup`;

describe("a PostgreSQL server restored from a backup", () => {
  it("ends with every operation once after the devices reconnect", async () => {
    await restoreScenario(server, {
      async take() {
        await server.stop();
        await admin.query(`CREATE DATABASE ${backupName()} TEMPLATE ${liveName()}`);
        await server.restart();
      },
      async putBack() {
        await server.stop();
        await admin.query(`DROP DATABASE ${liveName()} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${liveName()} TEMPLATE ${backupName()}`);
        const restored = new pg.Client({ connectionString: url.toString() });
        await restored.connect();
        await restored.query("DELETE FROM meta WHERE key = 'history_epoch'");
        await restored.end();
        await server.restart();
      },
    });
  });
});
