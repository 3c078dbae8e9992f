import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { decodeTicketQr, encodeTicketQr } from "../../src/app/participant/ticket-qr.ts";
import { checkBundle, makeBundle, serializeBundle } from "../../src/core/bundle.ts";
import type { DomainCode } from "../../src/core/domain.ts";
import { foldAll } from "../../src/core/fold-all.ts";
import { hlcWall, MAX_AHEAD_MS } from "../../src/core/hlc.ts";
import { type Operation, subjectOf } from "../../src/core/operation.ts";
import type { ParticipantState } from "../../src/core/participant-fold.ts";
import { API, PROTOCOL_HEADER, PROTOCOL_VERSION, type PullResponse } from "../../src/core/protocol.ts";
import { type FoldFaults, setFoldFaults, type TicketState } from "../../src/core/ticket-fold.ts";
import { createApp } from "../../src/server/app.ts";
import { seedDemoEvent } from "../../src/server/seed.ts";
import { openSqliteStore } from "../../src/server/store/sqlite.ts";
import type { LocalStore, RejectedOp } from "../../src/storage/contract.ts";
import { createMemoryStore } from "../../src/storage/memory-store.ts";
import type { RecorderFaults } from "../../src/sync/recorder.ts";
import { signIn } from "../../src/sync/session.ts";
import { deskAction, participantAction } from "./actors.ts";
import { crash, createDevice, type DeviceEnv, noteRound, type SimDevice } from "./device.ts";
import { CALM, type Chaos, createNetwork } from "./network.ts";
import { checkTruth, TOLERANCE_MS, type TruthReport } from "./oracle.ts";
import { createRandom, type Random } from "./random.ts";

