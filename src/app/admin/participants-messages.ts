import { defineMessages } from "../i18n/define.ts";

/** Strings of the organizer's participant list and single erasure (/admin). Bahasa Indonesia first. */
export const participantsMessages = defineMessages({
  id: {
    heading: "Peserta",
    intro:
      "Peserta yang datanya ada di perangkat ini. Bila seorang peserta meminta datanya dihapus (UU 27/2022), cari lalu hapus datanya: nama, jabatan, instansi dan nomor telepon hilang dari server dan, pada sinkron berikutnya, dari semua perangkat. Tiketnya yang masih antre dibatalkan; hitungan per daerah tetap.",
    search: "Cari nama, instansi, daerah atau nomor antrean",
    count: (shown: number, total: number) => `${shown} dari ${total} peserta`,
    erasedCount: (n: number) => `${n} peserta sudah dihapus datanya.`,
    name: "Nama",
    work: "Jabatan dan instansi",
    region: "Daerah",
    tickets: "Tiket",
    action: "Tindakan",
    none: "—",
    erase: "Hapus data…",
    eraseLabel: (name: string) => `Hapus data ${name}`,
    confirm: (name: string) => `Hapus data pribadi ${name}? Tidak dapat dibatalkan.`,
    confirmYes: "Ya, hapus",
    cancel: "Batal",
    erased: (name: string) => `Data ${name} dihapus dari perangkat ini; terkirim ke server pada sinkron berikutnya.`,
    failed: (why: string) => `Gagal menghapus: ${why}`,
  },
  en: {
    heading: "Participants",
    intro:
      "Participants whose data this device holds. When a participant asks for their data to be deleted (UU 27/2022), find them and erase it: name, position, institution and phone leave the server and, at their next sync, every device. Their tickets still in line are cancelled; counts per region stay.",
    search: "Search name, institution, region or ticket number",
    count: (shown: number, total: number) => `${shown} of ${total} participants`,
    erasedCount: (n: number) => `${n} participants' data erased.`,
    name: "Name",
    work: "Position and institution",
    region: "Region",
    tickets: "Tickets",
    action: "Action",
    none: "—",
    erase: "Erase data…",
    eraseLabel: (name: string) => `Erase the data of ${name}`,
    confirm: (name: string) => `Erase the personal data of ${name}? This cannot be undone.`,
    confirmYes: "Yes, erase",
    cancel: "Cancel",
    erased: (name: string) => `${name}'s data is erased on this device; it reaches the server at the next sync.`,
    failed: (why: string) => `Could not erase: ${why}`,
  },
});
