import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode, ErrorResponse } from "../../core/protocol.ts";

/**
 * Every refusal is a 4xx with `{error, message}` (ErrorResponse) whose message
 * says in plain words what is wrong, and one JSON log line. Nothing else
 * changes: refusals happen before any write.
 */
export type LogLine = (line: object) => void;

/**
 * The longest line the server writes to its log. A refusal names the field and
 * the rule, never the value (core describeIssues), and every line is cut to
 * this length, so no input, however large, is copied into the log whole.
 */
export const MAX_LOG_LINE = 2000;

/** One log line as JSON text, at most MAX_LOG_LINE characters. */
export function logText(line: object): string {
  const text = JSON.stringify(line);
  if (text.length <= MAX_LOG_LINE) return text;
  const l = line as Record<string, unknown>;
  const short: Record<string, unknown> = { truncatedFrom: text.length };
  for (const k of ["t", "level", "status", "error", "method", "path"]) if (k in l) short[k] = l[k];
  short.message = String(l.message ?? "").slice(0, MAX_LOG_LINE / 2);
  const out = JSON.stringify(short);
  return out.length <= MAX_LOG_LINE ? out : JSON.stringify({ truncatedFrom: text.length, level: l.level ?? "warn" });
}

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  clientTooOld: 426,
  serverTooOld: 426,
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  tooLarge: 413,
  rateLimited: 429,
  internal: 500,
};

export function fail(c: Context, log: LogLine, error: ErrorCode, message: string, extra: Partial<ErrorResponse> = {}): Response {
  const status = STATUS[error];
  log({ level: status >= 500 ? "error" : "warn", status, error, message, method: c.req.method, path: c.req.path.slice(0, 200) });
  const body: ErrorResponse = { error, message, ...extra };
  return c.json(body, status);
}
