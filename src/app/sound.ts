/**
 * Beeps and chimes made with WebAudio: no audio files to download or cache.
 * Browsers only let a page make sound after a user gesture, so the first tap
 * anywhere unlocks the audio context (`unlockAudioOnGesture`).
 */
let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor = globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    return null;
  }
  return ctx;
}

export function unlockAudioOnGesture(): () => void {
  const unlock = () => {
    const c = context();
    if (c && c.state === "suspended") void c.resume();
  };
  window.addEventListener("pointerdown", unlock, { passive: true });
  window.addEventListener("keydown", unlock);
  return () => {
    window.removeEventListener("pointerdown", unlock);
    window.removeEventListener("keydown", unlock);
  };
}

/** Notes as [frequency Hz, start s, length s]. */
function play(notes: readonly (readonly [number, number, number])[], volume = 0.3): number {
  const c = context();
  if (!c) return 0;
  if (c.state === "suspended") void c.resume();
  const t0 = c.currentTime + 0.02;
  let end = 0;
  for (const [freq, start, len] of notes) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t0 + start);
    gain.gain.exponentialRampToValueAtTime(volume, t0 + start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + start + len);
    osc.connect(gain).connect(c.destination);
    osc.start(t0 + start);
    osc.stop(t0 + start + len + 0.05);
    end = Math.max(end, start + len);
  }
  return end * 1000;
}

/** The participant's "you are called" alert: three short high beeps. */
export function beep(): number {
  return play([
    [880, 0, 0.18],
    [880, 0.28, 0.18],
    [1175, 0.56, 0.35],
  ]);
}

/** The board's chime before a spoken call (ding-dong-ding). Returns its length in ms. */
export function chime(): number {
  return play(
    [
      [784, 0, 0.6],
      [659, 0.45, 0.6],
      [523, 0.9, 0.9],
    ],
    0.35,
  );
}
