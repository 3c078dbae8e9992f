import { useEffect, useRef, useState } from "preact/hooks";
import { displayNumber, foldTicket } from "../../core/ticket-fold.ts";
import type { LocalStore } from "../../storage/contract.ts";
import { useMessages } from "../i18n/define.ts";
import { decodeTicketQr } from "../participant/ticket-qr.ts";
import { FileField } from "../ui/FileField.tsx";
import { deskMessages } from "./messages.ts";
import { DECODE_SCALES, decodeFromFile, decodeFromSource } from "./qr-decode.ts";

function decodeFrame(v: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  for (const shrink of DECODE_SCALES) {
    const text = decodeFromSource(v, v.videoWidth, v.videoHeight, canvas, shrink);
    if (text !== null) return text;
  }
  return null;
}

type Result = { text: string; bad: boolean };

/**
 * Take a participant's ticket in from its QR code, with the camera or from an
 * image file: the code holds the ticket's operations, imported like any others
 * (set union), so it works with no network on either side.
 */
export function QrScan({ store, eventId }: { store: LocalStore; eventId: string }) {
  const m = useMessages(deskMessages);
  const [scanning, setScanning] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  const take = async (text: string | null): Promise<boolean> => {
    if (text === null) return false;
    const d = decodeTicketQr(text);
    if (!d.ok) {
      setResult({ text: m.scanBad(d.reason), bad: true });
      return true;
    }
    if (d.eventId !== eventId) {
      setResult({ text: m.scanForeign, bad: true });
      return true;
    }
    const added = await store.importOps(d.ops, d.proofs);
    const ticketId = d.ops.find((o) => o.type === "ticket.created");
    const state = ticketId && "ticketId" in ticketId ? foldTicket(await store.operationsOf(ticketId.ticketId)) : null;
    setResult({ text: m.scanDone(state ? displayNumber(state).text : "?", added), bad: false });
    return true;
  };

  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement("canvas");
    const loop = async () => {
      const v = video.current;
      if (stopped || !v) return;
      if (v.readyState >= 2 && (await take(decodeFrame(v, canvas)))) {
        setScanning(false);
        return;
      }
      frame = requestAnimationFrame(() => void loop());
    };
    const media = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
    if (!media?.getUserMedia) {
      setResult({ text: m.scanNoCamera, bad: true });
      setScanning(false);
      return;
    }
    media
      // A ticket's code with the profile is a dense QR (up to 1,650 bytes): at
      // 640×480 a phone held at arm's length gives under 3 pixels a module, too
      // few to read. Desk laptops' webcams do 720p; ask for it.
      .getUserMedia({ video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void loop();
      })
      .catch(() => {
        setResult({ text: m.scanNoCamera, bad: true });
        setScanning(false);
      });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [scanning]);

  return (
    <section class="card qr-scan" aria-labelledby="desk-scan-title" data-testid="desk-scan">
      <h2 id="desk-scan-title">{m.scanHeading}</h2>
      <div class="actions">
        <button type="button" class="secondary" data-testid="desk-scan-camera" onClick={() => setScanning((s) => !s)}>
          {scanning ? m.scanStop : m.scanCamera}
        </button>
      </div>
      <video ref={video} class={scanning ? "scan-video" : "scan-video hidden"} muted playsInline aria-label={m.scanVideo}>
        <track kind="captions" />
      </video>
      <FileField
        id="desk-scan-file"
        label={m.scanFile}
        testId="desk-scan-file"
        accept="image/*"
        onFile={async (file) => {
          try {
            if (!(await take(await decodeFromFile(file)))) setResult({ text: m.scanNotFound, bad: true });
          } catch (err) {
            setResult({ text: m.scanBad(err instanceof Error ? err.message : String(err)), bad: true });
          }
        }}
      />
      {result && (
        <p class={result.bad ? "notice bad" : "notice ok"} role="status" data-testid="desk-scan-result">
          {result.text}
        </p>
      )}
    </section>
  );
}
