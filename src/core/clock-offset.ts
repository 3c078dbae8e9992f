/**
 * How far this device's clock is from the server's, estimated at every sync.
 *
 * Phones at a clinic have wrong dates and times all the time; the server's clock
 * is the one reference every device can reach. Each answer from the server
 * carries its time; the device notes when it sent the request (`sentAt`) and
 * when the answer came (`receivedAt`), both on its own clock. Assuming the
 * answer was written halfway through the round trip (as NTP does):
 *
 *   offset = serverTime − (sentAt + receivedAt) / 2,   error ≤ rtt / 2
 *
 * The estimate is the offset of the recent sample with the smallest round trip
 * (the least room for error; a slow answer on overloaded Wi-Fi says little).
 * When a new sample disagrees with the estimate by more than both samples'
 * errors allow, the device's clock itself moved (the user set the date, the
 * network corrected it): the older samples are dropped, since they describe a
 * clock that no longer exists.
 *
 * Pure: the recorder persists the state in the store's meta.
 */
export interface OffsetSample {
  /** server time minus device time, ms */
  readonly offset: number;
  /** round trip, ms (the estimate's error is at most half of it) */
  readonly rtt: number;
  /** the device's clock when the answer came, ms */
  readonly at: number;
}

export interface ClockOffset {
  /** recent samples, newest last */
  readonly samples: readonly OffsetSample[];
}

/** Samples kept: enough to find a quick round trip among a few slow ones, few enough to follow drift. */
export const MAX_SAMPLES = 8;
/** Room for the clocks' drift between two samples (crystals drift a few seconds a day). */
const DRIFT_ALLOWANCE_MS = 2_000;

export const NO_OFFSET: ClockOffset = { samples: [] };

/** One sample from a request sent at `sentAt` and answered at `receivedAt` (device clock) with `serverTime`. */
export function sampleOf(serverTime: number, sentAt: number, receivedAt: number): OffsetSample | null {
  if (![serverTime, sentAt, receivedAt].every(Number.isFinite)) return null;
  // An answer before its question means the device clock moved during the request: no information.
  if (receivedAt < sentAt) return null;
  return { offset: Math.round(serverTime - (sentAt + receivedAt) / 2), rtt: receivedAt - sentAt, at: receivedAt };
}

/** The best sample: the smallest round trip, the newest among equals. */
export function bestSample(state: ClockOffset): OffsetSample | null {
  let best: OffsetSample | null = null;
  for (const s of state.samples) if (best === null || s.rtt <= best.rtt) best = s;
  return best;
}

export function addSample(state: ClockOffset, sample: OffsetSample): ClockOffset {
  const best = bestSample(state);
  const jumped = best !== null && Math.abs(sample.offset - best.offset) > (sample.rtt + best.rtt) / 2 + DRIFT_ALLOWANCE_MS;
  const kept = jumped ? [] : state.samples;
  return { samples: [...kept, sample].slice(-MAX_SAMPLES) };
}

/** The estimated offset (server minus device, ms), or null while the device has never heard the server. */
export function estimatedOffset(state: ClockOffset): number | null {
  return bestSample(state)?.offset ?? null;
}

/** The server's time now, as well as this device can tell; its raw clock while it has no estimate. */
export function correctedNow(state: ClockOffset, deviceNow: number): number {
  return deviceNow + (estimatedOffset(state) ?? 0);
}

/** Read a persisted state defensively: a damaged value must not break stamping. */
export function parseClockOffset(value: unknown): ClockOffset {
  if (typeof value !== "object" || value === null) return NO_OFFSET;
  const samples = (value as { samples?: unknown }).samples;
  if (!Array.isArray(samples)) return NO_OFFSET;
  const ok = samples.filter(
    (s): s is OffsetSample =>
      typeof s === "object" &&
      s !== null &&
      Number.isFinite((s as OffsetSample).offset) &&
      Number.isFinite((s as OffsetSample).rtt) &&
      Number.isFinite((s as OffsetSample).at),
  );
  return { samples: ok.slice(-MAX_SAMPLES) };
}
