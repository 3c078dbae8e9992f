import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Operation } from "./operation.ts";
import { waitingLine } from "./queue.ts";
import { ANSWERED, at, byParticipant, created, desk, EVENT, nextId, PARTICIPANT, TICKET } from "./testing/ops.ts";
import { ticketState } from "./testing/tickets.ts";
import { displayNumber, type FoldFaults, foldTicket, setFoldFaults, type TicketState } from "./ticket-fold.ts";

function fold(ops: readonly Operation[]): TicketState {
  const s = foldTicket(ops);
  if (!s) throw new Error("empty fold");
  return s;
}

// ---- a generator of whole ticket histories, made apart on several devices ----

const DESKS = ["K1", "K2", "S1"] as const;
const opArb: fc.Arbitrary<(t: number) => Operation> = fc.oneof(
  fc.constantFrom(...DESKS).map((d) => (t: number) => desk(t, d, "ticket.called")),
  fc.constantFrom(...DESKS).map((d) => (t: number) => desk(t, d, "ticket.recalled")),
  fc.constantFrom(...DESKS).map((d) => (t: number) => desk(t, d, "ticket.started")),
  fc.tuple(fc.constantFrom(...DESKS), fc.string({ minLength: 1, maxLength: 8 })).map(
    ([d, text]) =>
      (t: number) =>
        desk(t, d, "ticket.noteAdded", { text }),
  ),
  fc.tuple(fc.constantFrom(...DESKS), fc.constantFrom("K" as const, "S" as const, "A" as const)).map(
    ([d, toDomain]) =>
      (t: number) =>
        desk(t, d, "ticket.transferred", { toDomain }),
  ),
  fc.tuple(fc.constantFrom(...DESKS), fc.boolean()).map(
    ([d, requeue]) =>
      (t: number) =>
        desk(t, d, "ticket.skipped", { requeue }),
  ),
  fc.constantFrom(...DESKS).map((d) => (t: number) => desk(t, d, "ticket.closed", { outcome: ANSWERED })),
  fc.constant((t: number) => byParticipant(t, "ticket.cancelled")),
  fc
    .string({ minLength: 1, maxLength: 8 })
    .map((topic) => (t: number) => byParticipant(t, "ticket.questionEdited", { question: { topic, text: "diubah" } })),
  fc
    .integer({ min: 1, max: 4 })
    .map((score) => (t: number) => byParticipant(t, "ticket.rated", { scores: { "1": score, "6": score } })),
);

/** A history: creation, then operations at distinct or equal seconds (ties broken by node and id). */
const historyArb = fc
  .array(fc.tuple(opArb, fc.integer({ min: 1, max: 60 })), { maxLength: 25 })
  .map((steps) => [created(0), ...steps.map(([make, t]) => make(t))]);

