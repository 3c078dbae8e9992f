/**
 * Calls spoken in Bahasa Indonesia: "Nomor antrean K dua belas, silakan menuju
 * meja dua". Pure, so the words are tested rather than heard.
 */
const UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

/** A whole number 0..999 999 in Indonesian words (sebelas, dua belas, seratus, seribu…). */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) return String(n);
  if (n < 10) return UNITS[n] ?? String(n);
  if (n === 10) return "sepuluh";
  if (n === 11) return "sebelas";
  if (n < 20) return `${UNITS[n - 10]} belas`;
  if (n < 100) return join(`${UNITS[Math.floor(n / 10)]} puluh`, n % 10);
  if (n < 200) return join("seratus", n - 100);
  if (n < 1000) return join(`${UNITS[Math.floor(n / 100)]} ratus`, n % 100);
  if (n < 2000) return join("seribu", n - 1000);
  return join(`${numberWords(Math.floor(n / 1000))} ribu`, n % 1000);
}

function join(head: string, rest: number): string {
  return rest === 0 ? head : `${head} ${numberWords(rest)}`;
}

/** "K-012" → "K dua belas"; a provisional code "K·7F3A" is spelled out character by character. */
export function spokenTicket(number: string): string {
  const m = /^([A-Z])-0*([0-9]+)$/.exec(number);
  if (m?.[1] && m[2] !== undefined) return `${m[1]} ${numberWords(Number.parseInt(m[2], 10))}`;
  return number
    .replace(/[^0-9A-Z]/g, "")
    .split("")
    .map((c) => (/[0-9]/.test(c) ? numberWords(Number(c)) : c))
    .join(" ");
}

/**
 * The sentence for one call, naming the desk as the board, the desk and the
 * phone write it ("Meja K1"): "… silakan menuju meja K satu". A desk id that
 * is not a letter and a number is said as it is.
 */
export function callSentence(number: string, deskId: string): string {
  const d = /^([A-Z])([0-9]+)$/.exec(deskId);
  const desk = d?.[1] && d[2] ? `${d[1]} ${numberWords(Number(d[2]))}` : deskId;
  return `Nomor antrean ${spokenTicket(number)}, silakan menuju meja ${desk}`;
}
