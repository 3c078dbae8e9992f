import {
  addSample,
  type ClockOffset,
  correctedNow,
  estimatedOffset,
  NO_OFFSET,
  parseClockOffset,
  sampleOf,
} from "../core/clock-offset.ts";
import { toBase64url } from "../core/device-identity.ts";
import {
  decodeHlc,
  encodeHlc,
  type Hlc,
  initialHlc,
  MAX_AHEAD_MS,
  receive,
  recoverClock,
  stampAbove,
  tick,
} from "../core/hlc.ts";
import { newId } from "../core/ids.ts";
import { operationMessage } from "../core/op-signature.ts";
import { type Actor, type Operation, parseOperation } from "../core/operation.ts";
import { LIMITS, type RelayProof } from "../core/protocol.ts";
import { type LocalStore, SEEN_CLOCK_KEY } from "../storage/contract.ts";
import type { DeviceKey } from "./device-key.ts";

/**
 * The recorder: the one way the app makes an operation.
 *
 * A screen hands it a draft (what happened); the recorder stamps an id, the
 * event, the actor and a hybrid-clock stamp, checks the result with the wire
 * validator (so a screen's mistake fails here, not at the server hours later),
 * stores it with its effect, then tells its listeners (the sync engine pushes
 * soon). Calls are serialized so that stamps follow the order of the calls.
 *
 * Time is the server's, not the device's: every sync brings a sample of the
 * server's clock (`observeServerTime`), kept under the meta key "clockOffset"
 * (core/clock-offset.ts), and every stamp is made at the device's clock plus
 * that offset. Until the device has heard the server once, its creations say
 * so (`untimed`) and the line places them by the server's receipt instead.
 *
 * The clock lives in the store's meta under "clock" and is merged with every
 * stamp the device pulls (`observe`), so what the device does next sorts after
 * everything it has seen, even when its own wall clock is hours off or jumps
 * back; a stamp more than ε ahead of corrected time is not adopted (core/hlc.ts).
 *
 * One device, one clock: tabs (and the service worker) share the store, so the
 * read-tick-write of the clock runs under a Web Lock shared by every context of
 * the origin; within one context the calls are also serialized.
 *
 * Every operation is signed with the device's key for its sign-in scope
 * (`Identity.key`, sync/device-key.ts) over core/op-signature.ts
 * `operationMessage`, and the proof is stored with it: whoever carries the
 * operation to the server later (a desk that scanned the ticket's QR code, an
 * organizer importing a log bundle) carries the proof too, and the server
 * knows its author made it (server/relay.ts). Without a key (no secure
 * context) operations are recorded unsigned: this device can still push them
 * itself, only nobody can relay them.
 */
type Stamped = "id" | "eventId" | "hlc" | "actor";
type DraftOf<O> = O extends Operation ? Omit<O, Stamped> : never;
/** An operation as a screen describes it: everything but the stamps the recorder adds. */
export type OperationDraft = DraftOf<Operation>;

export interface Identity {
  readonly eventId: string;
  readonly actor: Actor;
  /** the clock stamp's node; the actor's device id when absent (app/device.ts gives a random one that reveals nothing) */
  readonly clockNode?: string;
  /**
   * The key whose id is `actor.deviceId`, to sign every operation (a promise:
   * the app reads it from the store). A key of another id, or none, records unsigned.
   */
  readonly key?: DeviceKey | Promise<DeviceKey | null> | null;
}

export interface Recorder {
  /** Stamp, validate and store one operation; resolves once it is stored with its effect. */
  record(draft: OperationDraft): Promise<Operation>;
  /** Several operations stored in one transaction (all or none), stamped in order. */
  recordAll(drafts: readonly OperationDraft[]): Promise<Operation[]>;
  /** Merge a stamp seen elsewhere (an encoded HLC). */
  observe(remote: string): Promise<void>;
  /** Take in the server's time from an answer to a request sent and answered at the given device times. */
  observeServerTime(sample: ServerTimeSample): Promise<void>;
  /** The current clock, encoded. */
  clock(): Promise<string>;
  /** The server's time now as this device best knows it (its own clock until it has heard the server). */
  now(): number;
  /** Be told after operations are stored. Returns the unsubscribe function. */
  onRecorded(listener: (ops: readonly Operation[]) => void): () => void;
}

