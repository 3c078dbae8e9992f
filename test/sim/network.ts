import type { Random } from "./random.ts";

/**
 * The network between the devices and the in-process server: every request of
 * a device goes through `fetchFor(device)`, which may lose it, lose its answer
 * after the server handled it, deliver it twice (the copy later, after other
 * devices' requests) or hold it while others pass (reordering).
 *
 * A request from a crashed device's old life never answers, as if the process
 * had died with it.
 */
export interface Chaos {
  dropRequest: number;
  dropResponse: number;
  duplicate: number;
  /** most yields a delivery may wait, in each direction */
  maxDelay: number;
  /** chance of a 503 from an overloaded server (nothing done) */
  serverError?: number;
  /** chance of a 429 with Retry-After (nothing done) */
  rateLimited?: number;
  /** chance that a push of several operations is refused as too large (413) */
  tooLarge?: number;
}

export const CALM: Chaos = { dropRequest: 0, dropResponse: 0, duplicate: 0, maxDelay: 0 };

export interface Link {
  online: boolean;
  /** the device's life: bumped on each crash */
  generation: number;
}

export interface NetworkStats {
  requests: number;
  droppedRequests: number;
  droppedResponses: number;
  duplicated: number;
  offlineRefusals: number;
  /** 5xx, 429 and 413 answers given by the chaos, not the server */
  errorAnswers: number;
}

export function createNetwork(handler: (req: Request) => Promise<Response>, rng: Random) {
  let chaos: Chaos = CALM;
  const inFlight = new Set<Promise<unknown>>();
  const stats: NetworkStats = {
    requests: 0,
    droppedRequests: 0,
    droppedResponses: 0,
    duplicated: 0,
    offlineRefusals: 0,
    errorAnswers: 0,
  };

  const yields = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
  };
  const never = () => new Promise<never>(() => {});

  function fetchFor(link: Link): typeof fetch {
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const life = link.generation;
      const make = () => new Request(new URL(String(input), "http://loket.sim"), init);
      if (!link.online) {
        stats.offlineRefusals++;
        throw new TypeError("Failed to fetch (offline)");
      }
      stats.requests++;
      await yields(rng.int(0, chaos.maxDelay));
      if (link.generation !== life) return never();
      if (rng.chance(chaos.dropRequest)) {
        stats.droppedRequests++;
        throw new TypeError("Failed to fetch (request lost)");
      }
      const refusal = chaosAnswer(make());
      if (refusal) {
        stats.errorAnswers++;
        return refusal;
      }
      if (rng.chance(chaos.duplicate)) {
        stats.duplicated++;
        const copy = (async () => {
          await yields(rng.int(1, chaos.maxDelay * 3 + 1));
          await (await handler(make())).arrayBuffer();
        })();
        inFlight.add(copy);
        void copy.finally(() => inFlight.delete(copy));
      }
      const res = await handler(make());
      // Read the body now: the server has done its work whatever happens next.
      const body = await res.arrayBuffer();
      await yields(rng.int(0, chaos.maxDelay));
      if (link.generation !== life) return never();
      if (!link.online || rng.chance(chaos.dropResponse)) {
        stats.droppedResponses++;
        throw new TypeError("Failed to fetch (answer lost)");
      }
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    }) as typeof fetch;
  }

  /** An answer that the server's surroundings give without the server doing anything. */
  function chaosAnswer(req: Request): Response | null {
    const json = (status: number, error: string, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify({ error, message: "simulated" }), {
        status,
        headers: { "content-type": "application/json", ...headers },
      });
    if (rng.chance(chaos.serverError ?? 0)) return json(503, "unavailable");
    if (rng.chance(chaos.rateLimited ?? 0)) return json(429, "rateLimited", { "retry-after": "1" });
    const push = req.method === "POST" && new URL(req.url).pathname.endsWith("/push");
    if (push && rng.chance(chaos.tooLarge ?? 0)) return json(413, "tooLarge");
    return null;
  }

  return {
    fetchFor,
    stats,
    setChaos(c: Chaos) {
      chaos = c;
    },
    /** wait for every late duplicate to have reached the server */
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
