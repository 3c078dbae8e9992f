import { requestBlock, reservedTopUp, type TopUpResult } from "../../src/app/desk/reserved.ts";
import { deskDomain } from "../../src/core/domain.ts";
import type { Operation } from "../../src/core/operation.ts";
import type { AuthResponse, SignInRequest } from "../../src/core/protocol.ts";
import type { LocalStore } from "../../src/storage/contract.ts";
import { createMemoryStore } from "../../src/storage/memory-store.ts";
import { deviceKeyFor, keyScope } from "../../src/sync/device-key.ts";
import { createSyncEngine, type SyncEngine } from "../../src/sync/engine.ts";
import { type ClockLock, createRecorder, type Recorder, type RecorderFaults } from "../../src/sync/recorder.ts";
import { SESSION_KEY, signIn, tokenFrom } from "../../src/sync/session.ts";
import type { Link } from "./network.ts";

/**
 * One simulated device: a phone or a desk's laptop. Its store survives a crash;
 * its recorder and engine (everything in memory) do not.
 */
export interface SimDevice {
  readonly name: string;
  readonly kind: "desk" | "participant" | "organizer";
  /** the device key's id (from its sign-in) */
  readonly deviceId: string;
  /** the clock's node, seeded so that a run's stamps repeat */
  readonly clockNode: string;
  readonly deskId: string | null;
  participantId: string | null;
  eventId: string;
  /** the device's storage: what survives a crash */
  readonly store: LocalStore;
  readonly link: Link;
  /** how far the device's wall clock is off the true time, ms */
  skewMs: number;
  recorder: Recorder;
  /** a second tab on the same store: its own recorder, the device's one clock */
  tab2: Recorder;
  engine: SyncEngine;
  /** a desk's reserved numbers kept topped up after good syncs (app/desk/reserved.ts); null elsewhere */
  topUp: (() => Promise<TopUpResult>) | null;
  /** every operation this device made, in order */
  readonly made: Operation[];
  /** the oracle: the true time each operation was made (op id → ms) */
  readonly trueTime: Map<string, number>;
  /** operations made while the device could know the time: it had synced since its clock last jumped */
  readonly timed: Set<string>;
  /** the oracle's view: a round succeeded since the device's clock last jumped */
  clockKnown: boolean;
  /** observations, to check that nothing moves backwards */
  lastCursor: number;
  /** after a server restore: the base the cursor may go back to, once; null otherwise */
  rewindFloor: number | null;
  lastClock: string;
  /** `${ticketId}:${domain}` → the number the device once showed */
  readonly seenNumbers: Map<string, string>;
  /** `${ticketId}:${domain}` whose number the device held when a restore lost it: that number may change, once */
  readonly lostNumbers: Set<string>;
  /** numbers that did so */
  renumbered: number;
  crashes: number;
  /** times two of its tabs wrote at once */
  twoTabWrites: number;
  /** sync rounds that pushed and pulled without an error */
  goodRounds: number;
}

export interface DeviceEnv {
  /** true time (ms), shared with the server */
  time(): number;
  fetchFor(link: Link): typeof fetch;
  /** a fetch without chaos, for sign-in */
  direct: typeof fetch;
  /** deliberate faults, for the mutant tests */
  faults?: RecorderFaults;
  /** mutant: the tabs of a device do not share the clock lock */
  unlockedTabs?: boolean;
  /** mutant: devices do not cut an erased participant's words after a sync */
  keepErasedWords?: boolean;
}

/**
 * A store whose calls from a dead life never return: after a crash, the old
 * engine's pending work cannot write anything, as if its process had died.
 */
function lifeBound(store: LocalStore, link: Link): LocalStore {
  const life = link.generation;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) =>
        link.generation === life ? (value as (...a: unknown[]) => unknown).apply(target, args) : new Promise(() => {});
    },
  });
}

type Body = Omit<SimDevice, "recorder" | "tab2" | "engine" | "topUp">;

/** A stand-in for navigator.locks: one holder at a time across the tabs of one device. */
function deviceLock(): ClockLock {
  let held: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = held.then(fn, fn);
    held = run.catch(() => undefined);
    return run;
  };
}

/** After a round: the oracle notes whether the device has now heard the server since its clock last moved. */
export function noteRound(d: SimDevice): void {
  const s = d.engine.status();
  if (s.lastError === null && s.lastSyncedAt !== null) {
    d.clockKnown = true;
    d.goodRounds++;
  }
}

