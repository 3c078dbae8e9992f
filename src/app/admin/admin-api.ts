import type {
  AdminEventResponse,
  CodesResponse,
  DevicesResponse,
  EventDraft,
  EventPatch,
  EventsResponse,
  PurgeResponse,
  RotateRequest,
} from "../../core/admin-protocol.ts";
import type { LoketEvent } from "../../core/event.ts";
import { API, type ErrorResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../core/protocol.ts";
import { BASE_URL } from "../connection.ts";

/**
 * The organizer's server calls (src/server/routes/admin.ts). They need the
 * network: unlike the overview and the report, setting up an event, rotating
 * codes and purging are decided by the server. A failure is an AdminApiError
 * whose message is the server's own words, or `offline`.
 */
/** A failed admin request in words for the organizer: no network, or what the server said. */
export function adminErrorWords(err: unknown, words: { offline: string; failed: (why: string) => string }): string {
  if (err instanceof AdminApiError && err.code === "offline") return words.offline;
  return words.failed(err instanceof Error ? err.message : String(err));
}

export class AdminApiError extends Error {
  constructor(
    readonly code: ErrorResponse["error"] | "offline" | "badResponse",
    message: string,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

type Fetch = typeof fetch;

async function call<T>(token: string, method: string, path: string, body?: unknown, doFetch?: Fetch): Promise<T> {
  let res: Response;
  try {
    res = await (doFetch ?? globalThis.fetch)(`${BASE_URL}${path}`, {
      method,
      headers: {
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new AdminApiError("offline", e instanceof Error ? e.message : String(e));
  }
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = json as Partial<ErrorResponse> | null;
    throw new AdminApiError(err?.error ?? "badResponse", err?.message ?? `${res.status} ${res.statusText}`);
  }
  if (json === null) throw new AdminApiError("badResponse", `unreadable answer to ${path}`);
  return json as T;
}

export function adminApi(token: string, doFetch?: Fetch) {
  return {
    listEvents: () => call<EventsResponse>(token, "GET", API.adminEvents, undefined, doFetch),
    createEvent: (draft: EventDraft) => call<AdminEventResponse>(token, "POST", API.adminEvents, draft, doFetch),
    ownEvent: () => call<AdminEventResponse>(token, "GET", API.adminEvent, undefined, doFetch),
    editEvent: (patch: EventPatch) => call<AdminEventResponse>(token, "PATCH", API.adminEvent, patch, doFetch),
    rotate: (req: RotateRequest) => call<CodesResponse>(token, "POST", API.adminRotate, req, doFetch),
    devices: () => call<DevicesResponse>(token, "GET", API.adminDevices, undefined, doFetch),
    purge: (eventId: LoketEvent["id"]) => call<PurgeResponse>(token, "POST", API.adminPurge, { confirm: eventId }, doFetch),
  };
}
export type AdminApi = ReturnType<typeof adminApi>;
