import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { API, PROTOCOL_VERSION } from "../../src/core/protocol.ts";
import { clientFor, ops } from "./client.ts";
import { CODES, fakeDist, freePort } from "./server-process.ts";

/**
 * Clean shutdown of the production server (`npm start`: scripts/start.mjs,
 * compiled JavaScript in one process), stopped the way Ctrl-C or a service
 * manager stops it: signals to its whole process group, once or twice in a
 * row. Every time, the database is closed properly: no -wal or -shm file is
 * left, and everything pushed before the stop is in the file.
 */
async function startProduction(): Promise<{ child: ChildProcess; base: string; dataDir: string }> {
  const root = mkdtempSync(join(tmpdir(), "loket-stop-"));
  const dataDir = join(root, "data");
  const distDir = join(root, "dist");
  fakeDist(distDir);
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: join(import.meta.dirname, "..", ".."),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      DATABASE_URL: "",
      LOKET_DEMO_CODES: JSON.stringify(CODES),
    },
    // its own process group, as a terminal or a service manager gives it
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    const up = await fetch(`${base}${API.health}`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, base, dataDir };
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("clean shutdown", () => {
  for (const signals of [["SIGTERM"], ["SIGTERM", "SIGTERM"], ["SIGINT", "SIGINT"]] as NodeJS.Signals[][]) {
    it(`closes the database cleanly on ${signals.join(" + ")} to the process group`, async () => {
      const { child, base, dataDir } = await startProduction();
      const client = clientFor(base);
      const desk = await client.signIn({ desk: "K1" });
      const made = Array.from({ length: 50 }, () => ops.created(desk, "K"));
      expect((await client.push(desk, made)).results.every((r) => r.status === "accepted")).toBe(true);
      // a live stream open, as phones keep one
      const live = new AbortController();
      await fetch(`${base}${API.live}?token=${desk.auth.token}&protocol=${PROTOCOL_VERSION}`, { signal: live.signal });

      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      const pid = child.pid ?? 0;
      for (const signal of signals) process.kill(-pid, signal);
      expect(await exited).toBe(0);
      live.abort();

      const file = join(dataDir, "loket.sqlite");
      expect(existsSync(`${file}-wal`)).toBe(false);
      expect(existsSync(`${file}-shm`)).toBe(false);
      const db = new Database(file, { readonly: true });
      const stored = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM ops WHERE type = 'ticket.created'").get();
      db.close();
      expect(stored?.n).toBe(made.length);
    });
  }
});
