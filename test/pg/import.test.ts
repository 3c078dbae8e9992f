import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportRefused, importSqlite } from "../../scripts/import-sqlite.ts";
import type { OpOf } from "../../src/core/operation.ts";
import { API } from "../../src/core/protocol.ts";
import { createApp } from "../../src/server/app.ts";
import { seedDemoEvent } from "../../src/server/seed.ts";
import { openPostgresStore, type PostgresStore } from "../../src/server/store/postgres.ts";
import { openSqliteStore } from "../../src/server/store/sqlite.ts";
import type { SyncStore } from "../../src/server/store/types.ts";
import { clientFor, type Device, ops } from "../api/client.ts";
import { CODES, EVENT } from "../api/server-process.ts";
import { startTestPostgres, type TestPostgres } from "./embedded.ts";

/**
 * Moving an event from a venue laptop's SQLite file into the central
 * PostgreSQL (scripts/import-sqlite.ts): everything arrives once, in order,
 * byte for byte; a second run changes nothing; devices signed in at the venue
 * keep working; wrong files are refused with a message and change nothing.
 */
let pg: TestPostgres;
let dir: string;
let venueFile: string;
let venueOps: string[];
let venuePhone: Device;
const open: SyncStore[] = [];

function inProcess(store: SyncStore) {
  const app = createApp({ store, distDir: null, log: () => {}, rateLimit: false });
  return {
    app,
    client: clientFor("http://loket.test", (input, init) => Promise.resolve(app.app.fetch(new Request(input, init)))),
  };
}

