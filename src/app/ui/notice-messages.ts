import { defineMessages } from "../i18n/define.ts";

// Bahasa Indonesia; the English half is ./notice-messages.en.ts, loaded when chosen.
const id = {
  updateReady: "Versi baru Loket siap.",
  updateApply: "Muat ulang sekarang",
  updateLater: "Nanti",
  updateApplying: "Memasang versi baru…",
  offlineReady: "Loket siap dipakai tanpa internet.",
  dismiss: "Tutup",
  understood: "Mengerti",
  persistDenied:
    "Peramban belum mengizinkan penyimpanan tetap. Data di ponsel ini bisa terhapus bila memori penuh; buka Loket sesekali agar tetap tersimpan.",
};
export type NoticeMessages = typeof id;
/**
 * Strings of the shell's occasional notices, which load only when they have
 * something to say (ui/deferred.tsx): the update prompt and the warning that
 * storage is not persistent. Apart from i18n/common.ts to keep them out of a
 * first visit.
 */
export const notices = defineMessages(id, () => import("./notice-messages.en.ts"));