export class InvalidOperationError extends Error {
  constructor(readonly reason: string) {
    super(`invalid operation: ${reason}`);
    this.name = "InvalidOperationError";
  }
}

export interface ServerTimeSample {
  /** the server's clock in its answer, ms */
  readonly serverTime: number;
  /** the device's own clock when the request left and when the answer came, ms */
  readonly sentAt: number;
  readonly receivedAt: number;
}

export const CLOCK_KEY = "clock";
export const CLOCK_OFFSET_KEY = "clockOffset";

/** Runs `fn` while holding the device-wide clock lock. */
export type ClockLock = <T>(fn: () => Promise<T>) => Promise<T>;

/** The deliberate faults of the simulation's mutant tests; never set by the app. */
export interface RecorderFaults {
  /** merge a received stamp however far ahead it is */
  readonly adoptAnyWall?: boolean;
  /** do not merge received stamps at all */
  readonly ignoreObserved?: boolean;
  /** stamp with the raw device clock, ignoring the server's time */
  readonly ignoreOffset?: boolean;
  /** stamp at the clock even below this device's own earlier stamps on the subject */
  readonly ignoreOwnFloor?: boolean;
}

export interface RecorderOptions {
  /** the device's own clock */
  now?: () => number;
  /** default: the Web Locks API where the context has it; otherwise no cross-context lock */
  lock?: ClockLock;
  faults?: RecorderFaults;
}