describe("foldTicket: order and duplication invariance", () => {
  it("gives the same state for any order and any duplication of the same operations", () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.nat(), { maxLength: 10 }), fc.integer(), (ops, dupIdx, seed) => {
        const reference = fold(ops);
        const dups = dupIdx.map((i) => ops[i % ops.length] as Operation);
        const permuted = fc.sample(fc.shuffledSubarray([...ops, ...dups], { minLength: ops.length + dups.length }), {
          seed,
          numRuns: 1,
        })[0] as Operation[];
        expect(fold(permuted)).toEqual(reference);
      }),
      { numRuns: 500 },
    );
  });

  it("never leaves a ticket with a holder unless it is called, serving or done", () => {
    fc.assert(
      fc.property(historyArb, (ops) => {
        const s = fold(ops);
        if (s.status === "waiting" || s.status === "noShow" || s.status === "cancelled") expect(s.holder).toBeNull();
        else expect(s.holder).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("keeps every note: append-only, in clock order, none overwritten", () => {
    fc.assert(
      fc.property(historyArb, (ops) => {
        const s = fold(ops);
        const noteOps = ops.filter((o) => o.type === "ticket.noteAdded");
        expect(s.notes.map((n) => n.id).sort()).toEqual(noteOps.map((o) => o.id).sort());
        const stamps = s.notes.map((n) => n.hlc);
        expect(stamps).toEqual([...stamps].sort());
      }),
      { numRuns: 300 },
    );
  });
});

/** Rule 1 as a property: the earlier call holds, whatever the stamps. */
function earlierCallHolds(): void {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (t1, t2) => {
      const c1 = desk(t1, "K1", "ticket.called");
      const c2 = desk(t2, "K2", "ticket.called");
      const s = fold([created(0), c1, c2]);
      const first = c1.hlc < c2.hlc ? c1 : c2;
      const second = first === c1 ? c2 : c1;
      expect(s.status).toBe("called");
      expect(s.holder).toBe(first.deskId);
      expect(s.conflicts).toEqual([
        { kind: "callRace", opId: second.id, hlc: second.hlc, loser: second.deskId, winner: first.deskId },
      ]);
    }),
  );
}

/**
 * Rule 6 as a property: a transferred ticket joins the new domain's line by its
 * original arrival, whenever it was skipped in the old one, and so stands ahead
 * of those who came after it there.
 */
function transferForgetsTheSkip(): void {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 1, max: 100 }),
      (toSkip, toTransfer, later) => {
        const c = created(0);
        const skip = toSkip;
        const transfer = skip + toTransfer;
        const s = fold([
          c,
          desk(skip - 0.5, "K1", "ticket.called"),
          desk(skip, "K1", "ticket.skipped", { requeue: true }),
          desk(transfer, "K2", "ticket.transferred", { toDomain: "S" }),
        ]);
        expect(s).toMatchObject({ domain: "S", status: "waiting", requeuedAt: null, arrivedAt: c.hlc });
        const newcomer = ticketState({ id: "TXCKET0000000002", domain: "S", arrivedAt: at(Math.min(later, skip)) });
        expect(waitingLine([newcomer, s], "S").map((t) => t.id)).toEqual([s.id, newcomer.id]);
      },
    ),
  );
}

describe("merge rule: two desks call the same ticket while apart", () => {
  it("the earlier call holds; the later desk finds a callRace conflict naming the holder", () => {
    earlierCallHolds();
  });

  it("the desk the participant actually sits at takes over when it starts the consultation", () => {
    const s = fold([created(0), desk(1, "K1", "ticket.called"), desk(2, "K2", "ticket.called"), desk(3, "K2", "ticket.started")]);
    expect(s.holder).toBe("K2");
    expect(s.status).toBe("serving");
    expect(s.conflicts.map((c) => c.kind)).toEqual(["callRace", "takeover"]);
    expect(s.conflicts[1]).toMatchObject({ loser: "K1", winner: "K2" });
  });

  it("once a consultation runs at one desk, another desk's start and close are set aside but its notes are kept", () => {
    const s = fold([
      created(0),
      desk(1, "K1", "ticket.called"),
      desk(2, "K1", "ticket.started"),
      desk(3, "K2", "ticket.started"),
      desk(4, "K2", "ticket.noteAdded", { text: "catatan meja 2" }),
      desk(5, "K2", "ticket.closed", { outcome: ANSWERED }),
    ]);
    expect(s.holder).toBe("K1");
    expect(s.status).toBe("serving");
    expect(s.notes.map((n) => n.text)).toEqual(["catatan meja 2"]);
    expect(s.conflicts.map((c) => [c.kind, c.loser])).toEqual([
      ["notHolder", "K2"],
      ["notHolder", "K2"],
    ]);
  });
});

describe("merge rule: the question edited after the consultation began", () => {
  it("an edit before the start replaces the question (latest stamp wins)", () => {
    const s = fold([
      created(0),
      byParticipant(2, "ticket.questionEdited", { question: { topic: "B", text: "kedua" } }),
      byParticipant(1, "ticket.questionEdited", { question: { topic: "A", text: "pertama" } }),
      desk(5, "K1", "ticket.started"),
    ]);
    expect(s.question).toEqual({ topic: "B", text: "kedua" });
    expect(s.conflicts).toEqual([]);
  });

  it("an edit after the start is kept aside as a lateEdit conflict; the record keeps what the desk saw", () => {
    const edit = byParticipant(9, "ticket.questionEdited", { question: { topic: "Baru", text: "terlambat" } });
    const s = fold([created(0), desk(5, "K1", "ticket.called"), desk(6, "K1", "ticket.started"), edit]);
    expect(s.question?.topic).toBe("Struktur organisasi");
    expect(s.conflicts).toEqual([
      { kind: "lateEdit", opId: edit.id, hlc: edit.hlc, loser: "participant", winner: "K1", question: edit.question },
    ]);
  });
});

