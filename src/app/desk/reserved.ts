import type { AuthResponse, BlockResponse, ErrorResponse } from "../../core/protocol.ts";
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../core/protocol.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { numbersLeft, type ReservedBlock } from "../../storage/reserved-numbers.ts";

/**
 * Reserved numbers for walk-ins, kept topped up without the officer asking.
 * The server gives each desk blocks from the desk's own range (K1: K-1001 …),
 * so a walk-in gets a number the server will always confirm: it can be called
 * out and printed at once, online or offline, and it never changes.
 */

/** Below this many numbers left, the desk asks for another block while online. */
export const TOP_UP_BELOW = 10;

export type BlockAnswer =
  | { readonly ok: true; readonly block: ReservedBlock }
  /** the server said no (no range for this desk, or the range is used up): asking again will not help */
  | { readonly ok: false; readonly refused: true; readonly message: string }
  /** no answer (offline, a server error): try again after the next good sync */
  | { readonly ok: false; readonly refused: false; readonly message: string };

/** POST /api/blocks for the session's device (`fetcher` and `base` let the simulation send it through its network). */
export async function requestBlock(
  session: AuthResponse,
  domain: string,
  fetcher: typeof fetch = fetch,
  base = "",
): Promise<BlockAnswer> {
  let res: Response;
  try {
    res = await fetcher(`${base}${API.blocks}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${session.token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify({ domain }),
    });
  } catch (e) {
    return { ok: false, refused: false, message: e instanceof Error ? e.message : String(e) };
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorResponse | null;
    return { ok: false, refused: res.status === 403, message: body?.message ?? `HTTP ${res.status}` };
  }
  const b = (await res.json()) as BlockResponse;
  return { ok: true, block: { domain: b.domain, next: b.from, to: b.to } };
}

export type TopUpResult = "enough" | "added" | "refused" | "failed" | "busy";

/**
 * A top-up for one desk session: asks for a block when fewer than
 * TOP_UP_BELOW numbers are left, one request at a time, and stops asking once
 * the server has refused (it would refuse again until the desk signs in anew).
 */
export function reservedTopUp(
  store: LocalStore,
  domain: string,
  request: (domain: string) => Promise<BlockAnswer>,
): () => Promise<TopUpResult> {
  let inFlight = false;
  let refused = false;
  return async () => {
    if (refused) return "refused";
    if (inFlight) return "busy";
    inFlight = true;
    try {
      if (numbersLeft(await store.reservedBlocks(), domain) >= TOP_UP_BELOW) return "enough";
      const answer = await request(domain);
      if (answer.ok) {
        await store.addReservedBlock(answer.block);
        return "added";
      }
      refused = answer.refused;
      return answer.refused ? "refused" : "failed";
    } finally {
      inFlight = false;
    }
  };
}
