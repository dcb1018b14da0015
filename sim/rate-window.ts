/** Request budgets like the per-minute (and v1 per-hour) quotas Clopos documents, and the headers that report them. */

const MINUTE = 60_000;
const HOUR = 3_600_000;

interface Window {
  length: number;
  limit: number;
  start: number;
  count: number;
}

export interface RateState {
  limit: number;
  remaining: number;
  /** Epoch ms when the window that limits the caller ends. */
  resetAt: number;
}

export class RateWindow {
  private readonly windows: Window[];

  /**
   * @param enforce false = only count and report (the headers still tell the truth), never refuse.
   */
  constructor(
    perMinute: number,
    perHour: number | null,
    private readonly enforce: boolean,
  ) {
    this.windows = [{ length: MINUTE, limit: perMinute, start: 0, count: 0 }];
    if (perHour !== null) this.windows.push({ length: HOUR, limit: perHour, start: 0, count: 0 });
  }

  private roll(now: number): void {
    for (const w of this.windows) {
      const start = Math.floor(now / w.length) * w.length;
      if (start !== w.start) {
        w.start = start;
        w.count = 0;
      }
    }
  }

  /** Counts one request; false when it must be refused with 429. */
  take(now: number): boolean {
    this.roll(now);
    if (this.enforce && this.windows.some((w) => w.count >= w.limit)) return false;
    for (const w of this.windows) w.count++;
    return true;
  }

  state(now: number): RateState {
    this.roll(now);
    const minute = this.windows[0]!;
    const exhausted = this.windows.find((w) => w.count >= w.limit && w !== minute);
    const limiting = exhausted ?? minute;
    return {
      limit: minute.limit,
      remaining: exhausted ? 0 : Math.max(0, minute.limit - minute.count),
      resetAt: limiting.start + limiting.length,
    };
  }
}

/** Clopos' default budgets (docs/clopos-api.md "Rate limits"). */
export const V1_DEFAULT_PER_MINUTE = 100;
export const V1_PER_HOUR = 1000;
export const V2_DEFAULT_PER_MINUTE = 300;

/** The rate state a reply reports instead of the counted one (a scripted 429). */
export interface RateOverride {
  remaining: number;
  resetAt: number;
}

/** Both generations' budgets, counted apart, and the headers each generation sends about them. */
export interface SimRateLimits {
  /** Counts one request of `api`; false when it must be refused with 429. */
  take(api: 'v1' | 'v2'): boolean;
  /** v1: `X-RateLimit-*` with Reset in epoch seconds; v2: `RateLimit-*` with Reset in seconds from now. */
  headers(kind: 'v1' | 'v2', override?: RateOverride): Record<string, string>;
  /** Reports this many remaining whatever was counted (null: the count). */
  setReportedRemaining(remaining: number | null): void;
  /** Reports this reset (epoch ms) whatever the window says (null: the window's). */
  setReportedReset(resetAt: number | null): void;
}

/** `perMinute` set = the limit is enforced (429); unset = counted and reported only. */
export function createRateLimits(now: () => number, perMinute: number | undefined): SimRateLimits {
  const enforce = perMinute !== undefined;
  const windows = {
    v1: new RateWindow(perMinute ?? V1_DEFAULT_PER_MINUTE, V1_PER_HOUR, enforce),
    v2: new RateWindow(perMinute ?? V2_DEFAULT_PER_MINUTE, null, enforce),
  };
  let reportedRemaining: number | null = null;
  let reportedReset: number | null = null;
  return {
    take: (api) => windows[api].take(now()),
    headers(kind, override): Record<string, string> {
      const state = windows[kind].state(now());
      const remaining = override?.remaining ?? reportedRemaining ?? state.remaining;
      const resetAt = override?.resetAt ?? reportedReset ?? state.resetAt;
      if (kind === 'v1') {
        return {
          'X-RateLimit-Limit': String(state.limit),
          'X-RateLimit-Remaining': String(remaining),
          'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
        };
      }
      return {
        'RateLimit-Limit': String(state.limit),
        'RateLimit-Remaining': String(remaining),
        'RateLimit-Reset': String(Math.max(0, Math.ceil((resetAt - now()) / 1000))),
      };
    },
    setReportedRemaining(remaining) {
      reportedRemaining = remaining;
    },
    setReportedReset(resetAt) {
      reportedReset = resetAt;
    },
  };
}
