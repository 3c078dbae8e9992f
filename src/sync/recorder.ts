import { decodeHlc, encodeHlc, type Hlc, initialHlc, receive, tick } from "../core/hlc.ts";
import { newId } from "../core/ids.ts";
import { type Actor, type Operation, parseOperation } from "../core/operation.ts";
import type { LocalStore } from "../storage/contract.ts";

/**
 * The recorder: the one way the app makes an operation.
 *
 * A screen hands it a draft (what happened); the recorder stamps an id, the
 * event, the actor and a hybrid-clock stamp, checks the result with the wire
 * validator (so a screen's mistake fails here, not at the server hours later),
 * stores it with its effect, then tells its listeners (the sync engine pushes
 * soon). Calls are serialized so that stamps follow the order of the calls.
 *
 * The clock lives in the store's meta under "clock" and is merged with every
 * stamp the device pulls and with the server's time (`observe`), so what the
 * device does next sorts after everything it has seen, even when its own wall
 * clock is hours off or jumps back.
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
}

export interface Recorder {
  /** Stamp, validate and store one operation; resolves once it is stored with its effect. */
  record(draft: OperationDraft): Promise<Operation>;
  /** Several operations stored in one transaction (all or none), stamped in order. */
  recordAll(drafts: readonly OperationDraft[]): Promise<Operation[]>;
  /** Merge a stamp seen elsewhere (an encoded HLC) or the server's wall time (ms). */
  observe(remote: string | number): Promise<void>;
  /** The current clock, encoded. */
  clock(): Promise<string>;
  /** Be told after operations are stored. Returns the unsubscribe function. */
  onRecorded(listener: (ops: readonly Operation[]) => void): () => void;
}

export class InvalidOperationError extends Error {
  constructor(readonly reason: string) {
    super(`invalid operation: ${reason}`);
    this.name = "InvalidOperationError";
  }
}

export const CLOCK_KEY = "clock";

export function createRecorder(store: LocalStore, identity: Identity, opts: { now?: () => number } = {}): Recorder {
  const now = opts.now ?? Date.now;
  const node = identity.clockNode ?? identity.actor.deviceId;
  const listeners = new Set<(ops: readonly Operation[]) => void>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Run `fn` after every earlier call has finished, whatever its outcome. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<Hlc> {
    const saved = await store.getMeta<string>(CLOCK_KEY);
    // A stamp saved under another device id (a re-registered device) keeps its time.
    return saved ? { ...decodeHlc(saved), node } : initialHlc(node);
  }

  async function save(clock: Hlc): Promise<void> {
    await store.setMeta(CLOCK_KEY, encodeHlc(clock));
  }

  function stamp(draft: OperationDraft, hlc: Hlc): Operation {
    const candidate = { ...draft, id: newId(), eventId: identity.eventId, hlc: encodeHlc(hlc), actor: identity.actor };
    const parsed = parseOperation(candidate);
    if (!parsed.ok) throw new InvalidOperationError(parsed.reason);
    return parsed.op;
  }

  async function recordAll(drafts: readonly OperationDraft[]): Promise<Operation[]> {
    const ops = await serial(async () => {
      let clock = await load();
      const out: Operation[] = [];
      for (const draft of drafts) {
        clock = tick(clock, now());
        out.push(stamp(draft, clock));
      }
      // The clock is saved first: a crash between the two writes only skips stamps.
      await save(clock);
      await store.appendLocal(out);
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
      return serial(async () => {
        const theirs: Hlc = typeof remote === "number" ? { wall: remote, counter: 0, node: "server" } : decodeHlc(remote);
        const mine = await load();
        const merged = receive(mine, theirs, now());
        await save(merged);
      });
    },
    clock() {
      return serial(async () => encodeHlc(await load()));
    },
    onRecorded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
