import type { DeskId } from "../../core/domain.ts";
import { decodeHlc, encodeHlc, initialHlc, tick } from "../../core/hlc.ts";
import { newId } from "../../core/ids.ts";
import type { Actor, Operation } from "../../core/operation.ts";
import {
  API,
  type AuthResponse,
  type BlockResponse,
  type ErrorResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
} from "../../core/protocol.ts";
import type { LocalStore } from "../../storage/contract.ts";

/**
 * The desk's session and its way of recording operations: the one module of the
 * desk surface that talks to the server and to the device's clock, so that the
 * screens take plain props and callbacks.
 *
 * The session is kept in the device store (`deskSession`), so the desk stays
 * signed in offline. Until the shared recorder of src/sync lands, operations are
 * stamped here with the device's hybrid logical clock (kept under `hlc`) and
 * appended to the store's outbox; the sync engine sends them.
 */
export interface DeskSession {
  readonly eventId: string;
  readonly deskId: DeskId;
  readonly token: string;
  readonly expiresAt: string;
}

export interface NumberBlock {
  readonly domain: string;
  readonly next: number;
  readonly to: number;
}

const SESSION_KEY = "deskSession";
const CLOCK_KEY = "hlc";
const BLOCK_KEY = "deskNumberBlock";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An operation as a screen describes it; id, event, clock stamp and actor are added when recorded. */
export type OperationDraft = DistributiveOmit<Operation, "id" | "eventId" | "hlc" | "actor">;

export class SignInError extends Error {
  constructor(
    readonly kind: "offline" | "refused",
    message: string,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

export async function loadDeskSession(store: LocalStore): Promise<DeskSession | null> {
  return (await store.getMeta<DeskSession>(SESSION_KEY)) ?? null;
}

export async function signInDesk(
  store: LocalStore,
  deviceId: string,
  req: { eventId: string; deskId: DeskId; code: string },
): Promise<DeskSession> {
  let res: Response;
  try {
    res = await fetch(API.auth, {
      method: "POST",
      headers: { "content-type": "application/json", [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify({ role: "desk", eventId: req.eventId, code: req.code, deviceId, deskId: req.deskId }),
    });
  } catch {
    throw new SignInError("offline", "network");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorResponse | null;
    throw new SignInError("refused", body?.message ?? `HTTP ${res.status}`);
  }
  const auth = (await res.json()) as AuthResponse;
  const session: DeskSession = { eventId: auth.eventId, deskId: req.deskId, token: auth.token, expiresAt: auth.expiresAt };
  await store.setMeta(SESSION_KEY, session);
  return session;
}

/** Sign out, refused while operations have not reached the server (they would be lost with the session). */
export async function signOutDesk(store: LocalStore): Promise<{ ok: true } | { ok: false; pending: number }> {
  const pending = await store.outboxCount();
  if (pending > 0) return { ok: false, pending };
  await store.setMeta(SESSION_KEY, null);
  return { ok: true };
}

/** Stamp drafts with the device clock and record them (one transaction). */
export async function recordOps(
  store: LocalStore,
  ctx: { eventId: string; actor: Actor },
  drafts: readonly OperationDraft[],
): Promise<Operation[]> {
  const saved = await store.getMeta<string>(CLOCK_KEY);
  let clock = saved ? decodeHlc(saved) : initialHlc(ctx.actor.deviceId);
  if (clock.node !== ctx.actor.deviceId) clock = { ...clock, node: ctx.actor.deviceId };
  const ops: Operation[] = [];
  for (const d of drafts) {
    clock = tick(clock, Date.now());
    ops.push({ ...d, id: newId(), eventId: ctx.eventId, hlc: encodeHlc(clock), actor: ctx.actor } as Operation);
  }
  await store.setMeta(CLOCK_KEY, encodeHlc(clock));
  await store.appendLocal(ops);
  return ops;
}

// ---- reserved number blocks for offline walk-ins ----------------------------

export async function loadBlock(store: LocalStore): Promise<NumberBlock | null> {
  return (await store.getMeta<NumberBlock>(BLOCK_KEY)) ?? null;
}

/** Ask the server for a block of numbers this desk may give out offline. */
export async function fetchBlock(store: LocalStore, session: DeskSession, domain: string): Promise<NumberBlock> {
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
