import type { Clock } from '../watch/types';

export interface Throttled<T> {
  push(value: T): void;
  /** Delivers a pending value now (e.g. before quitting) and clears the timer. */
  flush(): void;
  /** Drops a pending value and clears the timer. */
  cancel(): void;
}

/**
 * Delivers the first value at once and then at most one value per `intervalMs`, always the
 * latest: a burst of engine state changes becomes one renderer update, and the last one is never
 * lost.
 */
export function throttleLatest<T>(deliver: (value: T) => void, intervalMs: number, clock: Clock): Throttled<T> {
  let lastAt = -Infinity;
  let timer: unknown = null;
  let pending: { value: T } | null = null;

  const fire = (): void => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastAt = clock.now();
    deliver(value);
  };

  return {
    push(value) {
      pending = { value };
      if (timer !== null) return;
      const wait = lastAt + intervalMs - clock.now();
      if (wait <= 0) fire();
      else timer = clock.setTimeout(fire, wait);
    },
    flush() {
      if (timer !== null) clock.clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
