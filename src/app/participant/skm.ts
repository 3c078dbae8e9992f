import type { Lang } from "../i18n/define.ts";

/**
 * The SKM questionnaire (Permenpan RB No. 14 Tahun 2017): one question per
 * element (unsur), four answers scored 1..4, in the regulation's wording.
 * Numbered by element: 8 is the handling of complaints, 9 the facilities.
 * A catalogue of its own (same keys in both languages, checked by the type).
 */
export interface SkmQuestion {
  readonly question: string;
  /** answers for scores 1, 2, 3, 4 */
  readonly answers: readonly [string, string, string, string];
}

type SkmSet = Record<1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9, SkmQuestion>;

export const SKM_ID: SkmSet = {
  1: {
    question: "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    answers: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
  },
  2: {
    question: "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    answers: ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
  },
  3: {
    question: "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    answers: ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
  },
  4: {
    question: "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    answers: ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
  },
  5: {
    question:
      "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    answers: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
  },
  6: {
    question: "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    answers: ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
  },
  7: {
    question: "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    answers: ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
  },
  8: {
    question: "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    answers: ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
  },
  9: {
    question: "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
    answers: ["Buruk", "Cukup", "Baik", "Sangat baik"],
  },
};

const SKM_EN: SkmSet = {
  1: {
    question: "How well do the service requirements fit the kind of service?",
    answers: ["Not suitable", "Less suitable", "Suitable", "Very suitable"],
  },
  2: {
    question: "How easy is the service procedure here?",
    answers: ["Not easy", "Less easy", "Easy", "Very easy"],
  },
  3: { question: "How fast was the service?", answers: ["Not fast", "Less fast", "Fast", "Very fast"] },
  4: {
    question: "How fair is the cost or fee of the service?",
    answers: ["Very expensive", "Rather expensive", "Cheap", "Free"],
  },
  5: {
    question: "How well does what you received match the published service standard?",
    answers: ["Not suitable", "Less suitable", "Suitable", "Very suitable"],
  },
  6: {
    question: "How competent were the staff?",
    answers: ["Not competent", "Less competent", "Competent", "Very competent"],
  },
  7: {
    question: "How polite and friendly were the staff?",
    answers: ["Not polite and friendly", "Less polite and friendly", "Polite and friendly", "Very polite and friendly"],
  },
  8: {
    question: "How are complaints from service users handled?",
    answers: ["Not at all", "A channel exists but does not work", "Works, but not fully", "Well managed"],
  },
  9: { question: "How good are the facilities?", answers: ["Poor", "Fair", "Good", "Very good"] },
};

/** The questionnaire in the reader's language; the Indonesian text is the regulation's. */
export function skmQuestions(lang: Lang): SkmSet {
  return lang === "id" ? SKM_ID : SKM_EN;
}
