import { defineMessages } from "../i18n/define.ts";

// Bahasa Indonesia; the English half is ./notify-messages.en.ts, loaded when chosen.
const id = {
  notifyMe: "Beri tahu saya saat dipanggil",
  working: "Menyiapkan pemberitahuan…",
  on: "Pemberitahuan aktif: ponsel berbunyi saat Anda dipanggil, walau layar mati.",
  waiting: "Pemberitahuan aktif begitu ponsel tersambung ke internet lagi.",
  unsupported: "Browser ini tidak dapat mengirim pemberitahuan.",
  iosNotInstalled: "Di iPhone, pemberitahuan hanya untuk aplikasi yang dipasang (Bagikan → Tambah ke Layar Utama).",
  denied: "Pemberitahuan tidak diizinkan di browser ini.",
  server: "Klinik ini tidak mengirim pemberitahuan saat ini.",
  failed: "Pemberitahuan tidak dapat diaktifkan sekarang (mungkin tanpa internet).",
  keepOpenAwake: "Biarkan halaman ini terbuka: layar tetap menyala dan ponsel berbunyi saat Anda dipanggil.",
  keepOpen: "Biarkan halaman ini terbuka dan layar menyala: ponsel berbunyi saat Anda dipanggil.",
};

export type NotifyMessages = typeof id;
export const notifyMessages = defineMessages(id, () => import("./notify-messages.en.ts"));