/** A life of the device: two tabs' recorders and an engine over its store (they read `skewMs` live). */
function boot(d: Body, env: DeviceEnv): Pick<SimDevice, "recorder" | "tab2" | "engine" | "topUp"> {
  const store = lifeBound(d.store, d.link);
  const now = () => env.time() + d.skewMs;
  const actor = {
    deviceId: d.deviceId,
    role: d.kind,
    ...(d.deskId ? { deskId: d.deskId } : {}),
    ...(d.participantId ? { participantId: d.participantId } : {}),
  };
  // the key it signed in with signs what it records, as in the app (relay through QR codes and bundles)
  const key = deviceKeyFor(d.store, keyScope(d.kind, d.deskId ?? undefined));
  const lock = deviceLock();
  const tab = () =>
    createRecorder(
      store,
      { eventId: d.eventId, actor, clockNode: d.clockNode, key },
      { now, lock: env.unlockedTabs ? (fn) => fn() : lock, ...(env.faults ? { faults: env.faults } : {}) },
    );
  const recorder = tab();
  const tab2 = tab();
  for (const r of [recorder, tab2])
    r.onRecorded((ops) => {
      d.made.push(...ops);
      for (const op of ops) {
        d.trueTime.set(op.id, env.time());
        if (d.clockKnown) d.timed.add(op.id);
      }
    });
  const engine = createSyncEngine({
    store,
    recorder,
    baseUrl: "http://loket.sim",
    getToken: tokenFrom(store, now),
    fetch: env.fetchFor(d.link),
    eventSource: null,
    environment: null,
    now,
    // The simulation drives the rounds itself; the engine's timer stays unused.
    setTimeout: () => 0,
    clearTimeout: () => undefined,
  });
  const domain = d.deskId ? deskDomain(d.deskId) : null;
  const topUp = domain
    ? reservedTopUp(store, domain, async (x) => {
        const session = await store.getMeta<AuthResponse>(SESSION_KEY);
        if (!session) return { ok: false, refused: false, message: "not signed in" };
        return requestBlock(session, x, env.fetchFor(d.link), "http://loket.sim");
      })
    : null;
  return { recorder, tab2, engine, topUp };
}

/**
 * What the app does after a good sync round: a desk tops up its reserved
 * numbers and, like the organizer's laptop, cuts the words of erased
 * participants (DeskWithData, AdminWithData); a phone does the latter once it
 * shows its own erasure (ErasedScreen).
 */
export async function afterSync(d: SimDevice, env: DeviceEnv): Promise<void> {
  const s = d.engine.status();
  if (s.lastError !== null || s.lastSyncedAt === null) return;
  const redact = env.keepErasedWords ? async () => 0 : () => d.store.redactErased();
  if (d.kind === "participant") {
    const me = d.participantId ? await d.store.participant(d.participantId) : undefined;
    if (me?.erased) await redact();
    return;
  }
  await d.topUp?.();
  await redact();
}

export async function createDevice(
  env: DeviceEnv,
  spec: { name: string; clockNode: string; skewMs: number; auth: SignInRequest; store?: LocalStore },
): Promise<SimDevice> {
  const store = spec.store ?? createMemoryStore();
  const session = await signIn(store, "http://loket.sim", spec.auth, env.direct);
  const body: Body = {
    name: spec.name,
    kind: spec.auth.role,
    deviceId: session.deviceId,
    clockNode: spec.clockNode,
    deskId: spec.auth.role === "desk" ? spec.auth.deskId : null,
    participantId: session.participantId ?? null,
    eventId: session.eventId,
    store,
    link: { online: true, generation: 0 },
    skewMs: spec.skewMs,
    made: [],
    trueTime: new Map(),
    timed: new Set(),
    clockKnown: false,
    lastCursor: 0,
    rewindFloor: null,
    lastClock: "",
    seenNumbers: new Map(),
    lostNumbers: new Set(),
    renumbered: 0,
    crashes: 0,
    twoTabWrites: 0,
    goodRounds: 0,
  };
  return Object.assign(body, boot(body, env));
}

/** The process dies: in-flight requests and store calls never return; memory is lost; the store stays. */
export function crash(d: SimDevice, env: DeviceEnv): void {
  d.engine.stop();
  d.link.generation++;
  d.crashes++;
  Object.assign(d, boot(d, env));
}
