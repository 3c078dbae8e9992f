import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import type { DomainCode } from "../../src/core/domain.ts";
import type { LoketEvent } from "../../src/core/event.ts";
import { foldAll } from "../../src/core/fold-all.ts";
import { hlcWall, MAX_AHEAD_MS } from "../../src/core/hlc.ts";
import { type Operation, subjectOf } from "../../src/core/operation.ts";
import type { ParticipantState } from "../../src/core/participant-fold.ts";
import {
  API,
  HISTORY_HEADER,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PullResponse,
  parseHistory,
  type SignInRequest,
} from "../../src/core/protocol.ts";
import { withoutParticipantText } from "../../src/core/redaction.ts";
import { buildReport, deskFigures, deviceActivity } from "../../src/core/report.ts";
import { displayNumber, type FoldFaults, setFoldFaults, type TicketState } from "../../src/core/ticket-fold.ts";
import { seedDemoEvent } from "../../src/server/seed.ts";
import type { LocalStore, RejectedOp } from "../../src/storage/contract.ts";
import { createMemoryStore } from "../../src/storage/memory-store.ts";
import type { RecorderFaults } from "../../src/sync/recorder.ts";
import { signIn } from "../../src/sync/session.ts";
import { deskAction, participantAction } from "./actors.ts";
import { afterSync, crash, createDevice, type DeviceEnv, noteRound, type SimDevice } from "./device.ts";
import { checkErasures, type ErasureReport } from "./erasure-oracle.ts";
import {
  forcedTwoTabs,
  type Injected,
  offlineReservedWalkIn,
  organizerErasure,
  profileEdit,
  selfErasure,
  twoTabs,
  wrongDate,
} from "./injections.ts";
import { CALM, type Chaos, createNetwork } from "./network.ts";
import { checkTruth, TOLERANCE_MS, type TruthReport } from "./oracle.ts";
import { checkOwnWrites } from "./own-writes.ts";
import { createRandom, type Random } from "./random.ts";
import { bundleHandoff, qrHandoff } from "./relays.ts";
import { createSimServer } from "./sim-server.ts";

/**
 * The multi-device convergence simulation: one real server (the HTTP app on a
 * SQLite file, in-process, restarted now and then, once restored from a backup), desks,
 * phones and an organizer's laptop with memory stores, recorders and sync engines, a network that loses, duplicates and reorders, devices that go
 * offline, crash mid-sync and have clocks hours apart. Everything random comes
 * from one seed, ids included, so a failure replays from its seed.
 *
 * During the run it checks what must hold at every moment (a device sees its
 * own writes at once; cursors, clocks and shown numbers never move back); at
 * quiescence, what must hold in the end (see `checkConvergence`).
 */
export interface SimOptions {
  seed: number;
  participants: number;
  desks: readonly string[];
  steps: number;
  chaos: Chaos;
  /** the devices' store (default: a memory store each) */
  makeStore?: (name: string) => Promise<LocalStore>;
  /** deliberate faults in every recorder (the mutant tests) */
  faults?: RecorderFaults;
  /** mutant: a device's two tabs do not share its clock lock */
  unlockedTabs?: boolean;
  /** mutant: devices do not cut an erased participant's words after a sync */
  keepErasedWords?: boolean;
  /** deliberate breaks of the merge rules, in every fold, the server's too (the mutant tests) */
  foldFaults?: FoldFaults;
  /** how far true time moves per step, ms (default 100 ms to 5 s) */
  stepMs?: readonly [number, number];
  /** back the server up and restore it mid-run (the PostgreSQL suite has no file to copy) */
  restore?: boolean;
}

export const STORMY: Chaos = {
  dropRequest: 0.06,
  dropResponse: 0.08,
  duplicate: 0.06,
  maxDelay: 6,
  serverError: 0.03,
  rateLimited: 0.02,
  tooLarge: 0.02,
};

