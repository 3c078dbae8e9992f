import { defineMessages } from "../i18n/define.ts";

// Bahasa Indonesia; the English half is ./messages.en.ts, loaded when chosen.
const id = {
  title: "Papan Antrean",
  nowServing: "Sedang dilayani",
  deskOf: (deskId: string) => `Meja ${deskId}`,
  nowCalling: "Dipanggil sekarang",
  goTo: (deskId: string) => `silakan ke Meja ${deskId}`,
  free: "—",
  calledTag: "dipanggil",
  servingTag: "konsultasi",
  lastCalls: "Panggilan terakhir",
  noCalls: "Belum ada panggilan.",
  callLine: (number: string, deskId: string) => `${number} → Meja ${deskId}`,
  lines: "Antrean per bidang",
  waiting: (n: number) => `${n} menunggu`,
  waitRange: (lo: number, hi: number) => `± ${lo}–${hi} menit`,
  waitNone: "tanpa antre",
  offlineSince: (time: string) => `data pukul ${time}`,
  lastUpdate: (time: string) => `Diperbarui ${time}`,
  soundOn: "Aktifkan suara panggilan",
  soundActive: "Suara aktif",
  noVoice: "Suara bahasa Indonesia tidak tersedia: hanya bunyi lonceng.",
  announcing: (number: string, deskId: string) => `Nomor antrean ${number}, silakan menuju Meja ${deskId}`,
  join: "Papan memerlukan tautan dengan kode acara.",
};
export type BoardMessages = typeof id;
/** The board's strings: downloaded only by the board route. */
export const board = defineMessages(id, () => import("./messages.en.ts"));
