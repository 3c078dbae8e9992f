import type { Context } from "hono";
import * as v from "valibot";
import { describeIssues } from "../../core/operation.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads a JSON body and checks it with a shared schema; never throws. */
export async function readBody<T extends v.GenericSchema>(c: Context, schema: T): Promise<Parsed<v.InferOutput<T>>> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return { ok: false, message: "the request body could not be read" };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "the request body is not valid JSON" };
  }
  const r = v.safeParse(schema, json);
  if (!r.success) return { ok: false, message: `the request body is not what this endpoint takes: ${describeIssues(r.issues)}` };
  return { ok: true, value: r.output };
}
