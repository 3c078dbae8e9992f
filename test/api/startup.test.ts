import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API } from "../../src/core/protocol.ts";
import { CODES, freePort, startServer } from "./server-process.ts";

/** Runs the server expecting it to stop by itself; returns its exit code and output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/index.ts"], {
      cwd: join(import.meta.dirname, "..", ".."),
      env: { ...process.env, HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("start-up", () => {
  it("prints the demo links and codes, seeds the demo event once, and keeps it across restarts", async () => {
    const server = await startServer();
    try {
      const out = server.output();
      expect(out).toContain(`/?event=denpasar-2026&code=${CODES.participantCode}`);
      expect(out).toContain(`/desk?event=denpasar-2026&desk=K1&code=${CODES.deskCodes.K1}`);
      expect(out).toContain(`/board?event=denpasar-2026&code=${CODES.participantCode}`);
      expect(out).toContain("/admin?event=denpasar-2026");
      expect(out).toContain(CODES.organizerCode);
      await server.restart();
      const r = await fetch(`${server.base}${API.health}`);
      expect(r.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("says in one line, without a stack trace, that the port is taken, and exits non-zero", async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", () => r()));
    try {
      const dir = mkdtempSync(join(tmpdir(), "loket-port-"));
      const res = await runToExit({ PORT: String(port), DATA_DIR: dir });
      expect(res.code).not.toBe(0);
      expect(res.stderr.trim()).toBe(`loket: port ${port} on 127.0.0.1 is already in use: stop the other server or set PORT`);
    } finally {
      blocker.close();
    }
  });

  it("says in one line that the data folder is not writable, and exits non-zero", async () => {
    const root = mkdtempSync(join(tmpdir(), "loket-ro-"));
    // a file where the folder should be: not writable as a folder, even for root
    const notAFolder = join(root, "data");
    writeFileSync(notAFolder, "");
    chmodSync(notAFolder, 0o444);
    const res = await runToExit({ PORT: String(await freePort()), DATA_DIR: notAFolder });
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim()).toBe(
      `loket: the data folder ${notAFolder} is not writable: set DATA_DIR to a folder this user can write`,
    );
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses malformed LOKET_DEMO_CODES in one line", async () => {
    const res = await runToExit({
      PORT: String(await freePort()),
      DATA_DIR: mkdtempSync(join(tmpdir(), "loket-codes-")),
      LOKET_DEMO_CODES: "{nope",
    });
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim()).toBe("loket: LOKET_DEMO_CODES is not valid JSON");
  });
});
