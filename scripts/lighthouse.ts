import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { CHROMIUM } from "../test/e2e/harness/browser.ts";
import { freePort, startServer } from "../test/e2e/harness/server.ts";

/**
 * Lighthouse (pinned, 12.2.3) on the production build as the real server
 * serves it: `npm run build && npx tsx scripts/lighthouse.ts`. Three runs per
 * route on Lighthouse's mobile profile (a mid-range phone, simulated slow 4G,
 * 4× CPU slowdown), each a first visit (Lighthouse clears the origin's storage
 * before it loads), and the medians printed as a Markdown table for the README.
 */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

interface Run {
  score: number;
  lcp: number;
  tbt: number;
  cls: number;
  fcp: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const server = await startServer();
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", `--remote-debugging-port=${port}`, "--no-first-run", "--disable-sync"],
  });
  // LIGHTHOUSE_ROUTES=participant (comma-separated names) measures only those: a full run is slow.
  const only = process.env.LIGHTHOUSE_ROUTES?.split(",").map((s) => s.trim());
  const routes = (
    [
      ["participant (join link)", `/?event=${server.eventId}&code=${encodeURIComponent(server.codes.participantCode)}`],
      ["desk", "/desk"],
      ["board", `/board`],
      ["organizer", "/admin"],
    ] satisfies [string, string][]
  ).filter(([name]) => !only || only.some((o) => name.startsWith(o)));
  const rows: string[] = [];
  try {
    for (const [name, path] of routes) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(`${server.url}${path}`, { port, logLevel: "error", onlyCategories: ["performance"] });
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`no Lighthouse result for ${path}`);
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        runs.push({
          score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          lcp: audit("largest-contentful-paint"),
          tbt: audit("total-blocking-time"),
          cls: audit("cumulative-layout-shift"),
          fcp: audit("first-contentful-paint"),
        });
      }
      const m = (k: keyof Run) => median(runs.map((r) => r[k]));
      const row = `| ${name} | ${m("score")} | ${(m("fcp") / 1000).toFixed(2)} s | ${(m("lcp") / 1000).toFixed(2)} s | ${Math.round(m("tbt"))} ms | ${m("cls").toFixed(3)} |`;
      console.error(`${row}   (scores: ${runs.map((r) => r.score).join(", ")})`);
      rows.push(row);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`Lighthouse 12.2.3, mobile profile, median of ${RUNS} runs`);
  console.log("| route | performance | FCP | LCP | TBT | CLS |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
}

main().catch((e: unknown) => {
  console.error(`lighthouse: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
