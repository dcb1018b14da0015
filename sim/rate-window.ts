/** Fixed-window request counters, like the per-minute (and v1 per-hour) quotas Clopos documents. */

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
