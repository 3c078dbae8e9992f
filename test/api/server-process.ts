import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Operation } from "../../src/core/operation.ts";
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../src/core/protocol.ts";
import type { Device } from "./client.ts";

/**
 * Starts the REAL server process (`tsx src/server/index.ts`) on a free port
 * with its own data folder, fixed demo codes and a small fake build in its own
 * dist folder, and waits until it answers.
 */
export const CODES = {
  participantCode: "PESERTA1",
  organizerCode: "PANITIA1",
  deskCodes: { K1: "MEJAK1", K2: "MEJAK2", S1: "MEJAS1", S2: "MEJAS2", A1: "MEJAA1", A2: "MEJAA2", P1: "MEJAP1", P2: "MEJAP2" },
};
export const EVENT = "denpasar-2026";

export interface ServerProcess {
  base: string;
  dataDir: string;
  distDir: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A fake vite build: a shell, a hashed script big enough to compress, a worker and a manifest. */
export function fakeDist(dir: string): void {
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body>${"<!-- shell -->".repeat(100)}</body></html>`,
  );
  writeFileSync(join(dir, "assets", "index-AbC123.js"), `export const x = ${JSON.stringify("loket ".repeat(2000))};\n`);
  writeFileSync(join(dir, "sw.js"), `self.addEventListener("install", () => {});\n${"// worker\n".repeat(100)}`);
  writeFileSync(join(dir, "registerSW.js"), "navigator.serviceWorker.register('/sw.js');\n");
  writeFileSync(join(dir, "manifest.webmanifest"), JSON.stringify({ name: "Loket", icons: [] }));
}

export async function startServer(env: Record<string, string> = {}, dataDir?: string): Promise<ServerProcess> {
  const root = mkdtempSync(join(tmpdir(), "loket-api-"));
  const dir = dataDir ?? join(root, "data");
  const distDir = join(root, "dist");
  fakeDist(distDir);
  return spawnServer({
    entry: "src/server/index.ts",
    // these suites are about SQLite: never the PostgreSQL a machine may have configured
    settings: { DATABASE_URL: "", DATA_DIR: dir, DIST_DIR: distDir },
    env,
    dataDir: dir,
    distDir,
  });
}

export interface ServerLaunch {
  /** the module node runs, from the repository's root */
  entry: string;
  /** where this kind of server keeps its data (DATA_DIR, DATABASE_URL) and finds its build */
  settings: Record<string, string>;
  /** the test's own variables, applied last */
  env: Record<string, string>;
  dataDir: string;
  distDir: string;
}

/**
 * Runs `entry` as a server process on a free port with the demo codes, and
 * waits until it answers its health route; `restart` stops it and launches it
 * again, on another free port, with the same settings.
 */
export async function spawnServer(launchWith: ServerLaunch): Promise<ServerProcess> {
  let port = await freePort();
  let out = "";
  let child!: ChildProcess;

  async function launch(): Promise<void> {
    // node with the tsx loader (what `npx tsx` runs), so that the child is the
    // server process itself and a SIGKILL hits it, not a wrapper.
    child = spawn(process.execPath, ["--import", "tsx", launchWith.entry], {
      cwd: join(import.meta.dirname, "..", ".."),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOKET_DEMO_CODES: JSON.stringify(CODES),
        ...launchWith.settings,
        ...launchWith.env,
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
    killTree(child, signal);
    await exited;
  }

  await launch();
  const proc: ServerProcess = {
    get base() {
      return `http://127.0.0.1:${port}`;
    },
    dataDir: launchWith.dataDir,
    distDir: launchWith.distDir,
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
  return proc;
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(child.pid, signal);
  } catch {
    // already gone
  }
}

export const protocolHeaders = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

/**
 * Sends a push to `server` and SIGKILLs the process `delayMs` after the
 * request is fully written (0 ms: usually before the commit; later: after it,
 * while LOKET_TEST_HOLD_PUSH_MS holds the answer back). Resolves with what the
 * device saw.
 */
export function pushThenKill(
  server: ServerProcess,
  d: Pick<Device, "headers">,
  batch: Operation[],
  delayMs: number,
): Promise<string> {
  const body = JSON.stringify({ ops: batch });
  return new Promise((resolve) => {
    const req = request(
      new URL(API.push, server.base),
      {
        method: "POST",
        headers: { ...d.headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(`answered ${res.statusCode}`));
        res.on("error", () => resolve("cut while answering"));
      },
    );
    req.on("error", () => resolve("no answer"));
    req.on("finish", () => {
      const child = server.child;
      setTimeout(() => child.kill("SIGKILL"), delayMs);
    });
    req.end(body);
  });
}