export interface SimReport {
  seed: number;
  operations: number;
  made: number;
  rejected: number;
  tickets: number;
  numbers: number;
  conflicts: Record<string, number>;
  crashes: number;
  /** times the server process restarted on its file */
  serverRestarts: number;
  /** times two tabs of a desk wrote at once */
  twoTabWrites: number;
  network: ReturnType<typeof createNetwork>["stats"];
  quiescencePasses: number;
  truth: TruthReport;
  /** tickets handed from a phone to a desk by QR code, and desk logs handed to another desk or the organizer as a bundle */
  relays: { qr: number; bundle: number };
  /** what the forced injections did (injections.ts), and what the erasure oracle judged */
  injected: Injected &
    ErasureReport & {
      /** walk-ins numbered from a desk's reserved block */
      reservedWalkIns: number;
      organizer: { goodRounds: number; ops: number };
      backups: number;
      restores: number;
      /** numbers shown that changed because the restore lost them (counted per device) */
      renumberedByRestore: number;
    };
}

const T0 = Date.UTC(2026, 0, 15, 1, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export class SimViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SimViolation";
  }
}

export async function runSimulation(o: SimOptions): Promise<SimReport> {
  const rng = createRandom(o.seed);
  // Ids come from crypto.getRandomValues (core/ids.ts): seeded here so a run replays exactly.
  const idRng = createRandom(o.seed ^ 0x5bd1e995);
  const spy = vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(buf: T): T => {
    if (buf instanceof Uint8Array) idRng.bytes(buf);
    return buf;
  });
  setFoldFaults(o.foldFaults ?? {});
  const dir = mkdtempSync(join(tmpdir(), "loket-sim-"));
  let time = T0;
  const server = createSimServer(dir, () => time);
  const network = createNetwork(server.handler, rng);
  const direct = (async (input: RequestInfo | URL, init?: RequestInit) =>
    server.handler(new Request(new URL(String(input), "http://loket.sim"), init))) as typeof fetch;
  const env: DeviceEnv = {
    time: () => time,
    fetchFor: network.fetchFor,
    direct,
    ...(o.faults ? { faults: o.faults } : {}),
    ...(o.unlockedTabs ? { unlockedTabs: true } : {}),
    ...(o.keepErasedWords ? { keepErasedWords: true } : {}),
  };
  const violations: string[] = [];
  const violate = (m: string) => {
    if (violations.length < 20) violations.push(m);
  };

  try {
    const codes = await seedDemoEvent(server.current().store);
    const devices: SimDevice[] = [];
    const make = async (name: string, skewMs: number, auth: SignInRequest) =>
      devices.push(
        await createDevice(env, {
          name,
          clockNode: deviceId(idRng),
          skewMs,
          auth,
          ...(o.makeStore ? { store: await o.makeStore(name) } : {}),
        }),
      );
    for (const deskId of o.desks) {
      await make(deskId, rng.int(-3 * HOUR, 3 * HOUR), {
        role: "desk",
        eventId: codes.eventId,
        code: codes.deskCodes[deskId] ?? "",
        deskId,
      });
    }
    for (let i = 0; i < o.participants; i++) {
      // a few phones are more than a day ahead (a wrong date), most a few hours off either way
      const skew = rng.chance(0.08) ? rng.int(25 * HOUR, 30 * HOUR) : rng.chance(0.3) ? 0 : rng.int(-4 * HOUR, 4 * HOUR);
      await make(`P${String(i + 1).padStart(2, "0")}`, skew, {
        role: "participant",
        eventId: codes.eventId,
        code: codes.participantCode,
      });
    }
    // The side stream: the organizer's skew, the relays and the forced injections draw from it,
    // so that adding one does not reshuffle the main stream's rolls.
    const sideRng = createRandom(o.seed ^ 0x2545f491);
    // The organizer's laptop (app/admin): it pulls everything, erases on request, takes in bundles.
    await make("ORG", sideRng.int(-HOUR, HOUR), { role: "organizer", eventId: codes.eventId, code: codes.organizerCode });
    const organizer = devices.at(-1) as SimDevice;
    // every desk holds a block of reserved numbers before the first walk-in (the app tops up after its first sync)
    for (const d of devices) if (d.topUp && (await d.topUp()) !== "added") violate(`${d.name}: no reserved block at the start`);
    network.setChaos(o.chaos);
    const calm = async <T>(fn: () => Promise<T>): Promise<T> => {
      network.setChaos(CALM);
      try {
        return await fn();
      } finally {
        network.setChaos(o.chaos);
      }
    };
    const relays = { qr: 0, bundle: 0 };
    const injected: Injected = { selfErasures: 0, organizerErasures: 0, editsRacingErasure: 0 };
    /** phones a forced injection needs as they are (their saves are judged): kept from the erasures */
    const spared = new Set<SimDevice>();
    const desks = devices.filter((d) => d.kind === "desk");
    // Every injection at a fixed step, whatever that step's roll (see injections.ts).
    const at = (share: number) => Math.floor(o.steps * share);
    const forced = new Map<number, () => Promise<unknown>>([
      [at(0.2), () => profileEdit(devices, spared, violate)],
      [at(0.25), () => offlineReservedWalkIn(devices, sideRng, violate)],
      [at(1 / 3), () => wrongDate(devices, spared, violate)],
      [at(0.35), () => forcedTwoTabs(devices, sideRng, violate)],
      [at(0.4), () => selfErasure(devices, spared, injected, violate)],
      [
        at(0.45),
        async () => {
          if (o.restore && !(await server.backup())) violate("the server's store cannot be backed up");
        },
      ],
      // at least one restart a run, whatever the rolls
      [at(0.5), () => server.restart()],
      [at(0.6), () => organizerErasure(devices, spared, calm, injected, violate)],
      [
        at(0.7),
        async () => {
          if (!o.restore || !(await server.restore())) return;
          // The restored server names its new history's base: every operation up to it is as
          // it was. A device's cursor may go back to it (store.rewind), never below it.
          const res = await direct("http://loket.sim/api/auth/challenge", { method: "POST" });
          const base = parseHistory(res.headers.get(HISTORY_HEADER))?.base;
          if (base === undefined) return violate("the restored server names no history");
          // Queue numbers the restore lost are given again from the restored counters
          // (docs/ARCHITECTURE.md "A restored server is noticed"): the one way a number
          // shown may change. Exactly those: numbers a device holds that the server lost.
          const session = await organizer.store.getMeta<{ token: string }>("session");
          const kept = new Set((await pullEverything(direct, session?.token ?? "")).map((op) => op.id));
          for (const d of devices) {
            d.rewindFloor = base;
            for (const op of await d.store.allOperations())
              if (op.type === "ticket.numberAssigned" && !kept.has(op.id)) d.lostNumbers.add(`${op.ticketId}:${op.domain}`);
          }
        },
      ],
    ]);

    for (let step = 0; step < o.steps; step++) {
      if (step % 10 === 5 && (await qrHandoff(devices, sideRng, violate))) relays.qr++;
      if (step % 150 === 75 && desks.length > 0) {
        // a desk's log to another desk's laptop, every other time to the organizer's
        const from = sideRng.pick(desks);
        const others = desks.filter((d) => d !== from);
        const to = relays.bundle % 2 === 0 || others.length === 0 ? organizer : sideRng.pick(others);
        if (await bundleHandoff(from, to, codes.eventId, time, violate)) relays.bundle++;
      }
      await forced.get(step)?.();
      time += rng.int(o.stepMs?.[0] ?? 100, o.stepMs?.[1] ?? 5000);
      const roll = rng.next();
      if (roll < 0.08) {
        const d = rng.pick(devices);
        d.link.online = d.link.online ? rng.chance(0.3) === false : true;
      } else if (roll < 0.1) {
        // The device's clock jumps back (a user sets it by hand, a dead battery).
        const d = rng.pick(devices);
        d.skewMs = Math.max(-6 * HOUR, d.skewMs - rng.int(10 * MINUTE, 2 * HOUR));
        d.clockKnown = false;
      } else if (roll < 0.11) {
        // ... or forward (a wrong time zone chosen by hand).
        const d = rng.pick(devices);
        d.skewMs = Math.min(30 * HOUR, d.skewMs + rng.int(10 * MINUTE, 2 * HOUR));
        d.clockKnown = false;
      } else if (roll < 0.112) {
        await server.restart();
      } else if (roll < 0.14) {
        const d = rng.pick(devices);
        void d.engine.syncNow();
        await yields(rng.int(0, 25));
        crash(d, env);
        // what the dead life wrote (a clock recovered by its round) is judged at its own moment
        await observe(d, time, violate);
      } else {
        const n = rng.int(1, 4);
        const chosen = new Set<SimDevice>();
        while (chosen.size < n) chosen.add(rng.pick(devices));
        await Promise.all([...chosen].map((d) => act(d, env, rng, rng.chance(0.6), rng.chance(0.7), time, violate)));
      }
    }

    // Quiescence: everyone online, a calm network, sync until nothing moves.
    network.setChaos(CALM);
    await network.drain();
    for (const d of devices) d.link.online = true;
    let passes = 0;
    let lastSeq = -1;
    for (; passes < 10; passes++) {
      for (const d of devices) {
        await d.engine.syncNow();
        noteRound(d);
        await afterSync(d, env);
        await observe(d, time, violate);
      }
      const seq = await server.current().store.latestSeq(codes.eventId);
      const pending = await Promise.all(devices.map((d) => d.store.outboxCount()));
      // Quiet means every device has heard all of it, not only that nothing moved: on a
      // busy machine a round can fail (a request past the engine's timeout), and a device
      // whose last round failed would be judged on a state it has not finished pulling.
      const behind = await devicesBehind(devices, seq);
      if (seq === lastSeq && pending.every((p) => p === 0) && behind.length === 0) break;
      lastSeq = seq;
    }
    for (const { d, why } of await devicesBehind(devices, lastSeq))
      violate(`${d.name}: not caught up at quiescence after ${passes} passes (${why})`);
    await network.drain();

    // A relayed operation carries its author's signature: none may be refused for want of one.
    for (const d of devices) {
      for (const r of (await d.store.getMeta<RejectedOp[]>("rejected")) ?? []) {
        if (/relayed operation|actor does not match/.test(r.reason)) {
          violate(`${d.name}: relayed ${r.type} ${r.id} refused: ${r.reason}`);
        }
      }
    }
    const event = await server.current().store.getEvent(codes.eventId);
    if (!event) throw new SimViolation("the event is gone from the server");
    const { truthTickets, truthParticipants, serverOps, ...report } = await checkConvergence(
      devices,
      direct,
      codes,
      event,
      violate,
    );
    const truth = await checkTruth(devices, truthTickets, truthParticipants, violate);
    const erasures = await checkErasures(devices, serverOps, truthTickets, truthParticipants, violate);
    if (violations.length > 0) throw new SimViolation(violations.join("\n"));
    const reservedWalkIns = devices.flatMap((d) => d.made).filter((op) => op.type === "ticket.created" && op.reservedNumber);
    return {
      ...report,
      truth,
      seed: o.seed,
      crashes: devices.reduce((n, d) => n + d.crashes, 0),
      serverRestarts: server.counts.restarts,
      twoTabWrites: devices.reduce((n, d) => n + d.twoTabWrites, 0),
      network: network.stats,
      quiescencePasses: passes + 1,
      relays,
      injected: {
        ...injected,
        ...erasures,
        reservedWalkIns: reservedWalkIns.length,
        organizer: { goodRounds: organizer.goodRounds, ops: organizer.made.length },
        backups: server.counts.backups,
        restores: server.counts.restores,
        renumberedByRestore: devices.reduce((n, d) => n + d.renumbered, 0),
      },
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    spy.mockRestore();
    setFoldFaults({});
  }
}

