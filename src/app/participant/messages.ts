import { defineMessages } from "../i18n/define.ts";

// What each domain's table covers.
const DOMAIN_COVERS_ID: Record<string, string> = {
  K: "Organisasi perangkat daerah, tata laksana, proses bisnis dan SOP.",
  S: "Formasi, pengadaan, jabatan, kinerja dan pengembangan ASN.",
  A: "SAKIP dan evaluasi akuntabilitas kinerja, reformasi birokrasi, pengawasan.",
  P: "Standar pelayanan, pengaduan, inovasi dan survei kepuasan masyarakat.",
};

// Bahasa Indonesia; the English half is ./messages.en.ts, loaded when chosen.
const id = {
  title: "Loket Klinik Konsultasi",
  // joining
  joinTitle: "Selamat datang",
  joinHow: "Pindai kode QR di meja pendaftaran klinik untuk bergabung dengan acara.",
  joinManual: "Atau masukkan kode acara dan kode peserta:",
  eventIdLabel: "Kode acara",
  codeLabel: "Kode peserta",
  join: "Gabung",
  joining: "Menghubungkan…",
  joinOffline: "Untuk bergabung pertama kali, ponsel perlu tersambung ke internet sekali. Coba lagi saat sinyal ada.",
  joinRefused: "Kode tidak diterima. Periksa kode pada poster atau tanyakan petugas.",
  joinFailed: "Tidak dapat bergabung sekarang. Coba lagi sebentar lagi.",
  joinOtherRole:
    "Perangkat ini dipakai sebagai meja atau panitia dan masih menyimpan data yang belum sampai ke server. Sambungkan ke internet dan tunggu sampai terkirim.",
  eventLoading: "Mengambil data acara…",
  // registration
  registerTitle: "Data diri",
  registerIntro: "Isi sekali saja. Data ini dipakai petugas untuk memanggil dan mencatat konsultasi Anda.",
  nameLabel: "Nama lengkap",
  positionLabel: "Jabatan",
  positionHint: "Contoh: Kabag Organisasi",
  institutionLabel: "Instansi / unit kerja",
  institutionHint: "Contoh: Sekretariat Daerah Kabupaten Badung",
  regionLabel: "Kabupaten/kota",
  regionChoose: "— Pilih kabupaten/kota —",
  phoneLabel: "Nomor telepon (boleh dikosongkan)",
  phoneHint: "Hanya untuk menghubungi Anda bila ada tindak lanjut.",
  consentTitle: "Persetujuan pemrosesan data pribadi",
  consentPurpose:
    "Nama, jabatan, instansi, kabupaten/kota dan nomor telepon Anda dipakai hanya untuk antrean dan catatan konsultasi klinik ini, untuk tindak lanjut pertanyaan Anda, dan untuk laporan acara tanpa nama. Data dapat Anda lihat, ubah, atau hapus kapan saja dari ponsel ini, dan dihapus panitia setelah acara selesai (UU No. 27 Tahun 2022).",
  consentNotice: (version: string) => `Pemberitahuan versi ${version}`,
  consentLabel: "Saya setuju data saya diproses untuk tujuan di atas.",
  save: "Simpan",
  saving: "Menyimpan…",
  cancelEdit: "Batal",
  required: "Wajib diisi.",
  phoneInvalid: "Nomor telepon hanya berisi angka, spasi, +, -, ( ).",
  consentRequired: "Tanpa persetujuan, kami tidak dapat mendaftarkan Anda.",
  // home
  hello: (name: string) => `Halo, ${name}`,
  myTickets: "Nomor antrean saya",
  noTickets: "Anda belum mengambil nomor antrean.",
  takeTicket: "Ambil nomor antrean",
  // taking a ticket
  takeTitle: "Ambil nomor antrean",
  takeIntro:
    "Pilih bidang dulu: satu nomor untuk tiap bidang. Pertanyaan boleh ditulis di sini atau disampaikan langsung di meja.",
  domainsLegend: "Bidang konsultasi",
  domainsRequired: "Pilih paling sedikit satu bidang.",
  alreadyInLine: "sudah punya nomor",
  // one line per domain (K, S, A, P): what its table covers
  domainCovers: (code: string) => DOMAIN_COVERS_ID[code] ?? "",
  onePerDomainRule:
    "Satu nomor per bidang: bidang yang nomornya masih menunggu, dipanggil atau sedang dilayani bisa dipilih lagi setelah nomor itu selesai atau Anda batalkan.",
  topicLabel: "Topik",
  topicHint: "Pilih salah satu atau tulis singkat.",
  questionLabel: "Pertanyaan",
  questionOptionalLabel: "Pertanyaan (boleh dikosongkan)",
  questionHint: (max: number) => `Jelaskan singkat, paling banyak ${max} huruf.`,
  submitTicket: "Ambil nomor",
  back: "Kembali",
  // ticket
  ticketOf: (domain: string) => `Bidang ${domain}`,
  provisional: "Kode sementara — nomor antrean muncul setelah tersambung.",
  nowServing: (n: string) => `Nomor yang sedang dilayani: ${n}`,
  noneCalledYet: "Belum ada nomor yang dipanggil di bidang ini.",
  statusWaiting: "Menunggu",
  statusCalled: (desk: string) => `Dipanggil: menuju Meja ${desk}`,
  statusCalledNoDesk: "Dipanggil",
  statusServing: "Sedang konsultasi",
  statusDone: "Selesai",
  statusNoShow: "Terlewat",
  statusCancelled: "Dibatalkan",
  place: (n: number) => (n === 1 ? "Anda berikutnya" : `Urutan ke-${n} dalam antrean`),
  waitRange: (lo: number, hi: number) => `Perkiraan tunggu ${lo}–${hi} menit`,
  waitSoon: "Sebentar lagi",
  callAround: (from: string, to: string, zone: string | null) =>
    `Perkiraan dipanggil sekitar ${from}–${to}${zone ? ` ${zone}` : ""}`,
  waitEstimated: "(perkiraan awal, belum ada data hari ini)",
  heldWhileBusy: "Anda sedang konsultasi di bidang lain; tempat Anda di antrean ini tetap dijaga.",
  noShowHelp: "Nomor Anda terlewat. Datangi meja bidang ini; petugas dapat memanggil Anda kembali.",
  goNow: (desk: string) => `Silakan menuju Meja ${desk} sekarang.`,
  cancelTicket: "Batalkan nomor ini",
  cancelConfirm: "Batalkan nomor antrean ini?",
  cancelYes: "Ya, batalkan",
  cancelNo: "Tidak",
  yourQuestion: "Pertanyaan Anda",
  editQuestion: "Ubah pertanyaan",
  // QR
  qrShow: "Tampilkan kode QR",
  qrHide: "Sembunyikan kode QR",
  // alerts
  notifyCalledTitle: (number: string) => `Nomor ${number} dipanggil`,
  notifyCalledBody: (desk: string) => `Silakan menuju Meja ${desk}.`,
  notifyNearTitle: (number: string) => `Nomor ${number} segera dipanggil`,
  notifyNearBody: (place: number) => `Tinggal ${place} orang lagi. Bersiaplah di dekat meja.`,
};
export type ParticipantMessages = typeof id;
/** The participant's strings: downloaded only by the participant route. */
export const participant = defineMessages(id, () => import("./messages.en.ts"));
