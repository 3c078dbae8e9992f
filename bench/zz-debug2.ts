import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newId } from "../src/core/ids.ts";
import { encodeHlc } from "../src/core/hlc.ts";
import { createApp } from "../src/server/app.ts";
import { seedDemoEvent } from "../src/server/seed.ts";
import { openSqliteStore } from "../src/server/store/sqlite.ts";
import { clientFor, type Device } from "../test/api/client.ts";
import { CODES, EVENT } from "../test/api/server-process.ts";
let tick = Date.now() - 3600_000;
const hlc = (node: string) => encodeHlc({ wall: ++tick, counter: 0, node });
const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "x")), "l.sqlite"));
await seedDemoEvent(store, { codes: CODES });
const { app } = createApp({ store, rateLimit: false });
const client = clientFor("http://x", (i, init) => Promise.resolve(app.fetch(new Request(i, init))));
const phones: Device[] = [];
for (let i = 0; i < 200; i++) phones.push(await client.signIn("participant"));
const bodies = phones.map((phone) => Array.from({ length: 5 }, () => {
    const batch = [];
    for (let i = 0; i < 25; i++) {
      const ticketId = newId();
      const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(phone.actor.deviceId), actor: phone.actor, ticketId });
      batch.push({ ...base(), type: "ticket.created", domain: "K", participantId: phone.actor.participantId ?? null, question: { topic: "SDM", text: "F" }, priority: false },
        { ...base(), type: "ticket.questionEdited", question: { topic: "SDM", text: "G" } });
    }
    return JSON.stringify({ ops: batch });
}));
const t0 = performance.now();
await Promise.all(phones.map(async (phone, p) => {
  for (const body of bodies[p] ?? []) { const r = await client.pushRaw(phone, body); await r.text(); }
}));
console.log(`in-process 200 devices total ${(performance.now() - t0).toFixed(0)} ms`);
