import { DESK_PATTERN, type DeskId } from "../../core/domain.ts";
import type { AuthResponse, BlockResponse, ErrorResponse } from "../../core/protocol.ts";
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../core/protocol.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { SESSION_KEY } from "../../sync/session.ts";

export type { OperationDraft } from "../../sync/recorder.ts";

/**
 * The desk's session and its reserved number blocks. The session is the
 * device's one session (sync/session.ts, meta "session"), taken as a desk
 * session when its role is "desk". It is read here without the expiry check
 * of `currentSession`: a desk keeps working offline on an expired token (its
 * operations wait in the outbox) and is asked to sign in again only to sync.
 */
export type DeskSession = AuthResponse & { readonly role: "desk"; readonly deskId: DeskId };

export async function storedSessionOf<R extends AuthResponse["role"]>(
  store: LocalStore,
  role: R,
): Promise<(AuthResponse & { role: R }) | null> {
  const s = await store.getMeta<AuthResponse | null>(SESSION_KEY);
  return s && s.role === role ? (s as AuthResponse & { role: R }) : null;
}

export async function storedDeskSession(store: LocalStore): Promise<DeskSession | null> {
  const s = await storedSessionOf(store, "desk");
  return s?.deskId && DESK_PATTERN.test(s.deskId) ? ({ ...s, deskId: s.deskId as DeskId } satisfies DeskSession) : null;
}

// ---- reserved number blocks for offline walk-ins ----------------------------

export interface NumberBlock {
  readonly domain: string;
  readonly next: number;
  readonly to: number;
}

const BLOCK_KEY = "deskNumberBlock";

export async function loadBlock(store: LocalStore): Promise<NumberBlock | null> {
  return (await store.getMeta<NumberBlock>(BLOCK_KEY)) ?? null;
}

/** Ask the server for a block of numbers this desk may give out offline. */
export async function fetchBlock(store: LocalStore, session: AuthResponse, domain: string): Promise<NumberBlock> {
  const res = await fetch(API.blocks, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${session.token}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    },
    body: JSON.stringify({ domain }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorResponse | null;
    throw new Error(body?.message ?? `HTTP ${res.status}`);
  }
  const b = (await res.json()) as BlockResponse;
  const block: NumberBlock = { domain: b.domain, next: b.from, to: b.to };
  await store.setMeta(BLOCK_KEY, block);
  return block;
}

/** Take the next reserved number of the domain, if any is left. */
export async function takeReservedNumber(store: LocalStore, domain: string): Promise<number | null> {
  const block = await loadBlock(store);
  if (!block || block.domain !== domain || block.next > block.to) return null;
  await store.setMeta(BLOCK_KEY, { ...block, next: block.next + 1 });
  return block.next;
}
