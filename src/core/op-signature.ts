import { utf8 } from "./device-identity.ts";
import type { Operation } from "./operation.ts";

/**
 * What an operation's author signs so that another device can carry it to the
 * server (a QR handoff, a log bundle): a version tag and the operation as
 * canonical JSON (keys sorted at every level, no spaces), so that the bytes
 * are the same whoever encodes the operation, on the phone or the server.
 */
export function operationMessage(op: Operation): Uint8Array<ArrayBuffer> {
  return utf8(`loket-op/1\n${canonicalJson(op)}`);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
