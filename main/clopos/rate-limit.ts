/**
 * The rate budget from the headers Clopos sends, and the hold after a 429 during which nothing is
 * sent (docs/clopos-api.md: v2 `RateLimit-*` with Reset in seconds from now; v1 `X-RateLimit-*` with
 * Reset in epoch seconds; neither documents `Retry-After`).
 */
import { LONGEST_RATE_WAIT_MS, type RateBudget } from '../../common/engine';

/** Back-off after a 429 without a usable reset header: 5 s doubling, at most 2 min. */
const BACKOFF_START_MS = 5_000;
const BACKOFF_MAX_MS = 120_000;
/** v1's hourly limit per key (docs/clopos-api.md "Rate limits"); its headers report only the minute window. */
export const V1_PER_HOUR = 1_000;
/** Epoch seconds are above this (2001); smaller Reset values are seconds from now. */
const EPOCH_SECONDS_FLOOR = 1e9;

function headerNumber(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw.trim());
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * Reset as epoch ms on this PC's clock. Each family has its documented meaning, but a value that
 * only makes sense in the other meaning is read that way (a small X-RateLimit-Reset is a delta, a
 * huge RateLimit-Reset is an epoch). An epoch is the server's clock: it is read against the
 * reply's `Date` (the server's now), so a PC clock a day behind does not turn a one-minute
 * window into a day of silence. Never further than LONGEST_RATE_WAIT_MS away.
 */
function resetAt(raw: number, now: number, serverNow: number | null): number {
  const epochMs = raw >= EPOCH_SECONDS_FLOOR * 1000 ? raw : raw >= EPOCH_SECONDS_FLOOR ? raw * 1000 : null;
  const at = epochMs === null ? now + raw * 1000 : now + (epochMs - (serverNow ?? now));
  return Math.min(at, now + LONGEST_RATE_WAIT_MS);
}

/** The server's clock from a reply's `Date` header (epoch ms), null when absent or unreadable. */
export function serverClock(headers: Headers): number | null {
  const raw = headers.get('date');
  const ms = raw ? Date.parse(raw) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

export class RateGate {
  private budget: RateBudget | null = null;
  private holdUntil = 0;
  private backoffMs = BACKOFF_START_MS;

  constructor(private readonly now: () => number) {}

  private sentCount = 0;

  /** One request is going out to the API (any kind but sign-in, which has its own budget). */
  sending(): void {
    this.sentCount += 1;
  }

  /** API requests sent so far (listings, pages, look-ups, receipts, refusals), for the cadence. */
  sent(): number {
    return this.sentCount;
  }

  /** ms to wait before anything may be sent, 0 when free to send. */
  waitMs(): number {
    return Math.max(0, this.holdUntil - this.now());
  }

  current(): RateBudget | null {
    return this.budget ? { ...this.budget } : null;
  }

  /** Reads the budget headers of any API reply; returns the reset (epoch ms) they gave, if any. */
  observe(headers: Headers): number | null {
    const now = this.now();
    const v2 = { limit: headerNumber(headers, 'ratelimit-limit'), remaining: headerNumber(headers, 'ratelimit-remaining'), reset: headerNumber(headers, 'ratelimit-reset') };
    const v1 = { limit: headerNumber(headers, 'x-ratelimit-limit'), remaining: headerNumber(headers, 'x-ratelimit-remaining'), reset: headerNumber(headers, 'x-ratelimit-reset') };
    const brand = v2.limit !== null || v2.remaining !== null || v2.reset !== null;
    const limit = v2.limit ?? v1.limit;
    const remaining = v2.remaining ?? v1.remaining;
    const reset = v2.reset ?? v1.reset;
    if (limit === null && remaining === null && reset === null) return null;
    const at = reset === null ? null : resetAt(reset, now, serverClock(headers));
    this.budget = brand ? { limit, remaining, resetAt: at, scope: 'brand', perHour: null } : { limit, remaining, resetAt: at, scope: 'key', perHour: V1_PER_HOUR };
    return at;
  }

  /** A reply that was not a 429: the header-less back-off starts small again. */
  succeeded(): void {
    this.backoffMs = BACKOFF_START_MS;
  }

  /** After a 429: hold everything until the reset, or back off when no header says when. Returns the hold in ms. */
  limited(headers: Headers): number {
    const reset = this.observe(headers);
    const now = this.now();
    let hold: number;
    if (reset !== null && reset > now && reset - now <= LONGEST_RATE_WAIT_MS) {
      hold = reset - now;
    } else {
      hold = this.backoffMs;
      this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    }
    this.holdUntil = now + hold;
    this.budget = { ...this.budget, limit: this.budget?.limit ?? null, remaining: 0, resetAt: this.holdUntil };
    return hold;
  }
}
