import { useEffect, useMemo, useState } from "preact/hooks";
import type { Operation } from "../../core/operation.ts";
import { useMessages } from "../i18n/define.ts";
import { panels } from "./panel-messages.ts";
import { encodeTicketQr } from "./ticket-qr.ts";

/** What the code carries (see ticket-qr.ts): the ticket's operations and the participant's latest registration. */
export interface TicketQrSource {
  eventId: string;
  ticketOps: readonly Operation[];
  profileOp: Operation | undefined;
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
export function TicketQr({ eventId, ticketOps, profileOp, number }: TicketQrSource & { number: string }) {
  const m = useMessages(panels);
  const payload = useMemo(() => encodeTicketQr(eventId, ticketOps, profileOp), [eventId, ticketOps, profileOp]);
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
  if (!payload) return <p class="notice warn">{m.qrTooBig}</p>;
  if (!matrix) return <p class="muted">…</p>;
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
