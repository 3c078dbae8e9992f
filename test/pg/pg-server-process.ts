import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API } from "../../src/core/protocol.ts";
import { CODES, fakeDist, freePort, type ServerProcess } from "../api/server-process.ts";
import { startTestPostgres, type TestPostgres } from "./embedded.ts";

/**
 * `startServer` of test/api/server-process.ts, on PostgreSQL: the same
 * ServerProcess (a real server process on a free port, fixed demo codes, a
 * fake build), running test/pg/instance.ts on a fresh database of the
 * embedded PostgreSQL that this module starts once per test file. The API
 * suites run unchanged against it (see api-suites.pg.test.ts); the tests of
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
  let port = await freePort();
  let out = "";
  let child!: ChildProcess;

  async function launch(): Promise<void> {
    child = spawn(process.execPath, ["--import", "tsx", "test/pg/instance.ts"], {
      cwd: join(import.meta.dirname, "..", ".."),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: url,
        DIST_DIR: distDir,
        LOKET_DEMO_CODES: JSON.stringify(CODES),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}${API.health}`);
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill(signal);
    await exited;
  }

  await launch();
  return {
    get base() {
      return `http://127.0.0.1:${port}`;
    },
    dataDir: url,
    distDir,
    get child() {
      return child;
    },
    output: () => out,
    stop,
    async restart() {
      await stop();
      port = await freePort();
      await launch();
    },
  };
}