function deviceId(rng: Random): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let s = "DEV";
  for (let i = 0; i < 13; i++) s += alphabet[rng.int(0, 31)];
  return s;
}

async function yields(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
}

async function act(
  d: SimDevice,
  env: DeviceEnv,
  rng: Random,
  doSomething: boolean,
  sync: boolean,
  time: number,
  violate: (m: string) => void,
) {
  if (doSomething) {
    // the organizer records only what a participant asks of it (an erasure, a forced injection)
    const drafts = d.kind === "desk" ? await deskAction(d, rng) : d.kind === "participant" ? await participantAction(d, rng) : [];
    if (drafts.length > 0) {
      const ops = await d.recorder.recordAll(drafts);
      await checkOwnWrites(d, ops, violate);
    }
    if (d.kind === "desk" && rng.chance(0.3)) await twoTabs(d, violate);
  }
  if (sync) {
    await d.engine.syncNow();
    noteRound(d);
    await afterSync(d, env);
  }
  await observe(d, time, violate);
}

/**
 * One device, one order: on each subject, every stamp a device gave out that the
 * server kept sorts after every one it gave out there before, through crashes,
 * clock jumps and the clock's recovery (docs/ARCHITECTURE.md "The clock"); no
 * two are equal. (A refused operation is in nobody's order.)
 */