export function createRecorder(store: LocalStore, identity: Identity, opts: RecorderOptions = {}): Recorder {
  const deviceNow = opts.now ?? Date.now;
  const lock = opts.lock ?? webLock();
  const faults = opts.faults ?? {};
  const node = identity.clockNode ?? identity.actor.deviceId;
  const listeners = new Set<(ops: readonly Operation[]) => void>();
  let queue: Promise<unknown> = Promise.resolve();
  // The last offset read or written: for `now()`, which screens call synchronously.
  let offset: ClockOffset = NO_OFFSET;

  /** Run `fn` after every earlier call has finished, whatever its outcome, holding the device's clock lock. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const locked = () => lock(fn);
    const run = queue.then(locked, locked);
    queue = run.catch(() => undefined);
    return run;
  }

  const bound = () => (faults.adoptAnyWall ? Number.POSITIVE_INFINITY : MAX_AHEAD_MS);
  const corrected = () => (faults.ignoreOffset ? deviceNow() : correctedNow(offset, deviceNow()));

  async function loadOffset(): Promise<ClockOffset> {
    offset = parseClockOffset(await store.getMeta<unknown>(CLOCK_OFFSET_KEY));
    return offset;
  }

  // Read the offset at once, so that `now()` is right before the first stamp.
  loadOffset().catch(() => undefined);

  async function load(): Promise<Hlc> {
    await loadOffset();
    const saved = await store.getMeta<string>(CLOCK_KEY);
    // A stamp saved under another device id (a re-registered device) keeps its time.
    const clock = saved ? { ...decodeHlc(saved), node } : initialHlc(node);
    // What the store took in (pulled, QR, bundle) was noted in the transaction that stored it.
    const seen = faults.ignoreObserved ? undefined : await store.getMeta<string>(SEEN_CLOCK_KEY);
    return seen && seen > encodeHlc(clock) ? receive(clock, decodeHlc(seen), corrected(), bound()) : clock;
  }

  async function save(clock: Hlc): Promise<void> {
    await store.setMeta(CLOCK_KEY, encodeHlc(clock));
  }

  /**
   * This device's newest stamp on a subject, which its next one there must follow
   * (core/hlc.ts stampAbove): the clock's recovery may have gone below it. A stamp
   * beyond the server's 24-hour bound is left out: the server refuses it, so it
   * is in nobody's order, and following it would keep the device locked out.
   */
  async function ownFloor(subject: string, at: number): Promise<Hlc | null> {
    const limit = encodeHlc({ wall: at + LIMITS.maxClockAheadMs + 1, counter: 0, node: "" });
    let newest: string | null = null;
    for (const op of await store.operationsOf(subject)) {
      if (op.actor.deviceId !== identity.actor.deviceId || op.hlc >= limit) continue;
      if (newest === null || op.hlc > newest) newest = op.hlc;
    }
    return newest === null ? null : decodeHlc(newest);
  }

  function stamp(draft: OperationDraft, hlc: Hlc, untimed: boolean): Operation {
    const marked = untimed && draft.type === "ticket.created" ? { ...draft, untimed: true as const } : draft;
    const candidate = { ...marked, id: newId(), eventId: identity.eventId, hlc: encodeHlc(hlc), actor: identity.actor };
    const parsed = parseOperation(candidate);
    if (!parsed.ok) throw new InvalidOperationError(parsed.reason);
    return parsed.op;
  }

  /** The signing key, once: a key of another device id than the actor's would sign for nobody. */
  const signingKey: Promise<DeviceKey | null> = Promise.resolve(identity.key ?? null).then(
    (k) => (k && k.deviceId === identity.actor.deviceId ? k : null),
    () => null,
  );

  async function proofsFor(ops: readonly Operation[]): Promise<Record<string, RelayProof>> {
    const key = await signingKey;
    const proofs: Record<string, RelayProof> = {};
    if (!key) return proofs;
    try {
      for (const op of ops) {
        proofs[op.id] = { publicKey: key.publicKey, signature: toBase64url(await key.sign(operationMessage(op))) };
      }
      return proofs;
    } catch (e) {
      // A key that fails to sign must not stop the device from working: it records unsigned.
      console.error("signing an operation failed", e);
      return {};
    }
  }

  async function recordAll(drafts: readonly OperationDraft[]): Promise<Operation[]> {
    const ops = await serial(async () => {
      let clock = await load();
      const untimed = estimatedOffset(offset) === null;
      const out: Operation[] = [];
      const floors = new Map<string, Hlc | null>();
      for (const draft of drafts) {
        const at = corrected();
        clock = tick(clock, at);
        const subject = "ticketId" in draft ? draft.ticketId : draft.participantId;
        const floor = floors.has(subject) ? (floors.get(subject) ?? null) : await ownFloor(subject, at);
        const hlc = faults.ignoreOwnFloor ? clock : stampAbove(clock, floor);
        floors.set(subject, hlc);
        out.push(stamp(draft, hlc, untimed));
      }
      // Signed before anything is written: an operation is stored with its proof or not at all.
      const proofs = await proofsFor(out);
      // The clock is saved first: a crash between the two writes only skips stamps.
      await save(clock);
      await store.appendLocal(out, proofs);
      return out;
    });
    for (const l of listeners) {
      try {
        l(ops);
      } catch (e) {
        console.error("recorder listener failed", e);
      }
    }
    return ops;
  }

  return {
    recordAll,
    async record(draft) {
      const [op] = await recordAll([draft]);
      if (!op) throw new Error("unreachable: one draft gives one operation");
      return op;
    },
    observe(remote) {
      if (faults.ignoreObserved) return Promise.resolve();
      return serial(async () => {
        const mine = await load();
        const merged = receive(mine, decodeHlc(remote), corrected(), bound());
        await save(merged);
      });
    },
    observeServerTime({ serverTime, sentAt, receivedAt }) {
      return serial(async () => {
        const sample = sampleOf(serverTime, sentAt, receivedAt);
        if (!sample) return;
        const mine = await load();
        offset = addSample(offset, sample);
        await store.setMeta(CLOCK_OFFSET_KEY, offset);
        // Just checked against the server: a clock advanced beyond the bound by a
        // wrong device clock goes back to the right time (core/hlc.ts recoverClock).
        const checked = corrected();
        const next = receive(recoverClock(mine, checked), { wall: serverTime, counter: 0, node: "server" }, checked);
        await save(next);
      });
    },
    clock() {
      return serial(async () => encodeHlc(await load()));
    },
    now: corrected,
    onRecorded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The Web Locks API, shared by every tab and the service worker of the origin. */
function webLock(): ClockLock {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (!locks) return (fn) => fn();
  return <T>(fn: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      // The lock is held until fn settles; its outcome is handed out, not the lock's.
      locks.request("loket-clock", () => fn().then(resolve, reject)).catch(reject);
    });
}
