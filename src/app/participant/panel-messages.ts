import { defineMessages } from "../i18n/define.ts";

// Bahasa Indonesia; the English half is ./panel-messages.en.ts, loaded when chosen.
const id = {
  profile: "Data diri saya",
  editProfile: "Ubah data diri",
  eraseData: "Hapus data saya",
  eraseConfirm:
    "Hapus data diri Anda dari acara ini? Nomor antrean yang masih menunggu akan dibatalkan. Catatan konsultasi tetap ada tanpa nama Anda.",
  eraseYes: "Ya, hapus",
  eraseNo: "Jangan",
  eraseBlockedServing: "Anda sedang konsultasi. Hapus data setelah konsultasi selesai.",
  qrHelp: "Tunjukkan kode ini ke petugas bila sinyal tidak ada; petugas dapat memindainya.",
  qrAlt: (number: string) => `Kode QR nomor antrean ${number}`,
  qrTooBig: "Pertanyaan terlalu panjang untuk kode QR. Sebutkan nomor Anda ke petugas.",
  outcomeTitle: "Hasil konsultasi",
  outcomeAnswered: "Terjawab",
  outcomeFollowUp: "Perlu tindak lanjut",
  outcomeReferred: "Dirujuk",
  adviceLabel: "Saran petugas",
  followWhat: "Tindak lanjut",
  followWho: "Oleh",
  followDue: "Paling lambat",
  referredTo: "Dirujuk ke",
  noOutcome: "Hasil konsultasi belum tersedia di ponsel ini.",
  surveyTitle: "Survei kepuasan",
  surveyIntro: "Bantu kami memperbaiki layanan (Permenpan RB No. 14 Tahun 2017). Pilih satu jawaban untuk tiap pertanyaan.",
  surveyComment: "Saran atau masukan (boleh dikosongkan)",
  surveySubmit: "Kirim penilaian",
  surveyThanks: "Terima kasih atas penilaian Anda.",
  surveyChange: "Ubah penilaian",
  surveyIncomplete: "Jawab semua pertanyaan terlebih dahulu.",
  alertsTitle: "Pemberitahuan",
  alertEarlyLabel: "Beri tahu saya saat tinggal",
  alertOff: "Hanya saat dipanggil",
  alertNth: (n: number) => `${n} orang lagi`,
  alertEnable: "Izinkan pemberitahuan sistem",
  alertDenied: "Pemberitahuan sistem diblokir; Loket tetap berbunyi dan bergetar selama halaman terbuka.",
  alertOn: "Pemberitahuan sistem aktif.",
  alertTest: "Coba bunyi",
  erased: "Data diri Anda sudah dihapus.",
  erasePending:
    "Penghapusan tercatat di ponsel ini dan akan terkirim ke server saat tersambung. Jangan hapus data peramban sebelum itu.",
  eraseLocal: "Hapus juga semua data Loket dari ponsel ini",
  editQuestionTitle: "Ubah pertanyaan",
  editQuestionIntro: "Petugas melihat pertanyaan terbaru selama konsultasi belum dimulai.",
  lateEditTitle: "Perubahan pertanyaan tidak terpakai",
  lateEditBody:
    "Anda mengubah pertanyaan setelah konsultasi dimulai. Petugas melihat pertanyaan sebelumnya (di atas). Perubahan Anda disimpan terpisah:",
};
export type PanelMessages = typeof id;
/**
 * Strings of the participant's parts loaded on demand (ui/deferred.tsx): the
 * profile panel with edit and erase, the screen after erasing, alerts, the
 * ticket's QR code, the question edit and its late-edit notice, the outcome and
 * the survey. Apart from messages.ts so that
 * a first visit does not download them.
 */
export const panels = defineMessages(id, () => import("./panel-messages.en.ts"));