function checkOwnOrder(d: SimDevice, refused: ReadonlySet<string>, violate: (m: string) => void) {
  const newest = new Map<string, string>();
  for (const op of d.made) {
    if (refused.has(op.id)) continue;
    const subject = subjectOf(op);
    const before = newest.get(subject);
    if (before !== undefined && op.hlc <= before)
      violate(`${d.name}: own ${op.type} on ${subject} stamped ${op.hlc}, not after its earlier ${before}`);
    newest.set(subject, op.hlc);
  }
}

/**
 * Cursors, clocks and numbers once shown never move backwards; the one exception
 * is the clock's recovery (core/hlc.ts recoverClock): a clock ahead of the true
 * time may go back, to the true time (within the tolerance). The device decides
 * that on its estimate (more than ε ahead), the check on the truth.
 */
async function observe(d: SimDevice, time: number, violate: (m: string) => void) {
  const cursor = await d.store.cursor();
  if (cursor < d.lastCursor && d.rewindFloor !== null && cursor >= d.rewindFloor) {
    // the one way back: after a restore, to the restored history's base or after it
    d.rewindFloor = null;
    d.lastCursor = cursor;
  }
  if (cursor < d.lastCursor) violate(`${d.name}: cursor went back from ${d.lastCursor} to ${cursor}`);
  d.lastCursor = Math.max(d.lastCursor, cursor);
  const clock = (await d.store.getMeta<string>("clock")) ?? "";
  if (clock < d.lastClock) {
    // The device decides on its estimate of the server's time, which is off by up
    // to half a round trip: a clock ahead of the truth may go back, to the truth
    // (within the tolerance); one at or behind the truth never goes back.
    const recovered = hlcWall(d.lastClock) > time && Math.abs(hlcWall(clock) - time) <= MAX_AHEAD_MS + TOLERANCE_MS;
    if (!recovered) violate(`${d.name}: clock went back from ${d.lastClock} to ${clock} (true time ${time})`);
  }
  d.lastClock = clock;
  for (const t of await d.store.allTickets()) {
    // what the screen shows: the server's number, else a reserved one (a walk-in's, rule 9)
    const shown = displayNumber(t);
    const numbers = shown.provisional ? t.numbers : { ...t.numbers, [t.domain]: shown.text };
    for (const [domain, n] of Object.entries(numbers)) {
      const key = `${t.id}:${domain}`;
      const seen = d.seenNumbers.get(key);
      if (seen !== undefined && seen !== n && d.lostNumbers.delete(key)) {
        d.renumbered++;
        d.seenNumbers.set(key, n ?? "");
        continue;
      }
      if (seen !== undefined && seen !== n) violate(`${d.name}: number of ${key} changed from ${seen} to ${n}`);
      d.seenNumbers.set(key, n ?? "");
    }
  }
}

