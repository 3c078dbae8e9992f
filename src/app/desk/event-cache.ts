import type { LoketEvent } from "../../core/event.ts";
import { API, type EventResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from "../../core/protocol.ts";
import type { LocalStore } from "../../storage/contract.ts";

/**
 * The event record (domains, tables, regions, SKM elements), fetched when the
 * server is reachable and kept in the device store so that desk and organizer
 * screens work offline. Shared by the desk and the organizer surfaces.
 */
const EVENT_KEY = "eventRecord";

export async function cachedEvent(store: LocalStore, eventId: string): Promise<LoketEvent | null> {
  const e = await store.getMeta<LoketEvent>(EVENT_KEY);
  return e && e.id === eventId ? e : null;
}

export async function refreshEvent(store: LocalStore, token: string): Promise<LoketEvent | null> {
  try {
    const res = await fetch(API.event, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
    if (!res.ok) return null;
    const body = (await res.json()) as EventResponse;
    await store.setMeta(EVENT_KEY, body.event);
    return body.event;
  } catch {
    return null; // offline: the cached record stands
  }
}
