import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStoreFromEnv } from "../../src/server/store/open.ts";
import { startTestPostgres, type TestPostgres } from "./embedded.ts";

/** The store chosen from the environment: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR. */
let pg: TestPostgres;
const dir = mkdtempSync(join(tmpdir(), "loket-open-"));
beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("openStoreFromEnv", () => {
  it("opens SQLite in DATA_DIR without DATABASE_URL, with no notifier of its own", async () => {
    const opened = await openStoreFromEnv({ DATA_DIR: join(dir, "data") });
    expect(opened.notifier).toBeUndefined();
    expect(opened.describe).toBe(`SQLite ${join(dir, "data", "loket.sqlite")}`);
    expect(existsSync(join(dir, "data", "loket.sqlite"))).toBe(true);
    await opened.store.close();
  });

  it("opens PostgreSQL with DATABASE_URL, with a LISTEN/NOTIFY notifier, and never prints the password", async () => {
    const url = await pg.newDatabase();
    const opened = await openStoreFromEnv({
      DATABASE_URL: url,
      LOKET_DEPLOYMENT_ID: "panrb-central",
      DATA_DIR: join(dir, "unused"),
    });
    expect(opened.describe).toMatch(
      /^PostgreSQL postgres:\/\/loket:\*\*\*@127\.0\.0\.1:\d+\/loket_\w+ \(deployment panrb-central\)$/,
    );
    expect(existsSync(join(dir, "unused"))).toBe(false);
    const got = new Promise<number>((resolve) => opened.notifier?.subscribe("denpasar-2026", resolve));
    opened.notifier?.publish("denpasar-2026", 7);
    expect(await got).toBe(7);
    opened.notifier?.close();
    await opened.store.close();
    await expect(openStoreFromEnv({ DATABASE_URL: url, LOKET_DEPLOYMENT_ID: "panrb-training" })).rejects.toThrow(
      /cannot use the PostgreSQL database at postgres:\/\/loket:\*\*\*@.*belongs to deployment "panrb-central"/,
    );
  });

  it("says what is wrong with a DATABASE_URL that is not PostgreSQL's", async () => {
    await expect(openStoreFromEnv({ DATABASE_URL: "mysql://x@y/z" })).rejects.toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
  });
});
