/**
 * Runs `run` when poked, at most once per `spacingMs`. A poke inside the
 * spacing is not lost: one run follows at its end, however many pokes came.
 */
export interface SpacedRunner {
  poke(): void;
  cancel(): void;
}

export function spacedRunner(run: () => void, spacingMs: number, now: () => number = Date.now): SpacedRunner {
  let ranAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    ranAt = now();
    run();
  };
  return {
    poke() {
      if (timer !== null) return;
      const wait = ranAt + spacingMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
