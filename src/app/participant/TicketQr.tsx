import { useEffect, useMemo, useState } from "preact/hooks";
import type { LocalStore } from "../../storage/contract.ts";
import { useLive } from "../hooks.ts";
import { useMessages } from "../i18n/define.ts";
import { panels } from "./panel-messages.ts";
import { encodeTicketQr } from "./ticket-qr.ts";

/** Where the code's content comes from (see ticket-qr.ts): the ticket's operations and the participant's latest registration. */
export interface TicketQrSource {
  store: Pick<LocalStore, "operationsOf" | "proofsOf">;
  eventId: string;
  ticketId: string;
  participantId: string;
}

interface Matrix {
  size: number;
  path: string;
}

/** UTF-8 bytes as a "binary string": the generator's byte mode takes one char per byte. */
function utf8Binary(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) out += String.fromCharCode(b);
  return out;
}

/**
 * The QR code drawn as one SVG path in Preact (no innerHTML). This module and
 * the generator are loaded only when a code is first shown (TicketScreen), so
 * they stay out of the first visit.
 */
export function TicketQr({ store, eventId, ticketId, participantId, number }: TicketQrSource & { number: string }) {
  const m = useMessages(panels);
  const ops = useLive(async () => {
    const ticket = await store.operationsOf(ticketId);
    const me = await store.operationsOf(participantId);
    const registered = [...me].reverse().find((o) => o.type === "participant.registered");
    const all = registered ? [...ticket, registered] : ticket;
    // the phone's signatures go along, so that the desk can carry them to the server (relay)
    return { ticket, registered, proofs: await store.proofsOf(all.map((o) => o.id)) };
  }, [store, ticketId, participantId]);
  // undefined while reading, null when even the ticket does not fit
  const payload = useMemo(() => {
    if (!ops) return undefined;
    return encodeTicketQr(eventId, ops.ticket, ops.registered, ops.proofs);
  }, [eventId, ops]);
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  useEffect(() => {
    if (!payload) return;
    let live = true;
    void import("qrcode-generator").then(({ default: qrcode }) => {
      const qr = qrcode(0, "L");
      qr.addData(utf8Binary(payload), "Byte");
      qr.make();
      const size = qr.getModuleCount();
      let path = "";
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) if (qr.isDark(r, c)) path += `M${c} ${r}h1v1h-1z`;
      }
      if (live) setMatrix({ size, path });
    });
    return () => {
      live = false;
    };
  }, [payload]);
  if (payload === null) return <p class="notice warn">{m.qrTooBig}</p>;
  if (!payload || !matrix) return <p class="muted">…</p>;
  const quiet = 4;
  const box = matrix.size + quiet * 2;
  return (
    <figure class="ticket-qr" data-testid="ticket-qr">
      <svg
        viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
        role="img"
        shape-rendering="crispEdges"
        data-payload-length={payload.length}
      >
        <title>{m.qrAlt(number)}</title>
        <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
        <path d={matrix.path} fill="#000" />
      </svg>
      <figcaption class="muted">{m.qrHelp}</figcaption>
    </figure>
  );
}
