import * as v from "valibot";

/**
 * What a Web Push message carries to the participant's service worker: the
 * words are written by the server in the event's language (a pushed message
 * arrives while no page is open to translate it), and the ticket it is about,
 * so a tap opens that ticket. Validated on arrival: a push service relays
 * whatever it is given.
 */
export const PushPayloadSchema = v.object({
  kind: v.picklist(["called", "near"]),
  title: v.pipe(v.string(), v.maxLength(120)),
  body: v.pipe(v.string(), v.maxLength(240)),
  ticketId: v.pipe(v.string(), v.regex(/^[0-9A-Za-z]{8,40}$/)),
});
export type PushPayload = v.InferOutput<typeof PushPayloadSchema>;

/** The page that a tap on the notification opens: the ticket's own screen. */
export function ticketUrl(ticketId: string): string {
  return `/?t=${encodeURIComponent(ticketId)}`;
}

// ---- the phone's subscription, as the server takes it (issue 12) ----------

/**
 * How far down the line the "near" message goes out: when the ticket is 3rd
 * in line or closer (once per ticket). Three consultations of ~15 minutes is
 * the time to walk back from the canteen, not so early that it is forgotten.
 */
export const NEAR_PLACE = 3;

const base64url = (bytes: number) => v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+={0,2}$/), v.length(Math.ceil((bytes * 4) / 3)));

/**
 * A PushSubscription's JSON (`subscription.toJSON()`): the push service's
 * address, the browser's P-256 public key (65 bytes, uncompressed) and its
 * 16-byte auth secret, both base64url without padding.
 */
export const WebPushSubscriptionSchema = v.object({
  endpoint: v.pipe(v.string(), v.maxLength(2048), v.url()),
  keys: v.object({ p256dh: base64url(65), auth: base64url(16) }),
});
export type WebPushSubscription = v.InferOutput<typeof WebPushSubscriptionSchema>;

/** PUT /api/webpush: this phone's subscription and the language its messages are written in. */
export const WebPushSaveSchema = v.object({
  subscription: WebPushSubscriptionSchema,
  lang: v.picklist(["id", "en"]),
});
/** DELETE /api/webpush */
export const WebPushDeleteSchema = v.object({ endpoint: v.pipe(v.string(), v.maxLength(2048), v.url()) });

/** GET /api/webpush: the server's VAPID public key (base64url), or why it sends no push messages. */
export type WebPushInfo = { available: true; publicKey: string } | { available: false; reason: string };

export type PushLang = "id" | "en";

/**
 * The words of a pushed message, written by the server in the phone's
 * language (no page is open to translate them when it arrives).
 */
export function pushWords(
  lang: PushLang,
  m: { kind: "called"; number: string; deskId: string } | { kind: "near"; number: string; place: number },
): { title: string; body: string } {
  if (m.kind === "called") {
    return lang === "en"
      ? { title: `Your turn: ${m.number}`, body: `Please go to Desk ${m.deskId} now.` }
      : { title: `Giliran Anda: ${m.number}`, body: `Silakan menuju Meja ${m.deskId} sekarang.` };
  }
  if (lang === "en") {
    const where = m.place === 1 ? "you are next" : `you are ${ordinalEn(m.place)} in line`;
    return { title: `${m.number}: ${where}`, body: "Please stay near the clinic tables: you will be called soon." };
  }
  const where = m.place === 1 ? "Anda berikutnya" : `Anda urutan ke-${m.place}`;
  return { title: `${m.number}: ${where}`, body: "Mohon tetap di dekat meja klinik: Anda akan segera dipanggil." };
}

function ordinalEn(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
}
