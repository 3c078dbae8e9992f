import { accessSync, constants, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Notifier } from "../notifier.ts";
import { createPgNotifier } from "../pg-notifier.ts";
import { openPostgresStore } from "./postgres.ts";
import { openSqliteStore } from "./sqlite.ts";
import type { SyncStore } from "./types.ts";

/**
 * Chooses the store from the environment:
 * - `DATABASE_URL=postgres://…` (or postgresql://): the central PostgreSQL,
 *   shared by several instances, with a LISTEN/NOTIFY notifier so that live
 *   events reach devices on every instance; `LOKET_DEPLOYMENT_ID` names the
 *   deployment the first time the database is set up, and must match after;
 * - otherwise: embedded SQLite, `loket.sqlite` in `DATA_DIR` (./data), and the
 *   in-process notifier that createApp makes by default.
 * Errors carry a message a person can act on; the caller prints it.
 */
export interface OpenedStore {
  store: SyncStore;
  notifier?: Notifier;
  /** one line for the start-up banner, without secrets */
  describe: string;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

export async function openStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<OpenedStore> {
  const url = env.DATABASE_URL;
  if (url && !isPostgresUrl(url)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (unset it to use SQLite in DATA_DIR)`);
  }
  if (isPostgresUrl(url)) {
    let store: Awaited<ReturnType<typeof openPostgresStore>>;
    try {
      store = await openPostgresStore(url, env.LOKET_DEPLOYMENT_ID ? { deploymentId: env.LOKET_DEPLOYMENT_ID } : {});
    } catch (e) {
      throw new Error(`cannot use the PostgreSQL database at ${redactUrl(url)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const notifier = await createPgNotifier(store.db);
    return { store, notifier, describe: `PostgreSQL ${redactUrl(url)} (deployment ${await store.deploymentId()})` };
  }
  const dataDir = resolve(env.DATA_DIR ?? "data");
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch {
    throw new Error(`the data folder ${dataDir} is not writable: set DATA_DIR to a folder this user can write`);
  }
  const file = join(dataDir, "loket.sqlite");
  try {
    const deploymentId = env.LOKET_DEPLOYMENT_ID;
    return { store: openSqliteStore(file, deploymentId ? { deploymentId } : {}), describe: `SQLite ${file}` };
  } catch (e) {
    throw new Error(`cannot open ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
