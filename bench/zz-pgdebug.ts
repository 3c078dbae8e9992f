import { clientFor } from "../test/api/client.ts";
import { ops } from "../test/api/client.ts";
import { startPgServer, stopTestPostgres } from "../test/pg/pg-server-process.ts";
const s = await startPgServer({ LOKET_RATE_LIMIT: "0" });
try {
  const c = clientFor(s.base);
  const phones = await Promise.all(Array.from({ length: 200 }, () => c.signIn("participant")));
  await Promise.all(phones.map(async (p) => { for (let b = 0; b < 5; b++) await c.push(p, Array.from({ length: 25 }, (_, i) => { const t = ops.created(p, (["K","S","A","P"] as const)[i % 4]); return [t, ops.edited(p, t.ticketId)]; }).flat()); }));
  console.log("ok");
} catch (e) { console.log(String(e)); console.log(s.output().split("\n").filter((l) => l.includes("error")).slice(0, 5).join("\n")); }
await s.stop(); await stopTestPostgres();
