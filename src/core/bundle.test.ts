import { describe, expect, it } from "vitest";
import { bundleFileName, canonicalJson, checkBundle, makeBundle, serializeBundle } from "./bundle.ts";
import { foldAll } from "./fold-all.ts";
import { FIXTURE_EVENT, opFactory } from "./op-fixtures.ts";
import type { Operation } from "./operation.ts";

function dayLog() {
  const f = opFactory();
  f.participant("p1", { name: 'Ni Luh, "Ayu"', regionId: "51-kota-denpasar" }, 0);
  f.ticket("t1", "K", 1, { pid: "p1" });
  f.ticket("t2", "K", 2);
  f.call("t1", "K1", 3);
  f.start("t1", "K1", 4);
  f.note("t1", "K1", "catatan", 5);
  f.close("t1", "K1", 20, { kind: "answered", topic: "SOTK", advice: "Saran" });
  return f.ops;
}

const make = (ops: readonly Operation[]) =>
  makeBundle({ eventId: FIXTURE_EVENT, deviceId: "DEVK1000", createdAt: "2016-01-15T10:00:00.000Z", ops });

/** A set-union store: what importOps does, in memory. */
function union(held: Map<string, Operation>, ops: readonly Operation[]): number {
  let added = 0;
  for (const op of ops) {
    if (held.has(op.id)) continue;
    held.set(op.id, op);
    added++;
  }
  return added;
}

describe("log bundles", () => {
  it("carry their operations' proofs; a malformed proof, or one for no operation of the bundle, is left out", () => {
    const ops = dayLog();
    const [a, b, c] = ops;
    if (!a || !b || !c) throw new Error("the day has operations");
    const good = { publicKey: "A".repeat(122), signature: "B".repeat(86) };
    const text = serializeBundle(
      makeBundle({
        eventId: FIXTURE_EVENT,
        deviceId: "DEVK1000",
        createdAt: "2016-01-15T10:00:00.000Z",
        ops,
        proofs: { [a.id]: good, [b.id]: { ...good, signature: "short" }, NOTANOPERATION01: good },
      }),
    );
    // a proof altered in the file after export: the operations still import, the server judges the proof
    const edited = JSON.parse(text) as { proofs: Record<string, unknown> };
    edited.proofs[c.id] = { publicKey: good.publicKey, signature: good.signature, extra: 1 };
    const r = checkBundle(JSON.stringify(edited), FIXTURE_EVENT);
    expect(r.ok && r.bundle.proofs).toEqual({ [a.id]: good });
    expect(r.ok && r.bundle.ops.length).toBe(ops.length);
    // no proofs at all: a bundle of an older app
    const old = checkBundle(serializeBundle(make(ops)), FIXTURE_EVENT);
    expect(old.ok && old.bundle.proofs).toBeUndefined();
  });

  it("round-trips: export, check, import; a second import changes nothing", () => {
    const ops = dayLog();
    const text = serializeBundle(make([...ops].reverse()));
    const r = checkBundle(text, FIXTURE_EVENT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bundle.count).toBe(ops.length);
    const held = new Map<string, Operation>();
    expect(union(held, r.bundle.ops)).toBe(ops.length);
    const before = foldAll([...held.values()]);
    expect(union(held, r.bundle.ops)).toBe(0);
    expect(foldAll([...held.values()])).toEqual(before);
  });

  it("makes the same digest whatever the order and duplicates of the log", () => {
    const ops = dayLog();
    expect(make(ops).digest).toBe(make([...ops, ...ops].reverse()).digest);
    expect(make(ops).count).toBe(ops.length);
  });

  it("refuses a foreign bundle", () => {
    const r = checkBundle(serializeBundle(make(dayLog())), "another-event");
    expect(r).toEqual({ ok: false, error: { code: "foreignEvent", eventId: FIXTURE_EVENT } });
  });

  it("refuses a truncated file", () => {
    const text = serializeBundle(make(dayLog()));
    expect(checkBundle(text.slice(0, text.length - 40), FIXTURE_EVENT)).toEqual({ ok: false, error: { code: "notJson" } });
    const parsed = JSON.parse(text);
    parsed.ops.pop(); // a well-formed file missing its last operation
    expect(checkBundle(JSON.stringify(parsed), FIXTURE_EVENT)).toMatchObject({ ok: false, error: { code: "count" } });
    parsed.count--; // and even with the count fixed, the digest gives it away
    expect(checkBundle(JSON.stringify(parsed), FIXTURE_EVENT)).toEqual({ ok: false, error: { code: "digest" } });
  });

  it("refuses a corrupt bundle: a changed note, an invalid operation, a wrong version", () => {
    const text = serializeBundle(make(dayLog()));
    expect(checkBundle(text.replace("catatan", "catatam"), FIXTURE_EVENT)).toEqual({ ok: false, error: { code: "digest" } });
    const parsed = JSON.parse(text);
    parsed.ops[0].hlc = "yesterday";
    expect(checkBundle(JSON.stringify(parsed), FIXTURE_EVENT)).toMatchObject({
      ok: false,
      error: { code: "invalidOp", index: 0 },
    });
    expect(checkBundle(JSON.stringify({ ...JSON.parse(text), version: 2 }), FIXTURE_EVENT)).toEqual({
      ok: false,
      error: { code: "version", version: 2 },
    });
    expect(checkBundle("[1,2]", FIXTURE_EVENT)).toEqual({ ok: false, error: { code: "notBundle" } });
  });

  it("refuses an operation of another event smuggled into a bundle", () => {
    const ops = dayLog();
    const first = ops[0] as Operation;
    const b = make(ops);
    const tampered = { ...b, ops: [{ ...first, eventId: "other-event" }, ...b.ops.slice(1)] };
    expect(checkBundle(JSON.stringify(tampered), FIXTURE_EVENT)).toEqual({
      ok: false,
      error: { code: "opOfOtherEvent", index: 0 },
    });
  });

  it("serialises canonically and names files readably", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(bundleFileName({ eventId: "e-1", deviceId: "DEV", createdAt: "2016-01-15T10:00:00.000Z" }, "K1")).toBe(
      "loket-e-1-K1-2016-01-15T10-00-00-000.json",
    );
  });
});