/**
 * The multi-device convergence simulation: one real server (the HTTP app on a
 * SQLite file, in-process, restarted now and then), desks and phones with memory stores, recorders and
 * sync engines, a network that loses, duplicates and reorders, devices that go
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
  /** deliberate breaks of the merge rules, in every fold, the server's too (the mutant tests) */
  foldFaults?: FoldFaults;
  /** how far true time moves per step, ms (default 100 ms to 5 s) */
  stepMs?: readonly [number, number];
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
  /** tickets handed from a phone to a desk by QR code, and desk logs handed to another desk as a bundle */
  relays: { qr: number; bundle: number };
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
  const boot = () => {
    const store = openSqliteStore(join(dir, "loket.db"));
    return { store, ...createApp({ store, distDir: null, now: () => time, log: () => {}, rateLimit: false }) };
  };
  let server = boot();
  const handler = async (req: Request) => server.app.fetch(req);
  let restarts = 0;
  // The server restarts (a deploy, a power cut under a UPS): a new epoch of its
  // file; what was committed stays, requests in flight to the old process fail.
  const restart = async () => {
    const old = server;
    server = boot();
    old.close();
    await old.store.close();
    restarts++;
  };
  const network = createNetwork(handler, rng);
  const direct = (async (input: RequestInfo | URL, init?: RequestInit) =>
    handler(new Request(new URL(String(input), "http://loket.sim"), init))) as typeof fetch;
  const env: DeviceEnv = {
    time: () => time,
    fetchFor: network.fetchFor,
    direct,
    ...(o.faults ? { faults: o.faults } : {}),
    ...(o.unlockedTabs ? { unlockedTabs: true } : {}),
  };
  const violations: string[] = [];
  const violate = (m: string) => {
    if (violations.length < 20) violations.push(m);
  };

  try {
    const codes = await seedDemoEvent(server.store);
    const devices: SimDevice[] = [];
    for (const deskId of o.desks) {
      devices.push(
        await createDevice(env, {
          name: deskId,
          clockNode: deviceId(idRng),
          skewMs: rng.int(-3 * HOUR, 3 * HOUR),
          auth: { role: "desk", eventId: codes.eventId, code: codes.deskCodes[deskId] ?? "", deskId },
          ...(o.makeStore ? { store: await o.makeStore(deskId) } : {}),
        }),
      );
    }
    for (let i = 0; i < o.participants; i++) {
      const name = `P${String(i + 1).padStart(2, "0")}`;
      devices.push(
        await createDevice(env, {
          name,
          clockNode: deviceId(idRng),
          // a few phones are more than a day ahead (a wrong date), most a few hours off either way
          skewMs: rng.chance(0.08) ? rng.int(25 * HOUR, 30 * HOUR) : rng.chance(0.3) ? 0 : rng.int(-4 * HOUR, 4 * HOUR),
          auth: { role: "participant", eventId: codes.eventId, code: codes.participantCode },
          ...(o.makeStore ? { store: await o.makeStore(name) } : {}),
        }),
      );
    }
    network.setChaos(o.chaos);
    // Relays draw from their own stream, so that the rest of a run's choices stay as they were.
    const relayRng = createRandom(o.seed ^ 0x2545f491);
    const relays = { qr: 0, bundle: 0 };

    for (let step = 0; step < o.steps; step++) {
      if (step % 10 === 5 && (await qrHandoff(devices, relayRng))) relays.qr++;
      if (step % 150 === 75 && (await bundleHandoff(devices, relayRng, codes.eventId, time))) relays.bundle++;
      if (step === Math.floor(o.steps / 3)) await wrongDate(devices, violate);
      // at least one restart a run, whatever the rolls
      if (step === Math.floor(o.steps / 2)) await restart();
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
        await restart();
      } else if (roll < 0.14) {
        const d = rng.pick(devices);
        void d.engine.syncNow();
        await yields(rng.int(0, 25));
        crash(d, env);
      } else {
        const n = rng.int(1, 4);
        const chosen = new Set<SimDevice>();
        while (chosen.size < n) chosen.add(rng.pick(devices));
        await Promise.all([...chosen].map((d) => act(d, rng, rng.chance(0.6), rng.chance(0.7), time, violate)));
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
        await observe(d, time, violate);
      }
      const seq = await server.store.latestSeq(codes.eventId);
      const pending = await Promise.all(devices.map((d) => d.store.outboxCount()));
      if (seq === lastSeq && pending.every((p) => p === 0)) break;
      lastSeq = seq;
    }
    await network.drain();

    // A relayed operation carries its author's signature: none may be refused for want of one.
    for (const d of devices) {
      for (const r of (await d.store.getMeta<RejectedOp[]>("rejected")) ?? []) {
        if (/relayed operation|actor does not match/.test(r.reason))
          violate(`${d.name}: relayed ${r.type} ${r.id} refused: ${r.reason}`);
      }
    }
    const { truthTickets, truthParticipants, ...report } = await checkConvergence(devices, direct, codes, violate);
    const truth = await checkTruth(devices, truthTickets, truthParticipants, violate);
    if (violations.length > 0) throw new SimViolation(violations.join("\n"));
    return {
      ...report,
      truth,
      seed: o.seed,
      crashes: devices.reduce((n, d) => n + d.crashes, 0),
      serverRestarts: restarts,
      twoTabWrites: devices.reduce((n, d) => n + d.twoTabWrites, 0),
      network: network.stats,
      quiescencePasses: passes + 1,
      relays,
    };
  } finally {
    server.close();
    await server.store.close();
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

/**
 * A phone shows its waiting ticket's QR code to a desk, which takes it in
 * (app/participant/TicketQr.tsx, app/desk/QrScan.tsx): the ticket's operations
 * and the profile, with the phone's signatures. Returns whether one was handed.
 */
async function qrHandoff(devices: readonly SimDevice[], rng: Random): Promise<boolean> {
  const phone = rng.pick(devices.filter((d) => d.kind === "participant"));
  const desks = devices.filter((d) => d.kind === "desk");
  const me = phone.participantId;
  if (!me || desks.length === 0) return false;
  const waiting = (await phone.store.ticketsOfParticipant(me)).filter((t) => t.status === "waiting");
  if (waiting.length === 0) return false;
  const ticket = rng.pick(waiting);
  const ticketOps = await phone.store.operationsOf(ticket.id);
  const profile = [...(await phone.store.operationsOf(me))].reverse().find((op) => op.type === "participant.registered");
  const all = profile ? [...ticketOps, profile] : ticketOps;
  const text = encodeTicketQr(phone.eventId, ticketOps, profile, await phone.store.proofsOf(all.map((op) => op.id)));
  const scanned = text ? decodeTicketQr(text) : null;
  if (!scanned?.ok) return false;
  await rng.pick(desks).store.importOps(scanned.ops, scanned.proofs);
  return true;
}

/** A desk's log, exported as a bundle file, is imported by another desk's laptop (app/desk/CloseDesk.tsx, app/admin/BundleImport.tsx). */
async function bundleHandoff(devices: readonly SimDevice[], rng: Random, eventId: string, time: number): Promise<boolean> {
  const desks = devices.filter((d) => d.kind === "desk");
  if (desks.length < 2) return false;
  const from = rng.pick(desks);
  const to = rng.pick(desks.filter((d) => d !== from));
  const ops = await from.store.allOperations();
  const file = serializeBundle(
    makeBundle({
      eventId,
      deviceId: from.deviceId,
      createdAt: new Date(time).toISOString(),
      ops,
      proofs: await from.store.proofsOf(ops.map((op) => op.id)),
    }),
  );
  const checked = checkBundle(file, eventId);
  if (!checked.ok) throw new SimViolation(`${from.name}: its own bundle is refused (${checked.error.code})`);
  await to.store.importOps(checked.bundle.ops, checked.bundle.proofs);
  return true;
}

/** One device's turn: maybe a person does something, maybe a sync round. */
/**
 * Once a run, whatever the seed: a registered phone's date is set a day ahead by hand
 * and it saves its profile before it hears from the server again. The server must
 * refuse that stamp (beyond its bound), so every run takes the refusal path and the
 * oracle judges a refusal it knows to be right.
 */
async function wrongDate(devices: readonly SimDevice[], violate: (m: string) => void) {
  for (const d of devices) {
    if (d.kind !== "participant" || d.participantId === null || Math.abs(d.skewMs) > 6 * HOUR) continue;
    const registered = await d.store.participant(d.participantId);
    if (!registered?.profile) continue;
    d.skewMs += 26 * HOUR;
    d.clockKnown = false;
    const ops = await d.recorder.recordAll([
      {
        type: "participant.registered",
        participantId: d.participantId,
        profile: { ...registered.profile, position: "Jabatan (tanggal ponsel salah)" },
      },
    ]);
    await checkOwnWrites(d, ops, violate);
    return;
  }
  violate("no registered phone with a right date to set a day ahead");
}

async function act(d: SimDevice, rng: Random, doSomething: boolean, sync: boolean, time: number, violate: (m: string) => void) {
  if (doSomething) {
    const drafts = d.kind === "desk" ? await deskAction(d, rng) : await participantAction(d, rng);
    if (drafts.length > 0) {
      const ops = await d.recorder.recordAll(drafts);
      await checkOwnWrites(d, ops, violate);
    }
    if (d.kind === "desk" && rng.chance(0.3)) await twoTabs(d, violate);
  }
  if (sync) {
    await d.engine.syncNow();
    noteRound(d);
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
 * Two tabs of one desk write at the same moment (a note typed in each): under the
 * device's clock lock their stamps differ, and both are held.
 */
async function twoTabs(d: SimDevice, violate: (m: string) => void) {
  const deskId = d.deskId ?? "";
  const serving = (await d.store.allTickets()).find((t) => t.holder === deskId && t.status === "serving");
  if (!serving) return;
  const note = (text: string) => [{ type: "ticket.noteAdded" as const, ticketId: serving.id, deskId, text }];
  const [a, b] = await Promise.all([d.recorder.recordAll(note("tab 1")), d.tab2.recordAll(note("tab 2"))]);
  d.twoTabWrites++;
  if (a[0]?.hlc === b[0]?.hlc) violate(`${d.name}: two tabs stamped ${a[0]?.hlc} twice`);
  await checkOwnWrites(d, [...a, ...b], violate);
}

/** A device sees its own writes at once: the operation is held and its state shows it. */
async function checkOwnWrites(d: SimDevice, ops: readonly Operation[], violate: (m: string) => void) {
  for (const op of ops) {
    const subject = subjectOf(op);
    const held = await d.store.operationsOf(subject);
    if (!held.some((h) => h.id === op.id)) {
      const rejected = (await d.store.getMeta<RejectedOp[]>("rejected")) ?? [];
      if (!rejected.some((r) => r.id === op.id))
        violate(`${d.name}: own ${op.type} ${op.id} not in its store right after writing`);
      continue;
    }
    const state = op.type.startsWith("ticket.") ? await d.store.ticket(subject) : await d.store.participant(subject);
    if (!state || state.updatedAt < op.hlc) violate(`${d.name}: state of ${subject} does not reflect own ${op.type}`);
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
    for (const [domain, n] of Object.entries(t.numbers)) {
      const key = `${t.id}:${domain}`;
      const seen = d.seenNumbers.get(key);
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
  violate: (m: string) => void,
): Promise<
  Omit<
    SimReport,
    "seed" | "crashes" | "serverRestarts" | "twoTabWrites" | "network" | "quiescencePasses" | "truth" | "relays"
  > & {
    truthTickets: TicketState[];
    truthParticipants: ParticipantState[];
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
      } else if (!there) violate(`${d.name}: ${op.type} ${op.id} never reached the server`);
      else if (stable(there) !== stable(op)) violate(`${d.name}: ${op.id} differs on the server`);
    }
  }
  for (const op of server) {
    if (op.actor.role !== "server" && !madeIds.has(op.id)) violate(`server holds ${op.id} that no device made`);
  }

  const truth = foldAll(server);
  const want = stable(truth.tickets.sort(byId));
  const wantParticipants = stable(truth.participants.sort(byId));
  for (const d of devices.filter((x) => x.kind === "desk")) {
    if (stable(await d.store.allTickets()) !== want) violate(`${d.name}: tickets differ from the server's replay`);
    if (stable(await d.store.allParticipants()) !== wantParticipants) violate(`${d.name}: profiles differ from the server's`);
  }
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
      if (publicView.get(t.id) !== stable(t)) violate(`${d.name}: public state of ${t.id} differs from other phones'`);
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
  };
}

function checkHolder(t: TicketState, violate: (m: string) => void): void {
  if (t.status === "called" || t.status === "serving") {
    if (!t.holder) violate(`ticket ${t.id} is ${t.status} without a desk`);
    else if ((t.holder.charAt(0) as DomainCode) !== t.domain) violate(`ticket ${t.id} in ${t.domain} held by desk ${t.holder}`);
  }
}
