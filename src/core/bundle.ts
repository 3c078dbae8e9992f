import * as v from "valibot";
import { compareOps, type Operation, parseOperation } from "./operation.ts";
import { type RelayProof, RelayProofSchema } from "./protocol.ts";
import { sha256Hex } from "./sha256.ts";

/**
 * Offline log bundles: a device that never got online hands its whole
 * operation log over as a file, and the organizer's laptop imports it. Importing
 * is the same set union as sync, so a bundle imported twice changes nothing.
 *
 * A bundle is checked before anything is written: its format and version, that
 * it belongs to the current event, and that its count and digest match its
 * operations (a truncated or corrupted file is refused), then every operation
 * with the wire validator. Any failure refuses the whole bundle.
 *
 * Relay (issue 11): `proofs` holds, by operation id, its author's public key
 * and signature (core/op-signature.ts), so that the importing device can
 * carry the operations to the server as their authors' (server/relay.ts):
 * the desk's own, and a participant's it took in by QR. The digest does not
 * cover them: a proof is checked by the server, and one that is malformed is
 * left out here (its operation is then refused by the server, visibly) rather
 * than refusing the good operations with it. Optional, so version 1 stands:
 * older bundles import as before, and older apps ignore the field.
 */
export const BUNDLE_FORMAT = "loket-bundle";
export const BUNDLE_VERSION = 1;

export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly eventId: string;
  readonly deviceId: string;
  /** ISO instant */
  readonly createdAt: string;
  readonly count: number;
  readonly ops: readonly Operation[];
  /** SHA-256 (hex) of `canonicalOps(ops)` */
  readonly digest: string;
  /** operation id → its author's proof, for the operations that have one */
  readonly proofs?: Readonly<Record<string, RelayProof>>;
}

export type BundleError =
  | { readonly code: "notJson" }
  | { readonly code: "notBundle" }
  | { readonly code: "version"; readonly version: unknown }
  | { readonly code: "foreignEvent"; readonly eventId: string }
  | { readonly code: "count"; readonly expected: number; readonly actual: number }
  | { readonly code: "digest" }
  | { readonly code: "invalidOp"; readonly index: number; readonly reason: string }
  | { readonly code: "opOfOtherEvent"; readonly index: number };

export type BundleCheck = { readonly ok: true; readonly bundle: Bundle } | { readonly ok: false; readonly error: BundleError };

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The digest input: operations in their total order, each in canonical JSON. */
export function canonicalOps(ops: readonly Operation[]): string {
  return canonicalJson([...ops].sort(compareOps));
}

export function makeBundle(input: {
  eventId: string;
  deviceId: string;
  createdAt: string;
  ops: readonly Operation[];
  proofs?: Readonly<Record<string, RelayProof>>;
}): Bundle {
  const byId = new Map<string, Operation>();
  for (const op of input.ops) if (op.eventId === input.eventId && !byId.has(op.id)) byId.set(op.id, op);
  const ops = [...byId.values()].sort(compareOps);
  const proofs = keptProofs(input.proofs, byId);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    eventId: input.eventId,
    deviceId: input.deviceId,
    createdAt: input.createdAt,
    count: ops.length,
    ops,
    digest: sha256Hex(canonicalOps(ops)),
    ...(proofs ? { proofs } : {}),
  };
}

/** The well-formed proofs of operations in `held`, or undefined when none is left. */
function keptProofs(raw: unknown, held: ReadonlyMap<string, unknown>): Record<string, RelayProof> | undefined {
  if (!isRecord(raw)) return undefined;
  const out: Record<string, RelayProof> = {};
  for (const [id, candidate] of Object.entries(raw)) {
    const parsed = v.safeParse(RelayProofSchema, candidate);
    if (held.has(id) && parsed.success) out[id] = parsed.output;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function serializeBundle(b: Bundle): string {
  return JSON.stringify(b);
}

/** A file name that sorts by time and says whose log it is. */
export function bundleFileName(b: Pick<Bundle, "eventId" | "deviceId" | "createdAt">, label = b.deviceId): string {
  const stamp = b.createdAt.replace(/[:.]/g, "-").replace(/Z$/, "");
  return `loket-${b.eventId}-${label.replace(/[^A-Za-z0-9-]/g, "")}-${stamp}.json`;
}

/** Check a bundle's text for the current event; the operations are returned only if all of it holds. */
export function checkBundle(text: string, currentEventId: string): BundleCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail({ code: "notJson" });
  }
  if (!isRecord(raw) || raw.format !== BUNDLE_FORMAT || !Array.isArray(raw.ops)) return fail({ code: "notBundle" });
  if (raw.version !== BUNDLE_VERSION) return fail({ code: "version", version: raw.version });
  if (typeof raw.eventId !== "string" || typeof raw.deviceId !== "string" || typeof raw.createdAt !== "string") {
    return fail({ code: "notBundle" });
  }
  if (raw.eventId !== currentEventId) return fail({ code: "foreignEvent", eventId: raw.eventId });
  if (raw.count !== raw.ops.length) {
    return fail({ code: "count", expected: typeof raw.count === "number" ? raw.count : -1, actual: raw.ops.length });
  }
  const ops: Operation[] = [];
  for (const [index, candidate] of raw.ops.entries()) {
    const r = parseOperation(candidate);
    if (!r.ok) return fail({ code: "invalidOp", index, reason: r.reason });
    if (r.op.eventId !== currentEventId) return fail({ code: "opOfOtherEvent", index });
    ops.push(r.op);
  }
  // The digest is computed over the operations as written in the file, so that
  // any change to a byte of meaning is caught, including one the validator would
  // have normalised (trimmed text).
  if (typeof raw.digest !== "string" || sha256Hex(canonicalOps(raw.ops as Operation[])) !== raw.digest) {
    return fail({ code: "digest" });
  }
  const proofs = keptProofs(raw.proofs, new Map(ops.map((op) => [op.id, op])));
  return {
    ok: true,
    bundle: {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      eventId: raw.eventId,
      deviceId: raw.deviceId,
      createdAt: raw.createdAt,
      count: ops.length,
      ops,
      digest: raw.digest,
      ...(proofs ? { proofs } : {}),
    },
  };
}

function fail(error: BundleError): BundleCheck {
  return { ok: false, error };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
