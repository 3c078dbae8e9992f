import { defineMessages } from "../i18n/define.ts";

// Bahasa Indonesia; the English half is ./messages.en.ts, loaded when chosen.
const id = {
  title: "Papan Antrean",
  nowServing: "Sedang dilayani",
  desk: (table: number) => `Meja ${table}`,
  deskOf: (domain: string, table: number) => `${domain} · Meja ${table}`,
  free: "—",
  calledTag: "dipanggil",
  servingTag: "konsultasi",
  lastCalls: "Panggilan terakhir",
  noCalls: "Belum ada panggilan.",
  callLine: (number: string, table: number) => `${number} → Meja ${table}`,
  lines: "Antrean per bidang",
  waiting: (n: number) => `${n} menunggu`,
  waitRange: (lo: number, hi: number) => `± ${lo}–${hi} menit`,
  waitNone: "tanpa antre",
  offlineSince: (time: string) => `Luring sejak ${time} — menampilkan data terakhir`,
  lastUpdate: (time: string) => `Diperbarui ${time}`,
  soundOn: "Aktifkan suara panggilan",
  soundActive: "Suara aktif",
  noVoice: "Suara bahasa Indonesia tidak tersedia: hanya bunyi lonceng.",
  announcing: (number: string, table: number) => `Nomor antrean ${number}, silakan menuju Meja ${table}`,
  join: "Papan memerlukan tautan dengan kode acara.",
};
export type BoardMessages = typeof id;
/** The board's strings: downloaded only by the board route. */
export const board = defineMessages(id, () => import("./messages.en.ts"));