async function pullEverything(direct: typeof fetch, token: string): Promise<Operation[]> {
  const out: Operation[] = [];
  let after = 0;
  for (;;) {
    const res = await direct(`http://loket.sim${API.pull}?after=${after}&limit=1000`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
    if (!res.ok) throw new Error(`pull failed: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as PullResponse;
    out.push(...page.ops.map((e) => e.op));
    after = page.cursor;
    if (!page.more) return out;
  }
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const stable = (v: unknown) => JSON.stringify(v);

/**
 * At quiescence:
 * - every operation made anywhere is on the server exactly once (or was refused
 *   by it, is listed as refused on its device, and is not on the server), and
 *   every outbox is empty;
 * - every desk holds the same tickets and profiles, equal to a from-scratch
 *   replay of the server's operations;
 * - every phone holds exactly the operations the server lets it see, and states
 *   equal to a from-scratch fold of them; of tickets not its own, every phone
 *   holds the same public state;
 * - no number was given twice in a domain, nor two numbers to a ticket in one;
 * - no ticket is held by a desk of another domain than its own.
 */
async function checkConvergence(
  devices: readonly SimDevice[],
  direct: typeof fetch,
  codes: { eventId: string; organizerCode: string; participantCode: string },
  event: LoketEvent,
  violate: (m: string) => void,
): Promise<
  Omit<
    SimReport,
    "seed" | "crashes" | "serverRestarts" | "twoTabWrites" | "network" | "quiescencePasses" | "truth" | "relays" | "injected"
  > & {
    truthTickets: TicketState[];
    truthParticipants: ParticipantState[];
    serverOps: Operation[];
  }
> {
  const organizer = await signIn(
    createMemoryStore(),
    "http://loket.sim",
    { role: "organizer", eventId: codes.eventId, code: codes.organizerCode },
    direct,
  );
  const server = await pullEverything(direct, organizer.token);
  const onServer = new Map<string, Operation>();
  for (const op of server) {
    if (onServer.has(op.id)) violate(`operation ${op.id} is on the server twice`);
    onServer.set(op.id, op);
  }

  const truth = foldAll(server);
  const erased = new Set(truth.participants.filter((p) => p.erased).map((p) => p.id));
  const ownerOf = new Map(truth.tickets.map((t) => [t.id, t.participantId]));
  // An erasure takes the profile off the server and the participant's words out of their tickets (privacy.ts).
  const goneWithErasure = (op: Operation) => op.type === "participant.registered" && erased.has(op.participantId);
  const cutByErasure = (op: Operation, there: Operation) => {
    const owner = "ticketId" in op ? ownerOf.get(op.ticketId) : null;
    return owner != null && erased.has(owner) && stable(there) === stable(withoutParticipantText(op));
  };

  let made = 0;
  let rejected = 0;
  const madeIds = new Set<string>();
  for (const d of devices) {
    const refused = new Set(((await d.store.getMeta<RejectedOp[]>("rejected")) ?? []).map((r) => r.id));
    rejected += refused.size;
    checkOwnOrder(d, refused, violate);
    if ((await d.store.outboxCount()) > 0) violate(`${d.name}: outbox not empty at quiescence`);
    for (const op of d.made) {
      made++;
      madeIds.add(op.id);
      const there = onServer.get(op.id);
      if (refused.has(op.id)) {
        if (there) violate(`${d.name}: ${op.id} listed as refused but on the server`);
      } else if (!there) {
        if (!goneWithErasure(op)) violate(`${d.name}: ${op.type} ${op.id} never reached the server`);
      } else if (stable(there) !== stable(op) && !cutByErasure(op, there)) violate(`${d.name}: ${op.id} differs on the server`);
    }
  }
  for (const op of server) {
    if (op.actor.role !== "server" && !madeIds.has(op.id)) violate(`server holds ${op.id} that no device made`);
  }

  const want = stable(truth.tickets.sort(byId));
  const wantParticipants = stable(truth.participants.sort(byId));
  for (const d of devices.filter((x) => x.kind !== "participant")) {
    if (stable(await d.store.allTickets()) !== want) violate(`${d.name}: tickets differ from the server's replay`);
    if (stable(await d.store.allParticipants()) !== wantParticipants) violate(`${d.name}: profiles differ from the server's`);
  }
  for (const d of devices.filter((x) => x.kind === "organizer")) await checkOrganizerViews(d, server, event, violate);
  // The public view: what a phone that owns nothing sees. Every phone must hold exactly this
  // state for every ticket that is not its own.
  const observer = await signIn(
    createMemoryStore(),
    "http://loket.sim",
    { role: "participant", eventId: codes.eventId, code: codes.participantCode },
    direct,
  );
  const publicView = new Map(foldAll(await pullEverything(direct, observer.token)).tickets.map((t) => [t.id, stable(t)]));
  for (const d of devices.filter((x) => x.kind === "participant")) {
    for (const t of await d.store.allTickets()) {
      if (t.participantId !== null && t.participantId === d.participantId) continue;
      const seen = publicView.get(t.id);
      if (seen !== stable(t)) {
        // name the fields that differ, so that a failing seed explains itself
        const theirs = seen === undefined ? {} : (JSON.parse(seen) as Record<string, unknown>);
        const mine = JSON.parse(stable(t)) as Record<string, unknown>;
        const fields = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])]
          .filter((k) => JSON.stringify(theirs[k]) !== JSON.stringify(mine[k]))
          .map((k) => `${k}: ${JSON.stringify(mine[k])?.slice(0, 200)} vs public ${JSON.stringify(theirs[k])?.slice(0, 200)}`);
        violate(
          `${d.name}: public state of ${t.id} differs from other phones' (${seen === undefined ? "not in the public view" : fields.join("; ")})`,
        );
      }
    }
    const session = await d.store.getMeta<{ token: string }>("session");
    const visible = await pullEverything(direct, session?.token ?? "");
    const folded = foldAll(visible);
    if (stable(await d.store.allTickets()) !== stable(folded.tickets.sort(byId))) {
      violate(`${d.name}: tickets differ from a fold of what the server shows it`);
    }
    const held = (await d.store.allOperations()).map((op) => op.id).sort();
    if (stable(held) !== stable(visible.map((op) => op.id).sort())) violate(`${d.name}: holds other operations than it may see`);
  }

  const given = new Map<string, string>();
  const perTicket = new Set<string>();
  let numbers = 0;
  for (const op of server) {
    if (op.type !== "ticket.numberAssigned") continue;
    numbers++;
    if (given.has(op.number)) violate(`number ${op.number} given twice`);
    given.set(op.number, op.ticketId);
    const key = `${op.ticketId}:${op.domain}`;
    if (perTicket.has(key)) violate(`ticket ${op.ticketId} numbered twice in ${op.domain}`);
    perTicket.add(key);
  }
  // a walk-in's reserved number, shown at the desk as it was taken, is the ticket's number (rule 9)
  for (const t of truth.tickets) {
    if (t.reservedNumber?.startsWith(`${t.originalDomain}-`) && t.numbers[t.originalDomain] !== t.reservedNumber)
      violate(`walk-in ${t.id} was shown ${t.reservedNumber} but numbered ${t.numbers[t.originalDomain]}`);
  }

  const conflicts: Record<string, number> = {};
  for (const t of truth.tickets) {
    checkHolder(t, violate);
    for (const c of t.conflicts) conflicts[c.kind] = (conflicts[c.kind] ?? 0) + 1;
  }
  return {
    operations: server.length,
    made,
    rejected,
    tickets: truth.tickets.length,
    numbers,
    conflicts,
    truthTickets: truth.tickets,
    truthParticipants: truth.participants,
    serverOps: server,
  };
}

