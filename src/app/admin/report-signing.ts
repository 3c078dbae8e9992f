/**
 * What the printed report says about who answers for it: the unit responsible
 * (title block) and the place, position and name of the signature block. Typed
 * once by the organizer before printing and kept on this device per event (it is
 * not part of the event record on the server).
 */
export interface ReportSigning {
  readonly unit: string;
  readonly place: string;
  readonly position: string;
  readonly name: string;
}

export const signingKey = (eventId: string) => `reportSigning:${eventId}`;

/** Until the organizer types otherwise: the place is the venue's first part ("Denpasar, Bali" → "Denpasar"). */
export function defaultSigning(venue: string): ReportSigning {
  return { unit: "", place: venue.split(",")[0]?.trim() ?? "", position: "", name: "" };
}
