import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { KABAG_ORGANISASI, QUESTION_SOTK } from "./fixtures.ts";
import { PHONE, waitForServiceWorker } from "./harness/browser.ts";
import { clinic } from "./harness/clinic.ts";
import { ParticipantPage } from "./pages/participant-page.ts";

/**
 * Issue 12: the first visit on a 360 px phone stays still. Every layout shift
 * not caused by the user's own input is summed from the page's first paint
 * (a PerformanceObserver installed before any script runs) through joining,
 * registering, taking a ticket and the service worker's "ready offline" news.
 * The sum is at least Chrome's CLS (which keeps only the worst session window).
 */
const CLS_LIMIT = 0.05;

async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: { value: number; sources: string[] }[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      }[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map((s) => {
          const el = s.node instanceof Element ? s.node : s.node?.parentElement;
          return el
            ? `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""}.${el.className}`
            : "?";
        });
        w.__shifts.push({ value: entry.value, sources: [...sources, `@${Math.round(performance.now())}ms ${location.search}`] });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

function shifts(page: Page): Promise<{ value: number; sources: string[] }[]> {
  return page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts);
}

describe("a participant's first visit stays still", () => {
  const venue = clinic(PHONE);
  let phone: BrowserContext;
  let participant: ParticipantPage;

  beforeAll(async () => {
    [phone] = venue.devices;
    const page = await phone.newPage();
    await watchLayoutShifts(page);
    participant = new ParticipantPage(page, venue.server.url);
  });

  it(`shifts its layout by less than ${CLS_LIMIT} from the join link to a ticket, at 360 px`, async () => {
    await participant.joinByLink(venue.server.eventId, venue.server.codes.participantCode);
    await participant.register(KABAG_ORGANISASI);
    const ticket = await participant.takeTicket("K", QUESTION_SOTK.topic, QUESTION_SOTK.text);
    await ticket.waitForNumber();
    await waitForServiceWorker(participant.page);
    const all = await shifts(participant.page);
    const total = all.reduce((sum, s) => sum + s.value, 0);
    console.info(`layout shift on a first visit at 360 px: ${total.toFixed(4)}`, JSON.stringify(all));
    expect(total, JSON.stringify(all)).toBeLessThan(CLS_LIMIT);
  });
});
