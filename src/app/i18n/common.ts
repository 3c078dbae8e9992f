import { defineMessages } from "./define.ts";

// Bahasa Indonesia; the English half is ./common.en.ts, loaded when chosen.
const id = {
  appName: "Loket — Klinik Konsultasi PANRB",
  skipToContent: "Langsung ke isi",
  loading: "Memuat…",
  notFound: "Halaman tidak ditemukan.",
  goHome: "Ke halaman utama",
  language: "Bahasa",
  langId: "Bahasa Indonesia",
  langEn: "English",
  // sync badge
  syncIdle: "Tersinkron",
  syncSyncing: "Menyinkronkan…",
  syncOffline: "Luring",
  syncError: "Sinkronisasi gagal",
  syncUpdateRequired: "Perlu pembaruan aplikasi",
  syncSignedOut: "Belum masuk",
  lastSynced: (time: string) => `Terakhir sinkron ${time}`,
  neverSynced: "Belum pernah sinkron",
  pending: (n: number) => (n === 1 ? "1 perubahan belum terkirim" : `${n} perubahan belum terkirim`),
  offlineSince: (time: string) => `Luring sejak ${time}`,
  lastFailure: (what: string) => `Gagal terakhir: ${what}`,
  rejected: (n: number) => `${n} perubahan ditolak server`,
  rejectedReason: (reason: string) => `alasan terakhir: ${reason}`,
  refusedOnePerDomain: (domain: string) =>
    `nomor baru di bidang ${domain} tidak diberikan karena Anda masih punya nomor yang belum selesai di bidang itu (satu nomor per bidang)`,
  syncNow: "Sinkronkan sekarang",
  // how long ago the server last answered or spoke on the live stream (every surface)
  heardJustNow: "Kabar terakhir dari server: baru saja",
  heardSecondsAgo: (n: number) => `Kabar terakhir dari server: ${n} detik lalu`,
  heardMinutesAgo: (n: number) => `Kabar terakhir dari server: ${n} menit lalu`,
  heardAt: (time: string) => `Kabar terakhir dari server: pukul ${time}`,
  // the same state in a participant's words (no "sinkron", no "luring")
  // short: the state and the count share one line on a 360 px phone, and a wrap moves the screen
  plainIdle: "Terhubung",
  plainSyncing: "Memeriksa…",
  plainOffline: "Tidak terhubung",
  plainError: "Server sedang bermasalah",
  plainNever: "Belum pernah terhubung ke server",
  plainPending: (n: number) => `${n} menunggu dikirim`,
  plainOfflineSince: (time: string) => `Tidak ada kabar dari server sejak pukul ${time}`,
  plainCheckNow: "Periksa sekarang",
  plainRejected: "Sebagian isian Anda tidak diterima server. Tunjukkan layar ini kepada petugas.",
  errUnauthorized: "akses ditolak, minta kode baru",
  errNetwork: "server tidak terjangkau",
  errServer: "server bermasalah",
  errTooOld: "versi aplikasi terlalu lama",
  errServerTooOld: "server lebih lama dari aplikasi, panitia perlu memperbaruinya",
  errOther: "kesalahan tak dikenal",
  errRateLimited: "server sedang sibuk, dicoba lagi nanti",
  errBadRequest: "server menolak permintaan",
  errBadResponse: "jawaban server tidak terbaca",
  errStorage: "penyimpanan ponsel bermasalah",
  // database upgraded in another tab
  dbUpgraded: "Loket diperbarui di tab lain. Muat ulang halaman ini untuk melanjutkan.",
  reload: "Muat ulang",
  storageFailed: "Penyimpanan di perangkat ini tidak dapat dibuka.",
  retry: "Coba lagi",
};
export type CommonMessages = typeof id;
/** Strings of the shell and the shared ui/ parts, downloaded by every route. */
export const common = defineMessages(id, () => import("./common.en.ts"));
