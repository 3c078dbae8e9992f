/**
 * Who signs the printed report: the place, position and name of the signature
 * block. Typed once by the organizer before printing and kept on this device per
 * event (not part of the event record). The unit responsible of the title block
 * is the event's own (`LoketEvent.unit`, set in Setup), so every laptop prints the same.
 */
export interface ReportSigning {
  readonly place: string;
  readonly position: string;
  readonly name: string;
}

export const signingKey = (eventId: string) => `reportSigning:${eventId}`;

/** Until the organizer types otherwise: the place is the venue's first part ("Denpasar, Bali" → "Denpasar"). */
export function defaultSigning(venue: string): ReportSigning {
  return { place: venue.split(",")[0]?.trim() ?? "", position: "", name: "" };
}
