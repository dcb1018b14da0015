/**
 * Learns the zone Clopos writes zone-less times in (docs/clopos-api.md "Dates and money": a time like
 * "2025-08-18 13:44:10" carries no zone, and the docs do not say which). Read in the wrong zone,
 * every order looks hours old (or created in the future) and would escalate on first sight.
 *
 * The evidence is the server's own clock in each reply (`unix`, `timestamp` or `Date`): an order
 * cannot be created after the server's now, and an order that was not in the previous complete
 * listing was created since it. Zones differ by whole quarter hours, so the shift is rounded to
 * 15 minutes and only adopted when the evidence points at one cleanly.
 */

const QUARTER_HOUR_MS = 15 * 60_000;
/** Zones span UTC-12 to UTC+14: a larger shift is no zone. */
const MAX_SHIFT_MS = 26 * 3_600_000;
/** A creation time this far ahead of the server clock cannot be right. */
const FUTURE_TOLERANCE_MS = 2 * 60_000;
/** An order new since the previous listing is taken as evidence only when that listing was this recent. */
const MAX_ARRIVAL_WINDOW_MS = 10 * 60_000;
/** A newly listed order that looks older than its window by more than this is read in the wrong zone. */
const ARRIVAL_TOLERANCE_MS = 10 * 60_000;

/** A zone-less text time (no Z, no offset), as Clopos v1 writes created_at. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

export const isZoneless = (value: unknown): boolean => typeof value === 'string' && ZONELESS.test(value.trim());

export interface ZoneSample {
  /** Epoch ms the zone-less time reads as, with the shift learned so far applied. */
  readAs: number;
  /** True when the order was not in the previous complete listing of its venue. */
  isNew: boolean;
}

export interface ZoneLearner {
  /** Added to every zone-less time. */
  shiftMs(): number;
  /**
   * One listing's zone-less creation times against the server clock of its reply (`serverNow`),
   * and when the previous complete listing was made (server clock, null when none). Returns the
   * change to the shift it adopted (0 when none).
   */
  observe(samples: readonly ZoneSample[], serverNow: number, previousListingAt: number | null): number;
}

function quarterHours(ms: number): number | null {
  const rounded = Math.round(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  return rounded !== 0 && Math.abs(rounded) <= MAX_SHIFT_MS ? rounded : null;
}

export function createZoneLearner(): ZoneLearner {
  let shift = 0;
  return {
    shiftMs: () => shift,
    observe(samples, serverNow, previousListingAt) {
      let change: number | null = null;
      // Created after the server's now: the zone it was read in is behind the one it was written in.
      const future = Math.max(...samples.map((s) => s.readAs), Number.NEGATIVE_INFINITY);
      if (future > serverNow + FUTURE_TOLERANCE_MS) change = quarterHours(serverNow - future);
      // New since the previous listing, yet it reads as created long before it: read too far east.
      if (change === null && previousListingAt !== null && serverNow - previousListingAt <= MAX_ARRIVAL_WINDOW_MS) {
        const fresh = samples.filter((s) => s.isNew && s.readAs < previousListingAt - ARRIVAL_TOLERANCE_MS);
        const shifts = fresh.map((s) => quarterHours((previousListingAt + serverNow) / 2 - s.readAs));
        // Every fresh order must point at the same quarter hour, or the evidence is not clean.
        if (shifts.length > 0 && shifts.every((x) => x !== null && x === shifts[0])) change = shifts[0]!;
      }
      if (change === null) return 0;
      shift += change;
      return change;
    },
  };
}
