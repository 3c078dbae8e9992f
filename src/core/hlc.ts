/**
 * Hybrid logical clock (Kulkarni et al., 2014).
 *
 * Every operation is stamped with an HLC so that operations made apart on many
 * devices have one total order that respects causality (an operation a device
 * has seen sorts before the ones it makes next) and stays close to wall time.
 * A device's wall clock may be hours off or jump back: the clock never goes
 * backwards, it only advances its logical counter until wall time catches up.
 *
 * The encoded form sorts lexicographically in clock order, so the same string
 * is an IndexedDB / SQLite sort key:  `wall(11 base-36 digits)-counter(5)-node`.
 */
export interface Hlc {
  /** milliseconds since the epoch, the largest wall time seen */
  readonly wall: number;
  /** logical counter within one `wall` millisecond */
  readonly counter: number;
  /** the device id, to break ties deterministically */
  readonly node: string;
}

const WALL_DIGITS = 11;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

export function encodeHlc(h: Hlc): string {
  return `${h.wall.toString(36).padStart(WALL_DIGITS, "0")}-${h.counter.toString(36).padStart(COUNTER_DIGITS, "0")}-${h.node}`;
}

export const HLC_PATTERN = /^[0-9a-z]{11}-[0-9a-z]{5}-[0-9A-Za-z]{1,40}$/;

export function decodeHlc(s: string): Hlc {
  if (!HLC_PATTERN.test(s)) throw new Error(`not a clock stamp: ${s}`);
  const wall = Number.parseInt(s.slice(0, WALL_DIGITS), 36);
  const counter = Number.parseInt(s.slice(WALL_DIGITS + 1, WALL_DIGITS + 1 + COUNTER_DIGITS), 36);
  const node = s.slice(WALL_DIGITS + COUNTER_DIGITS + 2);
  return { wall, counter, node };
}

/** Wall time (ms) of an encoded stamp, without decoding the rest. */
export function hlcWall(s: string): number {
  return Number.parseInt(s.slice(0, WALL_DIGITS), 36);
}

export function initialHlc(node: string): Hlc {
  return { wall: 0, counter: 0, node };
}

function bump(wall: number, counter: number, node: string): Hlc {
  // The counter overflowing means ~60 million stamps in one millisecond: move
  // to the next millisecond rather than lose order.
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, node };
  return { wall, counter, node };
}

/** The stamp for a local event at physical time `now`. */
export function tick(clock: Hlc, now: number): Hlc {
  if (now > clock.wall) return { wall: now, counter: 0, node: clock.node };
  return bump(clock.wall, clock.counter + 1, clock.node);
}

/**
 * ε of the HLC paper: the most a stamp received from elsewhere may be ahead of
 * our own (server-corrected) time and still be adopted.
 *
 * Why 30 s: it must be larger than the disagreement between two devices whose
 * clocks are both corrected against the server (each estimate is off by at most
 * half its best round trip, seconds on overloaded Wi-Fi, plus a few seconds of
 * drift a day), so that honest stamps are always adopted and causality holds
 * between them. And it must be small against the one-minute tolerance of every
 * duration: a device that adopted a stamp ε ahead holds its wall there until its
 * own time catches up, so a duration it measures can be off by up to ε.
 */
export const MAX_AHEAD_MS = 30_000;

/**
 * Merge a stamp received from elsewhere, so that what we do next sorts after it.
 *
 * Never adopts a wall more than `maxAhead` beyond `now` (our corrected time): a
 * stamp from a phone whose clock is hours ahead must not freeze everybody's
 * time. Such a stamp is merged as if it were at the bound, so what we do next
 * may sort before it; that stamp was wrong, and the fold's rules are written to
 * survive a wrong order (creation applies first, a consultation beats a cancel).
 */
export function receive(clock: Hlc, remote: Hlc, now: number, maxAhead: number = MAX_AHEAD_MS): Hlc {
  const bound = now + maxAhead;
  const theirs = remote.wall > bound ? { wall: bound, counter: 0 } : remote;
  const wall = Math.max(clock.wall, theirs.wall, now);
  if (wall === clock.wall && wall === theirs.wall) {
    return bump(wall, Math.max(clock.counter, theirs.counter) + 1, clock.node);
  }
  if (wall === clock.wall) return bump(wall, clock.counter + 1, clock.node);
  if (wall === theirs.wall) return bump(wall, theirs.counter + 1, clock.node);
  return { wall, counter: 0, node: clock.node };
}

/**
 * A clock whose wall is more than `maxAhead` beyond a time just checked against
 * the server was advanced by a wrong device clock (its own, or a stamp taken in
 * before the bound existed): go back to the right time, so that a phone whose
 * owner fixed its date is never held hours ahead (or locked out). Only ever
 * called right after a fresh estimate of the server's time, never on a mere
 * reading of the device clock, which may itself have jumped back.
 */
export function recoverClock(clock: Hlc, checkedNow: number, maxAhead: number = MAX_AHEAD_MS): Hlc {
  if (clock.wall <= checkedNow + maxAhead) return clock;
  return { wall: checkedNow, counter: 0, node: clock.node };
}

/**
 * The stamp for a local event on a subject where this device already gave out
 * `floor` (its newest stamp there, or null): `stamp` itself when it sorts after
 * the floor, else the floor's next counter.
 *
 * Why: the clock's recovery may take the device's clock back (a phone whose date
 * was a day ahead and is fixed), and without this its next edit of the same
 * question, rating or profile would sort before the one it made earlier, and
 * "latest stamp wins" would keep the older one. The floor is per subject, so
 * only the few operations on a subject stamped by the wrong clock pull what
 * follows on that same subject forward; every other stamp is at the right time,
 * and the clock itself is not moved (no one else's time is dragged).
 */
export function stampAbove(stamp: Hlc, floor: Hlc | null): Hlc {
  if (floor === null) return stamp;
  if (stamp.wall > floor.wall || (stamp.wall === floor.wall && stamp.counter > floor.counter)) return stamp;
  return bump(floor.wall, floor.counter + 1, stamp.node);
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
