import type { LoketEvent } from "../core/event.ts";
import {
  API,
  type AuthResponse,
  type EventResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type SignInRequest,
} from "../core/protocol.ts";
import { deviceKeyFor, keyScope } from "../sync/device-key.ts";
import { createSyncEngine, type SyncEngine } from "../sync/engine.ts";
import { createRecorder, type Recorder } from "../sync/recorder.ts";
import { currentSession, SignInError, signIn, tokenFrom } from "../sync/session.ts";
import type { Device } from "./device.ts";

/**
 * A signed-in device: its session, the recorder that makes its operations and
 * the sync engine that carries them. One per page, made when a surface has a
 * session and kept while the token stays the same.
 *
 * The server is the page's own origin (the sync server serves the app).
 */
export const BASE_URL = "";

export interface Connection {
  readonly device: Device;
  readonly session: AuthResponse;
  readonly recorder: Recorder;
  readonly engine: SyncEngine;
}

let current: Connection | null = null;

export function connect(device: Device, session: AuthResponse): Connection {
  if (current && current.session.token === session.token && current.device === device) return current;
  current?.engine.stop();
  // The session's device id is the key of its role scope (sync/device-key.ts),
  // which on a desk's laptop is not the participant key's `device.deviceId`.
  const actor = {
    deviceId: session.deviceId,
    role: session.role,
    ...(session.deskId ? { deskId: session.deskId } : {}),
    ...(session.participantId ? { participantId: session.participantId } : {}),
  };
  // The key the session signed in with signs every operation (relay, sync/recorder.ts).
  const key = deviceKeyFor(device.store, keyScope(session.role, session.deskId)).catch(() => null);
  const recorder = createRecorder(device.store, { eventId: session.eventId, actor, clockNode: device.clockNode, key });
  const engine = createSyncEngine({ store: device.store, recorder, baseUrl: BASE_URL, getToken: tokenFrom(device.store) });
  engine.start();
  current = { device, session, recorder, engine };
  return current;
}

export { currentSession, SignInError };

/** Exchange a code for a session (stored in the device's meta "session"), signed with the device's key for the role. */
export function join(device: Device, req: SignInRequest): Promise<AuthResponse> {
  return signIn(device.store, BASE_URL, req);
}

const eventKey = (id: string) => `event:${id}`;

/** The event as last fetched, from the device (works offline). */
export function cachedEvent(device: Device, eventId: string): Promise<LoketEvent | undefined> {
  return device.store.getMeta<LoketEvent>(eventKey(eventId));
}

/** Fetch the event and keep it on the device; resolves undefined when offline or refused. */
export async function refreshEvent(device: Device, session: AuthResponse): Promise<LoketEvent | undefined> {
  try {
    const res = await fetch(`${BASE_URL}${API.event}`, {
      headers: { authorization: `Bearer ${session.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
    if (!res.ok) return undefined;
    const body = (await res.json()) as EventResponse;
    if (!body?.event || body.event.id !== session.eventId) return undefined;
    await device.store.setMeta(eventKey(session.eventId), body.event);
    return body.event;
  } catch {
    return undefined;
  }
}
