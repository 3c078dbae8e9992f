/**
 * The ticket QR payload before and after relay signing (issue 11): bytes and
 * QR version (level L, byte mode, as app/participant/TicketQr.tsx draws it),
 * for a ticket with the participant's profile as the e2e specs register it.
 *
 *   npx tsx bench/qr-payload.ts
 */
import qrcode from "qrcode-generator";
import { participant } from "../src/app/participant/messages.ts";
import { encodeTicketQr, QR_PROFILE_MAX_BYTES } from "../src/app/participant/ticket-qr.ts";
import { toBase64url } from "../src/core/device-identity.ts";
import { encodeHlc } from "../src/core/hlc.ts";
import { newId } from "../src/core/ids.ts";
import { operationMessage } from "../src/core/op-signature.ts";
import type { Operation } from "../src/core/operation.ts";
import { createDeviceKey } from "../src/sync/device-key.ts";

const eventId = "denpasar-2026";
const key = await createDeviceKey();
const participantId = newId();
const actor = { deviceId: key.deviceId, role: "participant" as const, participantId };
let wall = Date.UTC(2026, 0, 15, 2, 0, 0);
const hlc = () => encodeHlc({ wall: wall++, counter: 0, node: newId() });

const profile: Operation = {
  id: newId(),
  eventId,
  hlc: hlc(),
  actor,
  type: "participant.registered",
  participantId,
  profile: {
    name: "I Made Sudarsana",
    position: "Kepala Bagian Organisasi",
    institution: "Sekretariat Daerah Kabupaten Badung",
    regionId: "51-kabupaten-badung",
    phone: "+62 812 3456 7890",
    consent: { given: true, noticeVersion: "2026-1", purpose: participant.id.consentPurpose, at: new Date(wall).toISOString() },
  },
};
const created: Operation = {
  id: newId(),
  eventId,
  hlc: hlc(),
  actor,
  type: "ticket.created",
  ticketId: newId(),
  domain: "K",
  participantId,
  question: {
    topic: "Penyederhanaan struktur organisasi",
    text: "Bagaimana tahapan penyetaraan jabatan administrasi ke jabatan fungsional di perangkat daerah kami?",
  },
  priority: false,
};

const proofs = Object.fromEntries(
  await Promise.all(
    [created, profile].map(async (op) => [
      op.id,
      { publicKey: key.publicKey, signature: toBase64url(await key.sign(operationMessage(op))) },
    ]),
  ),
);

/** what main encoded before: `LOKET1:` + {e, o} with every op's actor, no signatures */
function version1(ops: Operation[]): string {
  return `LOKET1:${JSON.stringify({ e: eventId, o: ops.map(({ eventId: _e, ...rest }) => rest) })}`;
}

function qrVersion(text: string): number {
  const qr = qrcode(0, "L");
  qr.addData(unescape(encodeURIComponent(text)), "Byte");
  qr.make();
  return (qr.getModuleCount() - 17) / 4;
}

const rows: [string, string | null][] = [
  ["v1 ticket + profile, unsigned (before)", version1([created, profile])],
  ["v1 ticket alone, unsigned (before)", version1([created])],
  ["v2 ticket + profile, signed", encodeTicketQr(eventId, [created], profile, proofs)],
  ["v2 ticket alone, signed", encodeTicketQr(eventId, [created], undefined, proofs)],
  ["v2 ticket + profile, no proofs held", encodeTicketQr(eventId, [created], profile)],
];
console.log(`profile rides along up to ${QR_PROFILE_MAX_BYTES} bytes`);
for (const [label, text] of rows) {
  const bytes = text ? new TextEncoder().encode(text).length : 0;
  console.log(`${label.padEnd(42)} ${String(bytes).padStart(5)} bytes  QR version ${text ? qrVersion(text) : "-"}`);
}
if (process.argv.includes("--show")) console.log(rows[2]?.[1]);
