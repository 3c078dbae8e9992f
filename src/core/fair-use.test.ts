import { describe, expect, it } from "vitest";
import { DOMAIN_CODES } from "./domain.ts";
import { OPEN_STATUSES, onePerDomain, onePerDomainOf } from "./fair-use.ts";
import { TERMINAL } from "./ticket-fold.ts";

describe("the fair-use rule", () => {
  it("holds a domain while the ticket is waiting, called or served; a finished one (done, cancelled, no-show) frees it", () => {
    expect([...OPEN_STATUSES].sort()).toEqual(["called", "serving", "waiting"]);
    for (const s of TERMINAL) expect(OPEN_STATUSES.has(s)).toBe(false);
  });

  it("names its domain in the refusal, so the phone can say it in plain words", () => {
    for (const d of DOMAIN_CODES) expect(onePerDomainOf(onePerDomain(d))).toBe(d);
    expect(onePerDomainOf("actor does not match your sign-in")).toBeNull();
    expect(onePerDomainOf("one open ticket per domain (X): forged")).toBeNull();
  });
});
