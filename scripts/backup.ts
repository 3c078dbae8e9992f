import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { VAPID_FILE } from "../src/server/webpush/keys.ts";

/**
 * `npm run backup [-- <file or folder>] [-- --every <minutes>]`: a consistent
 * copy of the venue laptop's SQLite file, made with SQLite's online backup
 * API, so it is safe while the server runs and writes (it copies pages in
 * steps and restarts a step that a write changed). Without an argument the
 * copy goes to DATA_DIR/backups/loket-<time>.sqlite; a folder (a USB stick)
 * gets the same name inside it. `--every 30` repeats every 30 minutes until
 * stopped.
 *
 * Restore (docs/ARCHITECTURE.md, "Backup and restore"): stop the server, copy
 * the backup over DATA_DIR/loket.sqlite, delete loket.sqlite-wal and
 * loket.sqlite-shm beside it, start the server. The server begins a new
 * history epoch, and every device pushes again what the backup lacks.
 */
export async function backupSqlite(source: string, destination: string): Promise<void> {
  mkdirSync(dirname(destination), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
}

/** Where a backup made at `at` goes: `target` as a file when it ends in .sqlite, else a file in that folder. */
export function backupPath(dataDir: string, target: string | undefined, at: Date): string {
  const name = `loket-${at.toISOString().replace(/[:.]/g, "-")}.sqlite`;
  if (target?.endsWith(".sqlite")) return resolve(target);
  return join(resolve(target ?? join(dataDir, "backups")), name);
}

async function main(argv: string[]): Promise<void> {
  const every = argv.indexOf("--every");
  const minutes = every >= 0 ? Number(argv[every + 1]) : 0;
  if (every >= 0 && !(minutes > 0)) throw new Error("--every needs a number of minutes, e.g. --every 30");
  const target = argv.filter((_, i) => i !== every && i !== every + 1)[0];
  const dataDir = resolve(process.env.DATA_DIR ?? "data");
  const source = join(dataDir, "loket.sqlite");
  const once = async () => {
    const dest = backupPath(dataDir, target, new Date());
    await backupSqlite(source, dest);
    process.stdout.write(`backed up ${source} to ${dest}\n`);
    // the Web Push keys never change: one copy beside the backups (a new key would cut off every subscribed phone)
    const keys = join(dataDir, VAPID_FILE);
    if (existsSync(keys)) copyFileSync(keys, join(dirname(dest), VAPID_FILE));
  };
  await once();
  if (minutes > 0)
    setInterval(() => void once().catch((e) => process.stderr.write(`loket backup: ${String(e)}\n`)), minutes * 60_000);
}

if (process.argv[1]?.endsWith("scripts/backup.ts")) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`loket backup: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
