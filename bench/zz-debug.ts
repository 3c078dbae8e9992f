import { newId } from "../src/core/ids.ts";
import { encodeHlc } from "../src/core/hlc.ts";
import { clientFor, type Device } from "../test/api/client.ts";
import { EVENT, startServer } from "../test/api/server-process.ts";
let tick = Date.now() - 3600_000;
const hlc = (node: string) => encodeHlc({ wall: ++tick, counter: 0, node });
const server = await startServer({ LOKET_RATE_LIMIT: "0", NODE_OPTIONS: "--cpu-prof --cpu-prof-dir=/tmp/prof" });
const client = clientFor(server.base);
const phones: Device[] = [];
for (let i = 0; i < 200; i++) phones.push(await client.signIn("participant"));
const t0 = performance.now();
const slow: string[] = [];
await Promise.all(phones.map(async (phone, p) => {
  for (let b = 0; b < 5; b++) {
    const batch = [];
    for (let i = 0; i < 25; i++) {
      const ticketId = newId();
      const base = () => ({ id: newId(), eventId: EVENT, hlc: hlc(phone.actor.deviceId), actor: phone.actor, ticketId });
      batch.push({ ...base(), type: "ticket.created", domain: "K", participantId: phone.actor.participantId ?? null, question: { topic: "SDM", text: "F" }, priority: false },
        { ...base(), type: "ticket.questionEdited", question: { topic: "SDM", text: "G" } });
    }
    const s = performance.now();
    const r = await client.pushRaw(phone, { ops: batch });
    const status = r.status; await r.text();
    const e = performance.now();
    if (e - s > 1000) slow.push(`p${p} b${b} start ${(s - t0).toFixed(0)} took ${(e - s).toFixed(0)} status ${status}`);
  }
}));
console.log(`total ${(performance.now() - t0).toFixed(0)} ms`, slow.length, slow.slice(0, 20));
await server.stop();
