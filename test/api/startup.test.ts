import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { get as httpsGet } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API } from "../../src/core/protocol.ts";
import { CODES, freePort, startServer } from "./server-process.ts";

function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/index.ts"], {
    cwd: join(import.meta.dirname, "..", ".."),
    env: { ...process.env, HOST: "127.0.0.1", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => {
    out.stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    out.stderr += d.toString();
  });
  return { child, out };
}

/** Runs the server expecting it to stop by itself; returns its exit code and output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, out } = launch(env);
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, ...out })));
}

const TLS_DIR = join(import.meta.dirname, "fixtures", "tls");
const TLS = { TLS_CERT: join(TLS_DIR, "localhost.crt"), TLS_KEY: join(TLS_DIR, "localhost.key") };

/** GET over HTTPS, trusting only the test certificate (valid for localhost and 127.0.0.1). */
function getTls(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpsGet(url, { ca: readFileSync(TLS.TLS_CERT) }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => {
        body += d.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
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

  it("serves HTTPS with TLS_CERT and TLS_KEY, and prints the links people open", async () => {
    const port = await freePort();
    const { child, out } = launch({
      ...TLS,
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), "loket-tls-")),
      PUBLIC_URL: "https://loket.example.go.id/",
    });
    try {
      const deadline = Date.now() + 30_000;
      while (!out.stdout.includes("Serving HTTPS")) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no HTTPS banner: ${out.stdout}${out.stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const health = await getTls(`https://127.0.0.1:${port}${API.health}`);
      expect(health.status).toBe(200);
      expect(out.stdout).toContain("participant  https://loket.example.go.id/?event=denpasar-2026&code=");
      // plain HTTP on that port gets no answer from the app
      await expect(fetch(`http://127.0.0.1:${port}${API.health}`)).rejects.toThrow();
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("says in one line what is wrong with the TLS settings, and exits non-zero", async () => {
    const base = async () => ({ PORT: String(await freePort()), DATA_DIR: mkdtempSync(join(tmpdir(), "loket-tls-")) });
    const onlyCert = await runToExit({ ...(await base()), TLS_CERT: TLS.TLS_CERT });
    expect(onlyCert.code).not.toBe(0);
    expect(onlyCert.stderr.trim()).toBe("loket: set both TLS_CERT and TLS_KEY (PEM files) to serve HTTPS, or neither");

    const missing = await runToExit({ ...(await base()), ...TLS, TLS_KEY: "/nonexistent/loket.key" });
    expect(missing.stderr.trim()).toBe("loket: TLS_KEY /nonexistent/loket.key cannot be read: ENOENT");

    const notPem = join(mkdtempSync(join(tmpdir(), "loket-tls-")), "cert.pem");
    writeFileSync(notPem, "this is not a certificate\n");
    const garbage = await runToExit({ ...(await base()), ...TLS, TLS_CERT: notPem });
    expect(garbage.code).not.toBe(0);
    expect(garbage.stderr).toMatch(/^loket: TLS_CERT and TLS_KEY cannot serve HTTPS: .+\n$/);

    const badUrl = await runToExit({ ...(await base()), PUBLIC_URL: "loket.example.go.id" });
    expect(badUrl.stderr.trim()).toBe(
      'loket: PUBLIC_URL must be an address such as https://loket.example.go.id, not "loket.example.go.id"',
    );
  });
});
