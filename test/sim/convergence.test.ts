import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { openDexieStore } from "../../src/storage/dexie-store.ts";
import type { RecorderFaults } from "../../src/sync/recorder.ts";
import { runSimulation, type SimOptions, SimViolation, STORMY } from "./simulation.ts";

/**
 * Seeded convergence runs against the real server logic. A failure names its
 * seed; replay it alone with `SIM_SEED=<seed> npx vitest run --project unit test/sim`.
 */
const fromEnv = process.env.SIM_SEED ? [Number(process.env.SIM_SEED)] : null;
const SEEDS = fromEnv ?? [20260115, 7, 4242];
// The mid-run backup and restore (SIM_RESTORE=on) is opt-in until the restore path converges:
// it still finds product defects (docs/ARCHITECTURE.md, "Not injected by default").
// test/pg/sim.test.ts sets it off: a PostgreSQL store has no file to copy.
const restore = process.env.SIM_RESTORE === "on";

const base: Omit<SimOptions, "seed"> = {
  participants: 50,
  desks: ["K1", "K2", "S1", "P1"],
  steps: 600,
  chaos: STORMY,
  restore,
};

describe("multi-device convergence", () => {
  for (const seed of SEEDS) {
    it(`converges (seed ${seed})`, async () => {
      let report: Awaited<ReturnType<typeof runSimulation>>;
      try {
        report = await runSimulation({ ...base, seed });
      } catch (e) {
        throw new Error(`simulation failed; replay with SIM_SEED=${seed}\n${e instanceof Error ? (e.stack ?? e.message) : e}`);
      }
      console.info(`sim seed ${seed}: ${JSON.stringify(report)}`);
      expect(report.made).toBeGreaterThan(200);
      expect(report.numbers).toBeGreaterThan(50);
      expect(report.crashes).toBeGreaterThan(0);
      // forced every run (injections.ts, relays.ts), whatever the rolls
      expect(report.relays.qr).toBeGreaterThan(5);
      expect(report.relays.bundle).toBeGreaterThan(0);
      expect(report.serverRestarts).toBeGreaterThan(0);
      expect(report.twoTabWrites).toBeGreaterThan(0);
      expect(report.truth.profileEdits).toBeGreaterThan(0);
      const { injected } = report;
      expect(injected.selfErasures).toBeGreaterThan(0);
      expect(injected.organizerErasures).toBeGreaterThan(0);
      expect(injected.erased).toBeGreaterThanOrEqual(2);
      // the erasure beat a save of the profile made while it was under way
      expect(injected.editsRacingErasure).toBeGreaterThan(0);
      expect(injected.savesBeaten).toBeGreaterThan(0);
      expect(injected.reservedWalkIns).toBeGreaterThan(0);
      expect(injected.organizer.goodRounds).toBeGreaterThan(0);
      expect(injected.organizer.ops).toBeGreaterThan(0);
      if (restore) expect(injected.restores).toBeGreaterThan(0);
      // the refusal path is taken (phones a day ahead), and every refusal was expected (the oracle)
      expect(report.rejected).toBeGreaterThan(0);
      expect(report.truth.refusals.unexpected).toBeUndefined();
    });
  }
});

describe("multi-device convergence on the Dexie store", () => {
  it("converges with IndexedDB stores too (fewer devices)", async () => {
    const seed = fromEnv?.[0] ?? 99;
    const stores: { close(): void }[] = [];
    try {
      const report = await runSimulation({
        ...base,
        seed,
        participants: 8,
        steps: 250,
        makeStore: async (name) => {
          const s = await openDexieStore(`sim-${name}`, { indexedDB: new IDBFactory(), IDBKeyRange });
          stores.push(s);
          return s;
        },
      }).catch((e: unknown) => {
        throw new Error(`simulation failed; replay with SIM_SEED=${seed}\n${e instanceof Error ? (e.stack ?? e.message) : e}`);
      });
      console.info(`sim (dexie) seed ${seed}: ${JSON.stringify(report)}`);
      expect(report.made).toBeGreaterThan(50);
    } finally {
      for (const s of stores) s.close();
    }
  });
});

/**
 * The oracle must be able to fail: each mutant breaks one rule of time, and the
 * simulation (with minutes-long consultations, so that a wrong clock shows in
 * the minutes) must catch it. The same run without a mutant passes.
 */
describe("the true-time oracle catches broken clocks (mutants)", () => {
  const slow: Omit<SimOptions, "seed"> = {
    participants: 16,
    desks: ["K1", "K2", "S1"],
    // long enough that any seed closes several timed consultations (seed 20260115, the
    // PostgreSQL suite's, closed 4 in 400 steps once phones kept one open ticket per domain)
    steps: 500,
    chaos: STORMY,
    stepMs: [5_000, 90_000],
  };
  const seed = fromEnv?.[0] ?? 31;
  // The fold's mutants need call races: the busier run of the first describe. ("A transfer
  // keeps requeuedAt" needs a skip, a new call and a transfer of one ticket, which the seeded
  // runs seldom make: the rule-6 property in core/ticket-fold.test.ts catches that one.)
  const mutantSeed = fromEnv?.[0] ?? 4242;

  it("passes without a mutant", async () => {
    const report = await runSimulation({ ...slow, seed });
    console.info(`sim (slow) seed ${seed}: ${JSON.stringify(report.truth)}`);
    expect(report.truth.durationsChecked).toBeGreaterThanOrEqual(5);
    expect(report.truth.arrivalsChecked).toBeGreaterThan(20);
  });

  const offTheTruth = /measured|arrival .* off its true time/;
  const mutants: [string, RecorderFaults, RegExp][] = [
    ["receive adopts any remote wall", { adoptAnyWall: true }, offTheTruth],
    ["the recorder stamps with the raw device clock", { ignoreOffset: true }, offTheTruth],
    ["a recovered clock stamps below the device's own earlier stamps", { ignoreOwnFloor: true }, /not after its earlier/],
  ];
  // The fold's own mutants (FoldFaults: a later call takes the ticket, a transfer keeps
  // requeuedAt) are caught by the rules' property tests (src/core/ticket-fold.test.ts,
  // fair-line.test.ts), every run: a seeded simulation has a call race in only some runs,
  // so here it would catch them by luck.
  it("catches: two tabs of a device without the shared clock lock", async () => {
    const failure = await runSimulation({ ...base, seed: mutantSeed, unlockedTabs: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(SimViolation);
    expect(String(failure)).toMatch(/two tabs stamped .* twice/);
  });
  it("catches: devices that keep an erased participant's words", async () => {
    const failure = await runSimulation({ ...base, seed: mutantSeed, keepErasedWords: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(SimViolation);
    expect(String(failure)).toMatch(/holds an erased participant's words/);
  });
  for (const [name, faults, caughtBy] of mutants) {
    it(`catches: ${name}`, async () => {
      const failure = await runSimulation({ ...slow, seed, faults }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(SimViolation);
      // caught by the rule it breaks, not by something else
      expect(String(failure)).toMatch(caughtBy);
    });
  }
});