function checkHolder(t: TicketState, violate: (m: string) => void): void {
  if (t.status === "called" || t.status === "serving") {
    if (!t.holder) violate(`ticket ${t.id} is ${t.status} without a desk`);
    else if ((t.holder.charAt(0) as DomainCode) !== t.domain) violate(`ticket ${t.id} in ${t.domain} held by desk ${t.holder}`);
  }
}

/**
 * The organizer's laptop computes its views from its own store (app/admin:
 * the report, the desks' figures, the devices' activity): each must be what
 * the server's operations give, and it holds exactly the server's operations.
 */
async function checkOrganizerViews(d: SimDevice, server: readonly Operation[], event: LoketEvent, violate: (m: string) => void) {
  const held = [...(await d.store.allOperations())].sort(byId);
  if (stable(held.map((op) => op.id)) !== stable(server.map((op) => op.id).sort()))
    violate(`${d.name}: holds other operations than the server`);
  const truth = foldAll(server);
  const [tickets, participants] = [await d.store.allTickets(), await d.store.allParticipants()];
  if (stable(buildReport(event, tickets, participants)) !== stable(buildReport(event, truth.tickets, truth.participants)))
    violate(`${d.name}: its report differs from the server's`);
  const now = Date.parse(`${event.endDate}T12:00:00Z`);
  if (stable(deskFigures(event, tickets, now)) !== stable(deskFigures(event, truth.tickets, now)))
    violate(`${d.name}: its desks' figures differ from the server's`);
  if (stable(deviceActivity(held)) !== stable(deviceActivity([...server].sort(byId))))
    violate(`${d.name}: its devices' activity differs from the server's`);
}

/** The devices that have not heard the server up to `seq`, or whose last round failed, and why. */
async function devicesBehind(devices: readonly SimDevice[], seq: number): Promise<{ d: SimDevice; why: string }[]> {
  const out: { d: SimDevice; why: string }[] = [];
  for (const d of devices) {
    const error = d.engine.status().lastError;
    const cursor = await d.store.cursor();
    if (error !== null) out.push({ d, why: `last round failed: ${error.code} ${error.detail}` });
    else if (cursor < seq) out.push({ d, why: `cursor ${cursor} below the server's ${seq}` });
  }
  return out;
}
