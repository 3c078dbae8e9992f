import type { Profile } from "./pages/participant-page.ts";

/** People and questions the specs use: plausible, in the domain's language. */
export const KABAG_ORGANISASI: Profile = {
  name: "I Made Sudarsana",
  position: "Kepala Bagian Organisasi",
  institution: "Sekretariat Daerah Kabupaten Badung",
  region: "Kabupaten Badung",
  phone: "+62 812 3456 7890",
};

export const KASUBBAG_KINERJA: Profile = {
  name: "Baiq Nurul Hidayati",
  position: "Kepala Subbagian Kinerja",
  institution: "Bagian Organisasi Setda Kota Mataram",
  region: "Kota Mataram",
};

export const QUESTION_SOTK = {
  topic: "Penyederhanaan struktur organisasi",
  text: "Bagaimana tahapan penyetaraan jabatan administrasi ke jabatan fungsional di perangkat daerah kami?",
};

export const QUESTION_SAKIP = {
  topic: "Nilai SAKIP",
  text: "Apa yang harus kami perbaiki agar nilai AKIP naik dari B ke BB tahun depan?",
};

/** Text that must always show as text: markup, script and SQL in a name and a question. */
export const HOSTILE_NAME = `<img src=x onerror=alert(1)>`;
export const HOSTILE_TEXT = `"; DROP TABLE tickets; -- <img src=x onerror=alert(1)>`;
