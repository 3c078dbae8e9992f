import { encodeHlc } from "../../src/core/hlc.ts";
import { newId } from "../../src/core/ids.ts";
import type { Actor, Operation, OpOf } from "../../src/core/operation.ts";
import type { AuthResponse, ChallengeResponse, PullResponse, PushResponse, SignInRequest } from "../../src/core/protocol.ts";
import { API } from "../../src/core/protocol.ts";
import { createDeviceKey, type DeviceKey, signInProof } from "../../src/sync/device-key.ts";
import { CODES, EVENT, protocolHeaders } from "./server-process.ts";

/** A device talking to the server over fetch, and builders of valid operations. */
export interface Device {
  /** the device's signing key: signing in again with it is the same device */
  key: DeviceKey;
  auth: AuthResponse;
  actor: Actor;
  headers: Record<string, string>;
}

type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;

export function clientFor(base: string, fetcher: Fetcher = (i, init) => fetch(i, init)) {
  const call = (path: string, init: RequestInit = {}) => fetcher(`${base}${path}`, init);

  /** A fresh sign-in challenge from the server. */
  async function challenge(): Promise<string> {
    const r = await call(API.authChallenge, { method: "POST", headers: protocolHeaders });
    if (r.status !== 200) throw new Error(`challenge failed: ${r.status} ${await r.text()}`);
    return ((await r.json()) as ChallengeResponse).challenge;
  }

  /**
   * POST /api/auth as a real device does: a fresh challenge, signed with `key`.
   * `tamper` changes the signed body before it is sent (attack tests).
   */
  async function authRaw(
    req: SignInRequest,
    key: DeviceKey,
    tamper: (body: Record<string, unknown>) => Record<string, unknown> = (b) => b,
  ): Promise<Response> {
    const c = await challenge();
    const proof = await signInProof(key, {
      challenge: c,
      eventId: req.eventId,
      role: req.role,
      deskId: req.role === "desk" ? req.deskId : undefined,
    });
    return call(API.auth, {
      method: "POST",
      headers: { ...protocolHeaders, "content-type": "application/json" },
      body: JSON.stringify(tamper({ ...req, ...proof, challenge: c })),
    });
  }

  async function signIn(role: "participant" | "organizer" | { desk: string }, key?: DeviceKey): Promise<Device> {
    const k = key ?? (await createDeviceKey());
    const req: SignInRequest =
      role === "participant"
        ? { role, eventId: EVENT, code: CODES.participantCode }
        : role === "organizer"
          ? { role, eventId: EVENT, code: CODES.organizerCode }
          : {
              role: "desk",
              eventId: EVENT,
              code: CODES.deskCodes[role.desk as keyof typeof CODES.deskCodes],
              deskId: role.desk,
            };
    const r = await authRaw(req, k);
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
    const auth = (await r.json()) as AuthResponse;
    const actor: Actor = {
      deviceId: auth.deviceId,
      role: auth.role,
      ...(auth.deskId ? { deskId: auth.deskId } : {}),
      ...(auth.participantId ? { participantId: auth.participantId } : {}),
    };
    return { key: k, auth, actor, headers: { ...protocolHeaders, authorization: `Bearer ${auth.token}` } };
  }

  async function pushRaw(d: Device, body: unknown): Promise<Response> {
    return call(API.push, {
      method: "POST",
      headers: { ...d.headers, "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  async function push(d: Device, ops: unknown[]): Promise<PushResponse> {
    const r = await pushRaw(d, { ops });
    if (r.status !== 200) throw new Error(`push failed: ${r.status} ${await r.text()}`);
    return (await r.json()) as PushResponse;
  }

  async function pullPage(d: Device, after = 0, limit?: number): Promise<{ res: PullResponse; text: string }> {
    const r = await call(`${API.pull}?after=${after}${limit ? `&limit=${limit}` : ""}`, { headers: d.headers });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`pull failed: ${r.status} ${text}`);
    return { res: JSON.parse(text) as PullResponse, text };
  }

  async function pullAll(d: Device, limit?: number): Promise<{ ops: { seq: number; op: Operation }[]; text: string }> {
    let after = 0;
    const ops: { seq: number; op: Operation }[] = [];
    let text = "";
    for (;;) {
      const page = await pullPage(d, after, limit);
      ops.push(...page.res.ops);
      text += page.text;
      after = page.res.cursor;
      if (!page.res.more) return { ops, text };
    }
  }

  return { call, challenge, authRaw, signIn, push, pushRaw, pullPage, pullAll };
}

let counter = 0;
/** A clock stamp at wall time `at` for a device. */
export function stamp(d: Device, at = Date.now()): string {
  counter = (counter + 1) % 1000;
  return encodeHlc({ wall: at, counter, node: d.actor.deviceId });
}

function base(d: Device) {
  return { id: newId(), eventId: EVENT, hlc: stamp(d), actor: d.actor };
}

export const ops = {
  created(d: Device, domain: "K" | "S" | "A" | "P" = "K", extra: Partial<OpOf<"ticket.created">> = {}): OpOf<"ticket.created"> {
    return {
      ...base(d),
      type: "ticket.created",
      ticketId: newId(),
      domain,
      participantId: d.actor.participantId ?? null,
      question: { topic: "SAKIP", text: "Bagaimana menyusun indikator kinerja utama?" },
      priority: false,
      ...extra,
    };
  },
  called(d: Device, ticketId: string, deskId = d.actor.deskId ?? "K1"): OpOf<"ticket.called"> {
    return { ...base(d), type: "ticket.called", ticketId, deskId };
  },
  noteAdded(d: Device, ticketId: string, text: string, deskId = d.actor.deskId ?? "K1"): OpOf<"ticket.noteAdded"> {
    return { ...base(d), type: "ticket.noteAdded", ticketId, deskId, text };
  },
  edited(d: Device, ticketId: string, text = "Pertanyaan yang diubah"): OpOf<"ticket.questionEdited"> {
    return { ...base(d), type: "ticket.questionEdited", ticketId, question: { topic: "SAKIP", text } };
  },
  cancelled(d: Device, ticketId: string): OpOf<"ticket.cancelled"> {
    return { ...base(d), type: "ticket.cancelled", ticketId };
  },
  transferred(
    d: Device,
    ticketId: string,
    toDomain: "K" | "S" | "A" | "P",
    deskId = d.actor.deskId ?? "K1",
  ): OpOf<"ticket.transferred"> {
    return { ...base(d), type: "ticket.transferred", ticketId, deskId, toDomain };
  },
  closed(d: Device, ticketId: string, deskId = d.actor.deskId ?? "K1"): OpOf<"ticket.closed"> {
    return {
      ...base(d),
      type: "ticket.closed",
      ticketId,
      deskId,
      outcome: { kind: "answered", topic: "SAKIP", advice: "Gunakan pohon kinerja." },
    };
  },
  registered(
    d: Device,
    participantId = d.actor.participantId ?? newId(),
    name = "Ni Luh Putu Ayu",
  ): OpOf<"participant.registered"> {
    return {
      ...base(d),
      type: "participant.registered",
      participantId,
      profile: {
        name,
        position: "Kabag Organisasi",
        institution: "Sekretariat Daerah Kabupaten Badung",
        regionId: "51-kabupaten-badung",
        phone: "+62 812 3456 7890",
        consent: { given: true, noticeVersion: "2026-1", purpose: "antrean klinik", at: new Date().toISOString() },
      },
    };
  },
};