describe("merge rule: a cancel racing a call", () => {
  it("cancel before the call: cancelled, the call is set aside and the desk is told", () => {
    const s = fold([created(0), byParticipant(1, "ticket.cancelled"), desk(2, "K1", "ticket.called")]);
    expect(s.status).toBe("cancelled");
    expect(s.holder).toBeNull();
    expect(s.conflicts.map((c) => [c.kind, c.loser])).toEqual([["callAfterCancel", "K1"]]);
  });

  it("cancel after the call but before the start: the cancel wins, the calling desk is told", () => {
    const s = fold([created(0), desk(1, "K1", "ticket.called"), byParticipant(2, "ticket.cancelled")]);
    expect(s.status).toBe("cancelled");
    expect(s.conflicts.map((c) => [c.kind, c.loser, c.winner])).toEqual([["cancelAfterCall", "K1", "cancel"]]);
  });

  it("a consultation that started beats the cancel, whichever stamp is earlier", () => {
    for (const [tc, ts] of [
      [2, 3],
      [4, 3],
    ] as const) {
      const s = fold([
        created(0),
        desk(1, "K1", "ticket.called"),
        byParticipant(tc, "ticket.cancelled"),
        desk(ts, "K1", "ticket.started"),
      ]);
      expect(s.status).toBe("serving");
      expect(s.holder).toBe("K1");
      // cancel first: it beat the call, then the start beat the cancel; both are on record
      expect(s.conflicts.map((c) => c.kind)).toEqual(tc < ts ? ["cancelAfterCall", "cancelOverridden"] : ["cancelAfterStart"]);
    }
  });
});

describe("other rules", () => {
  it("transfer keeps the original arrival time and returns the ticket to the new domain's line", () => {
    const c = created(0);
    const s = fold([c, desk(1, "K1", "ticket.called"), desk(2, "K1", "ticket.transferred", { toDomain: "S" })]);
    expect(s).toMatchObject({ domain: "S", originalDomain: "K", status: "waiting", holder: null, arrivedAt: c.hlc });
    // the desk of the old domain can no longer act on it
    const later = fold([
      c,
      desk(1, "K1", "ticket.called"),
      desk(2, "K1", "ticket.transferred", { toDomain: "S" }),
      desk(3, "K1", "ticket.called"),
    ]);
    expect(later.conflicts.at(-1)?.kind).toBe("wrongDomain");
  });

  it("skip puts the ticket back in line behind those waiting; no-show takes it out", () => {
    const back = fold([created(0), desk(1, "K1", "ticket.called"), desk(2, "K1", "ticket.skipped", { requeue: true })]);
    expect(back).toMatchObject({ status: "waiting", holder: null, requeuedAt: at(2, "K1") });
    const out = fold([created(0), desk(1, "K1", "ticket.called"), desk(2, "K1", "ticket.skipped", { requeue: false })]);
    expect(out).toMatchObject({ status: "noShow", holder: null });
  });

  it("the first close stands; a second close is a conflict", () => {
    const other = { kind: "referred" as const, topic: "x", advice: "y", to: "BKN" };
    const s = fold([
      created(0),
      desk(1, "K1", "ticket.called"),
      desk(2, "K1", "ticket.closed", { outcome: ANSWERED }),
      desk(3, "K1", "ticket.closed", { outcome: other }),
    ]);
    expect(s.outcome).toEqual(ANSWERED);
    expect(s.conflicts.map((c) => c.kind)).toEqual(["closedTwice"]);
  });

  it("a number once given never changes, and shows instead of the provisional code", () => {
    const base = [created(0)];
    expect(displayNumber(fold(base))).toEqual({ text: `K·${TICKET.slice(-4)}`, provisional: true });
    const n1 = {
      id: nextId(),
      eventId: base[0]?.eventId ?? "",
      ticketId: TICKET,
      hlc: at(1, "SERVER"),
      actor: { deviceId: "SERVER0000000000", role: "server" as const },
      type: "ticket.numberAssigned" as const,
      domain: "K" as const,
      number: "K-007",
    };
    const n2 = { ...n1, id: nextId(), hlc: at(2, "SERVER"), number: "K-008" };
    expect(displayNumber(fold([...base, n2, n1]))).toEqual({ text: "K-007", provisional: false });
  });

  it("the participant's latest rating wins", () => {
    const s = fold([
      created(0),
      byParticipant(5, "ticket.rated", { scores: { "1": 2 } }),
      byParticipant(6, "ticket.rated", { scores: { "1": 4 }, comment: "bagus" }),
    ]);
    expect(s.rating).toEqual({ scores: { "1": 4 }, comment: "bagus", hlc: at(6, "PHONE") });
    expect(s.participantId).toBe(PARTICIPANT);
  });
});

