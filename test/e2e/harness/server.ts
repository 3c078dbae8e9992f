import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Starts the real sync server (`src/server/index.ts`) as a child process, the way
 * `npm start` does, on a free loopback port with a fresh data folder and fixed
 * demo-event codes, so that every spec file owns its server and its SQLite file.
 */

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** the build under test: dist/, unless LOKET_E2E_DIST names another (e.g. a build made elsewhere) */
export const DEFAULT_DIST = process.env.LOKET_E2E_DIST ?? join(ROOT, "dist");
export const DEMO_EVENT_ID = "denpasar-2026";

export interface DemoCodes {
  participantCode: string;
  organizerCode: string;
  deskCodes: Record<string, string>;
}

/** Fixed codes for the demo event (`LOKET_DEMO_CODES`), so page objects can sign in. */
export const DEMO_CODES: DemoCodes = {
  participantCode: "E2E-JOIN-2026",
  organizerCode: "E2E-ORGANIZER-2026",
  deskCodes: {
    K1: "E2E-DESK-K1",
    K2: "E2E-DESK-K2",
    S1: "E2E-DESK-S1",
    S2: "E2E-DESK-S2",
    A1: "E2E-DESK-A1",
    A2: "E2E-DESK-A2",
    P1: "E2E-DESK-P1",
    P2: "E2E-DESK-P2",
  },
};

export interface ServerOptions {
  /** the data folder to use; when given, the caller owns it (it survives stop()) */
  dataDir?: string;
  /** the built PWA to serve (default: the repository's dist/) */
  distDir?: string;
  /** a fixed port, e.g. to restart on the same origin; default: a free one */
  port?: number;
  env?: Record<string, string>;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:43123 (no trailing slash) */
  url: string;
  port: number;
  codes: DemoCodes;
  eventId: string;
  dataDir: string;
  distDir: string;
  /** everything the server printed so far */
  logs(): string;
  /** SIGTERM, wait for exit; removes the data folder if the harness made it */
  stop(): Promise<void>;
  /** SIGKILL, wait for exit (a crash); keeps the data folder */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      if (address === null || typeof address === "string") return reject(new Error("no port"));
      srv.close(() => resolve(address.port));
    });
  });
}

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `loket-e2e-${prefix}-`));
}

/** Copies a build into a temp folder the spec controls (e.g. to serve a second build in its place). */
export async function copyBuild(from: string = DEFAULT_DIST): Promise<string> {
  assertBuilt(from);
  const dir = await makeTempDir("dist");
  await cp(from, dir, { recursive: true });
  return dir;
}

export function assertBuilt(distDir: string): void {
  if (!existsSync(join(distDir, "index.html"))) {
    throw new Error(`no production build in ${distDir}: run \`npm run build\` before the e2e specs`);
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const distDir = options.distDir ?? DEFAULT_DIST;
  assertBuilt(distDir);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await makeTempDir("data"));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;

  // `node --import tsx` rather than `npx tsx`: one process, so a kill reaches the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: "",
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      LOKET_DEMO_CODES: JSON.stringify(DEMO_CODES),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);

  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };

  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await stop("SIGKILL");
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    url,
    port,
    codes: DEMO_CODES,
    eventId: DEMO_EVENT_ID,
    dataDir,
    distDir,
    logs: () => output,
    async stop() {
      await stop("SIGTERM");
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async kill() {
      await stop("SIGKILL");
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${logs()}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server at ${url} was not healthy within 60 s:\n${logs()}`);
}
