import { LONGEST_RATE_WAIT_MS, type RateBudget } from '../../common/engine';
import type { AppError } from '../../common/result';

/** Backoff never waits longer than this (or the interval, when that is longer): an unseen order costs money. */
export const BACKOFF_CAP_MS = 60_000;
/**
 * The first retry after a failure comes this soon (or after the interval, when that is shorter):
 * one lost reply at a long interval is retried well inside the health threshold, so it does not
 * raise an alarm, while a real outage still backs off (5, 10, 20, 40, 60 s…).
 */
export const FIRST_RETRY_MS = 5_000;
/**
 * No wait is longer than this, whatever a header says: a misread or skewed reset must not stop the
 * watch for hours. A wait this long is alarmed anyway.
 */
export const MAX_WAIT_MS = LONGEST_RATE_WAIT_MS;
/** Below this share of the rate limit the scheduler spreads the remaining requests until the reset. */
export const LOW_BUDGET_SHARE = 0.2;
/** Added to a rate-limit reset so the next request lands after it, not on its edge. */
export const RESET_MARGIN_MS = 500;

/**
 * A timer or a poll that ends this far (by the wall clock) outside the time it was set for means
 * the PC slept or its clock was changed: a running event loop is never half a minute late. Fixed
 * rather than tied to the poll interval, because the health threshold can be shorter than it.
 */
export const CLOCK_JUMP_MS = 30_000;

/**
 * How far the wall clock jumped, given that `now` should lie in [earliest, latest]: 0 within
 * CLOCK_JUMP_MS of that window, otherwise the signed distance (positive after sleep).
 */
export function clockJumpMs(now: number, earliest: number, latest = earliest): number {
  if (now > latest + CLOCK_JUMP_MS) return now - latest;
  if (now < earliest - CLOCK_JUMP_MS) return now - earliest;
  return 0;
}

export type PollOutcome = { ok: true } | { ok: false; error: AppError };

export interface DelayInput {
  now: number;
  intervalMs: number;
  /** 0..0.2: share of the delay added at random so many PCs of one brand do not poll in step. */
  jitter: number;
  random: () => number;
  outcome: PollOutcome;
  /** Failures in a row, counting this outcome. */
  consecutiveFailures: number;
  budget: RateBudget | null;
  /** How many requests one poll costs (venues × pages, plus other PCs sharing the budget). */
  requestsPerPoll: number;
}

export interface PollDelay {
  delayMs: number;
  /** No poll, not even an on-demand one, before this epoch ms (a rate-limit reset); 0 when free. */
  notBefore: number;
  reason: 'interval' | 'backoff' | 'rate-limit' | 'low-budget';
}

export function backoffMs(intervalMs: number, consecutiveFailures: number): number {
  const cap = Math.max(intervalMs, BACKOFF_CAP_MS);
  const exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 20);
  return Math.min(Math.min(intervalMs, FIRST_RETRY_MS) * 2 ** exponent, cap);
}

function futureReset(budget: RateBudget | null, now: number): number | null {
  return budget?.resetAt != null && budget.resetAt > now ? Math.min(budget.resetAt, now + MAX_WAIT_MS) : null;
}

/** How long to wait before the next poll, given how the last one went and what the rate budget says. */
export function nextPollDelay(input: DelayInput): PollDelay {
  const { now, intervalMs, outcome, budget } = input;
  const withJitter = (ms: number): number => Math.round(ms * (1 + input.jitter * input.random()));

  if (!outcome.ok) {
    const backoff = backoffMs(intervalMs, input.consecutiveFailures);
    if (outcome.error.kind === 'rate-limited') {
      const byHeader = outcome.error.retryAfterMs != null ? now + outcome.error.retryAfterMs : null;
      const reset = Math.min(Math.max(byHeader ?? 0, futureReset(budget, now) ?? 0), now + MAX_WAIT_MS);
      if (reset > now) {
        const notBefore = reset + RESET_MARGIN_MS;
        return { delayMs: Math.max(withJitter(backoff), notBefore - now), notBefore, reason: 'rate-limit' };
      }
    }
    return { delayMs: withJitter(backoff), notBefore: 0, reason: 'backoff' };
  }

  const base = withJitter(intervalMs);
  const reset = futureReset(budget, now);
  if (budget?.limit && budget.remaining != null && reset != null && budget.remaining < budget.limit * LOW_BUDGET_SHARE) {
    const untilReset = reset - now;
    const cost = Math.max(1, input.requestsPerPoll);
    const pollsLeft = Math.floor(budget.remaining / cost);
    if (pollsLeft < 1) {
      const notBefore = reset + RESET_MARGIN_MS;
      return { delayMs: Math.max(base, notBefore - now), notBefore, reason: 'low-budget' };
    }
    const spread = Math.ceil(untilReset / pollsLeft);
    if (spread > base) return { delayMs: spread, notBefore: 0, reason: 'low-budget' };
  }
  return { delayMs: base, notBefore: 0, reason: 'interval' };
}
