import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode, ErrorResponse } from "../../core/protocol.ts";

/**
 * Every refusal is a 4xx with `{error, message}` (ErrorResponse) whose message
 * says in plain words what is wrong, and one JSON log line. Nothing else
 * changes: refusals happen before any write.
 */
export type LogLine = (line: object) => void;

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
  log({ level: status >= 500 ? "error" : "warn", status, error, message, method: c.req.method, path: c.req.path });
  const body: ErrorResponse = { error, message, ...extra };
  return c.json(body, status);
}
