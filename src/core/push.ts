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
