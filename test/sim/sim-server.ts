import { copyFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { backupSqlite } from "../../scripts/backup.ts";
import { createApp } from "../../src/server/app.ts";
import { openSqliteStore } from "../../src/server/store/sqlite.ts";

/**
 * The simulation's one server: the real HTTP app on a SQLite file, in-process.
 * It can restart on its file (a deploy, a power cut under a UPS) and be
 * restored from a backup made earlier (scripts/backup.ts; the restore steps of
 * docs/ARCHITECTURE.md "Backups"): the restored server has lost whatever it
 * acknowledged after the backup, and the devices must notice (a new history
 * epoch) and push it again.
 */
export interface SimServer {
  readonly handler: (req: Request) => Promise<Response>;
  current(): ReturnType<typeof boot>;
  restart(): Promise<void>;
  /** a consistent copy of the file, as `npm run backup` makes one; false when the store keeps no file to copy */
  backup(): Promise<boolean>;
  /** stop, copy the last backup over the file, start: false when there is no backup */
  restore(): Promise<boolean>;
  close(): Promise<void>;
  readonly counts: { restarts: number; backups: number; restores: number };
}

function boot(file: string, time: () => number) {
  const store = openSqliteStore(file);
  return { store, ...createApp({ store, distDir: null, now: time, log: () => {}, rateLimit: false }) };
}

export function createSimServer(dir: string, time: () => number): SimServer {
  const file = join(dir, "loket.db");
  const copy = join(dir, "backup", "loket.db");
  let server = boot(file, time);
  let backedUp = false;
  const counts = { restarts: 0, backups: 0, restores: 0 };
  const stop = async () => {
    server.close();
    await server.store.close();
  };
  return {
    // requests in flight keep the process they reached; new ones reach the current one
    handler: async (req) => server.app.fetch(req),
    current: () => server,
    counts,
    async restart() {
      // a new process on the same file: what was committed stays, requests to the old one fail
      const old = server;
      server = boot(file, time);
      old.close();
      await old.store.close();
      counts.restarts++;
    },
    async backup() {
      // the PostgreSQL suite swaps the store for a database: there is no file to copy
      if (!existsSync(file)) return false;
      await backupSqlite(file, copy);
      backedUp = true;
      counts.backups++;
      return true;
    },
    async restore() {
      if (!backedUp) return false;
      await stop();
      copyFileSync(copy, file);
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      server = boot(file, time);
      counts.restores++;
      return true;
    },
    close: stop,
  };
}