describe("merge rules around transfers (rules 4 and 6)", () => {
  it("an edit made after the first desk began stays aside after a transfer", () => {
    const s = fold([
      created(0),
      desk(1, "K1", "ticket.called"),
      desk(2, "K1", "ticket.started"),
      desk(3, "K1", "ticket.transferred", { toDomain: "S" }),
      byParticipant(4, "ticket.questionEdited", { question: { topic: "Baru", text: "pertanyaan lain" } }),
    ]);
    expect(s.question?.topic).toBe("Struktur organisasi");
    expect(s.conflicts.map((c) => c.kind)).toEqual(["lateEdit"]);
    // the new domain's consultation is a new one: its own start
    expect(s).toMatchObject({ startedAt: null, firstStartedAt: at(2, "K1"), status: "waiting", domain: "S" });
  });

  it("a transfer puts a once-skipped ticket into the new line by its original arrival", () => {
    transferForgetsTheSkip();
  });

  it("a transfer into the ticket's own domain is set aside", () => {
    const s = fold([created(0), desk(1, "K1", "ticket.called"), desk(2, "K1", "ticket.transferred", { toDomain: "K" })]);
    expect(s).toMatchObject({ domain: "K", status: "called", holder: "K1" });
    expect(s.conflicts.map((c) => c.kind)).toEqual(["sameDomain"]);
  });
});

describe("arrival: the real time of taking the ticket", () => {
  const numbered = (t: number) => ({
    id: nextId(),
    eventId: EVENT,
    ticketId: TICKET,
    hlc: at(t, "SERVER00"),
    actor: { deviceId: "SERVER00", role: "server" as const },
    type: "ticket.numberAssigned" as const,
    domain: "K" as const,
    number: "K-007",
  });

  it("is the creation's stamp when the device knew the time, even if it reached the server hours later", () => {
    const c = created(0);
    expect(fold([c, numbered(3 * 3600)]).arrivedAt).toBe(c.hlc);
  });

  it("is the server's receipt for a creation from a device that never heard the server, or stamped after the receipt", () => {
    const slow = created(-3600, "K", { untimed: true }); // an hour slow, never synced
    expect(fold([slow]).arrivedAt).toBe(slow.hlc); // until the server has it
    const n = numbered(10);
    expect(fold([slow, n]).arrivedAt).toBe(n.hlc);
    const fast = created(4 * 3600); // four hours ahead: the server's stamp never adopted it
    const n2 = numbered(40);
    expect(fold([fast, n2]).arrivedAt).toBe(n2.hlc);
  });
});

/**
 * The rule tests must be able to fail: each mutant breaks one merge rule in the
 * fold itself (core/ticket-fold.ts FoldFaults), and the property of that rule
 * must catch it. Without the mutant the same property passes (above).
 */
describe("the merge-rule properties catch a broken fold (mutants)", () => {
  const mutants: [string, FoldFaults, () => void][] = [
    ["a later call takes the ticket", { laterCallTakes: true }, earlierCallHolds],
    ["a transfer keeps requeuedAt", { transferKeepsRequeue: true }, transferForgetsTheSkip],
  ];
  for (const [name, mutant, property] of mutants) {
    it(`catches: ${name}`, () => {
      setFoldFaults(mutant);
      try {
        expect(property).toThrow(/Property failed/);
      } finally {
        setFoldFaults({});
      }
    });
  }
});