beforeAll(async () => {
  pg = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), "loket-import-"));
  venueFile = join(dir, "loket.sqlite");
  // A clinic day on the venue laptop: participants, desks, a transfer, a reserved walk-in number.
  const venue = openSqliteStore(venueFile);
  await seedDemoEvent(venue, { codes: CODES });
  const { app, client } = inProcess(venue);
  venuePhone = await client.signIn("participant");
  const desk = await client.signIn({ desk: "K1" });
  const mine = ops.created(venuePhone, "K");
  await client.push(venuePhone, [
    ops.registered(venuePhone),
    mine,
    ...Array.from({ length: 30 }, () => ops.created(venuePhone, "S")),
  ]);
  await client.push(desk, [ops.called(desk, mine.ticketId), ops.transferred(desk, mine.ticketId, "A")]);
  const block = (await (
    await client.call(API.blocks, {
      method: "POST",
      headers: { ...desk.headers, "content-type": "application/json" },
      body: '{"domain":"K"}',
    })
  ).json()) as { from: number };
  await client.push(desk, [
    ops.created(desk, "K", { reservedNumber: `K-${String(block.from).padStart(3, "0")}` }),
    ops.created(desk, "K"),
  ]);
  const org = await client.signIn("organizer");
  venueOps = (await client.pullAll(org)).ops.map((x) => JSON.stringify(x.op));
  app.close();
  await venue.close();
});
afterAll(async () => {
  for (const s of open.splice(0)) await s.close();
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function central(url?: string, deploymentId?: string): Promise<{ store: PostgresStore; url: string }> {
  const u = url ?? (await pg.newDatabase());
  const store = await openPostgresStore(u, deploymentId ? { deploymentId } : {});
  open.push(store);
  return { store, url: u };
}

describe("importing a venue laptop's SQLite file", () => {
  it("moves every operation once, in order and byte for byte; a second run changes nothing", async () => {
    const { store } = await central();
    const first = await importSqlite(venueFile, store);
    expect(first.events).toEqual([{ eventId: EVENT, added: venueOps.length, present: 0, newEvent: true }]);
    const page = await store.pull(EVENT, 0, 5000);
    expect(page.ops.map((o) => o.json).map((j) => JSON.stringify(JSON.parse(j)))).toEqual(venueOps);
    expect(page.ops.map((o) => o.seq)).toEqual(venueOps.map((_, i) => i + 1));
    const seq = await store.latestSeq(EVENT);

    const second = await importSqlite(venueFile, store);
    expect(second.events).toEqual([{ eventId: EVENT, added: 0, present: venueOps.length, newEvent: false }]);
    expect(await store.latestSeq(EVENT)).toBe(seq);
    expect((await store.pull(EVENT, 0, 5000)).ops).toEqual(page.ops);
    expect(await store.integrityCheck()).toBe("ok");
  });

  it("keeps the venue's tokens, codes and counters: devices carry on against the central server", async () => {
    const { store } = await central();
    await importSqlite(venueFile, store);
    const { app, client } = inProcess(store);
    try {
      // the phone's token from the venue still works, and its own ticket is still its own
      const mine = await client.pullAll(venuePhone);
      expect(mine.text).toContain("Ni Luh Putu Ayu");
      const desk = await client.signIn({ desk: "K2" }); // the venue's code
      const res = await client.push(desk, [ops.created(desk, "K")]);
      expect(res.results[0]?.status).toBe("accepted");
      const org = await client.signIn("organizer");
      const numbers = (await client.pullAll(org)).ops
        .map((x) => x.op)
        .filter((o): o is OpOf<"ticket.numberAssigned"> => o.type === "ticket.numberAssigned" && o.domain === "K")
        .map((o) => o.number);
      // K-001 at the venue, K-1001 from desk K1's own range, K-002 after it: the counter carries on with K-003
      expect(numbers).toEqual(["K-001", "K-1001", "K-002", "K-003"]);
    } finally {
      app.close();
    }
  });

  it("adds only what is missing when devices already pushed part of the event to the central server", async () => {
    const { store } = await central();
    await importSqlite(venueFile, store);
    const { app, client } = inProcess(store);
    const phone = await client.signIn("participant");
    await client.push(phone, [ops.created(phone, "P")]);
    app.close();
    const before = await store.latestSeq(EVENT);
    const again = await importSqlite(venueFile, store);
    expect(again.events[0]).toMatchObject({ added: 0, present: venueOps.length });
    expect(await store.latestSeq(EVENT)).toBe(before);
  });

  it("refuses a file that is not SQLite, a corrupt one, or one of another deployment, and writes nothing", async () => {
    const { store } = await central(undefined, "panrb-central");
    const text = join(dir, "notes.sqlite");
    writeFileSync(text, "nama,instansi\nAyu,Badung\n");
    await expect(importSqlite(text, store)).rejects.toThrow(/is not a SQLite database/);

    const corrupt = join(dir, "corrupt.sqlite");
    copyFileSync(venueFile, corrupt);
    const fd = openSync(corrupt, "r+");
    writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 2);
    closeSync(fd);
    await expect(importSqlite(corrupt, store)).rejects.toThrow(ImportRefused);
    await expect(importSqlite(corrupt, store)).rejects.toThrow(/corrupt|cannot be opened|malformed/);

    const foreign = join(dir, "foreign.sqlite");
    copyFileSync(venueFile, foreign);
    // a laptop set up for another deployment records it when the server opens the file
    await openSqliteStore(foreign, { deploymentId: "pemda-ntb-uji-coba" }).close();
    await expect(importSqlite(foreign, store)).rejects.toThrow(
      /belongs to deployment "pemda-ntb-uji-coba", but the central database is deployment "panrb-central"/,
    );
    await expect(importSqlite(venueFile, store, "lombok-2027")).rejects.toThrow(/has no event "lombok-2027"/);
    expect(await store.latestSeq(EVENT)).toBe(0);
    expect(await store.getEvent(EVENT)).toBeNull();

    // the same file with the central's id is welcome
    const own = join(dir, "own.sqlite");
    copyFileSync(foreign, own);
    const o = new Database(own);
    o.exec("UPDATE meta SET value = 'panrb-central'");
    o.close();
    expect((await importSqlite(own, store)).events[0]?.added).toBe(venueOps.length);
  });

  it("as a command: a clear one-line refusal and exit code 1, a summary and 0 on success", async () => {
    const { url } = await central();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/import-sqlite.ts", ...args], {
        cwd: join(import.meta.dirname, "..", ".."),
        env: { ...process.env, DATABASE_URL: url },
        encoding: "utf8",
      });
    const bad = run(join(dir, "notes.sqlite"));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^loket import: .*notes\.sqlite is not a SQLite database$/);
    const ok = run(venueFile, "--event", EVENT);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`${EVENT}: ${venueOps.length} operations added, 0 already there (new event, with its codes)`);
    const again = run(venueFile);
    expect(again.stdout).toContain(`${EVENT}: 0 operations added, ${venueOps.length} already there`);
  });
});
