import type { RateBudget } from '../../common/engine';
import { appError } from '../../common/result';
import { clockJumpMs, MAX_WAIT_MS, nextPollDelay, type PollOutcome } from './poll-timing';
import type { Clock } from './types';

/** Node timers overflow above this (about 24.8 days) and would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** A poll that has not settled after this long is abandoned, so one hung request cannot stop the watch. */
export const DEFAULT_POLL_TIMEOUT_MS = 120_000;

export interface PollTiming {
  intervalMs: number;
  jitter: number;
  random: () => number;
}

export interface PollSchedulerDeps {
  clock: Clock;
  /** Runs one poll; must not apply its result once `signal` is aborted (the scheduler gave up on it). */
  poll: (signal: AbortSignal) => Promise<PollOutcome>;
  budget: () => RateBudget | null;
  timing: () => PollTiming;
  /** The earliest epoch ms any poll may start by the budget's own count (the v1 hourly window); applies to "Check now" too. */
  earliestPollAt?: () => number;
  /** Every poll's outcome while running, including polls that threw or were abandoned. */
  onSettled?: (outcome: PollOutcome) => void;
  /** Called when `polling`, `nextPollAt` or `paused` changed. */
  onChange: () => void;
  /**
   * A timer fired, or a poll settled, far outside the wall-clock time it was due (the PC slept or
   * the clock was changed); called before that poll starts or its outcome is reported. `since` is
   * when that timer was set or that poll started.
   */
  onClockJump?: (jumpMs: number, since: number) => void;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  /** The watchdog: never shorter than what a healthy poll can take (every page of every venue). */
  pollTimeoutMs?: () => number;
}

/**
 * Decides when to poll: on an interval with jitter, one poll at a time, backing off on failures,
 * honouring rate-limit resets and stretching the interval when the rate budget runs low.
 */
export class PollScheduler {
  private timer: unknown = null;
  private nextAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private controller: AbortController | null = null;
  private paused = false;
  private running = false;
  private failures = 0;
  /** Epoch ms before which no request may go out (rate-limit reset). */
  private notBefore = 0;
  private requestsPerPoll = 1;
  private startedAt: number | null = null;

  constructor(private readonly deps: PollSchedulerDeps) {}

  get polling(): boolean {
    return this.inFlight !== null;
  }
  get nextPollAt(): number | null {
    return this.nextAt;
  }
  get isPaused(): boolean {
    return this.paused;
  }
  /** When the poll in flight, or the last one, started; null before the first. */
  get lastPollStartedAt(): number | null {
    return this.startedAt;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.paused) this.pollNow('start');
  }

  /** Polls at once unless one is in flight (it answers the request) or a rate-limit reset is pending. */
  pollNow(reason: string): void {
    if (!this.running || this.paused || this.inFlight) return;
    const now = this.deps.clock.now();
    const notBefore = Math.max(this.notBefore, this.deps.earliestPollAt?.() ?? 0);
    if (notBefore > now) {
      this.deps.log?.('info', `Poll (${reason}) deferred until the rate limit allows it (${Math.ceil((notBefore - now) / 1000)} s)`);
      this.schedule(notBefore - now);
      return;
    }
    this.clearTimer();
    this.run(reason);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) {
      this.clearTimer();
      this.deps.onChange();
    } else {
      this.pollNow('resume');
    }
  }

  /** The interval changed: a waiting healthy schedule restarts from now with the new interval. */
  intervalChanged(): void {
    if (!this.running || this.paused || this.inFlight || this.timer === null) return;
    if (this.failures > 0 || this.notBefore > this.deps.clock.now()) return;
    this.schedule(this.delayAfter({ ok: true }).delayMs);
  }

  /** Clears the timer and abandons a poll in flight; resolves once nothing is left running. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    this.controller?.abort();
    await this.inFlight;
    this.deps.onChange();
  }

  private run(reason: string): void {
    const { clock } = this.deps;
    const controller = new AbortController();
    this.controller = controller;
    const budgetBefore = this.deps.budget();
    const timeoutMs = Math.max(DEFAULT_POLL_TIMEOUT_MS, this.deps.pollTimeoutMs?.() ?? 0);
    const startedAt = clock.now();
    this.startedAt = startedAt;
    const watchdog = clock.setTimeout(() => controller.abort(), timeoutMs);
    const abandoned = new Promise<PollOutcome>((resolve) => {
      controller.signal.addEventListener(
        'abort',
        () => resolve({ ok: false, error: appError('timeout', `Clopos did not answer within ${Math.round(timeoutMs / 1000)} s.`) }),
        { once: true },
      );
    });
    const attempt = this.deps.poll(controller.signal).catch(
      (cause: unknown): PollOutcome => ({
        ok: false,
        error: appError('internal', `The poll failed unexpectedly: ${cause instanceof Error ? cause.message : String(cause)}`),
      }),
    );
    this.deps.log?.('debug', `Polling (${reason})`);
    this.inFlight = Promise.race([attempt, abandoned]).then((outcome) => {
      clock.clearTimeout(watchdog);
      this.inFlight = null;
      this.controller = null;
      if (!this.running) {
        this.deps.onChange();
        return;
      }
      // No poll outlives the watchdog while the PC is awake: a longer one spanned a sleep.
      this.noticeJump(clockJumpMs(clock.now(), startedAt, startedAt + timeoutMs), startedAt);
      this.deps.onSettled?.(outcome);
      this.settle(outcome, budgetBefore, startedAt);
    });
    this.nextAt = null;
    this.deps.onChange();
  }

  private settle(outcome: PollOutcome, budgetBefore: RateBudget | null, startedAt: number): void {
    this.measureCost(budgetBefore, this.deps.budget());
    this.failures = outcome.ok ? 0 : this.failures + 1;
    const delay = this.delayAfter(outcome);
    // Healthy polls keep a steady cadence from start to start: the request's own time is part of
    // the interval, so a new order waits half an interval on average, not that plus the request.
    // Start to start stays at least one interval, so the request rate is unchanged.
    if (delay.reason === 'interval') delay.delayMs = Math.max(0, delay.delayMs - Math.max(0, this.deps.clock.now() - startedAt));
    this.notBefore = delay.notBefore;
    if (delay.reason !== 'interval') {
      this.deps.log?.('info', `Next poll in ${Math.round(delay.delayMs / 1000)} s (${delay.reason})`);
    }
    if (this.paused) {
      this.deps.onChange();
      return;
    }
    this.schedule(delay.delayMs);
  }

  private delayAfter(outcome: PollOutcome) {
    const timing = this.deps.timing();
    return nextPollDelay({
      now: this.deps.clock.now(),
      intervalMs: timing.intervalMs,
      jitter: timing.jitter,
      random: timing.random,
      outcome,
      consecutiveFailures: this.failures,
      budget: this.deps.budget(),
      requestsPerPoll: this.requestsPerPoll,
    });
  }

  /**
   * What one poll interval costs in the rate budget. The drop in `remaining` across a poll also
   * counts other PCs of the brand that share the budget, which is what the slow-down must cover.
   */
  private measureCost(before: RateBudget | null, after: RateBudget | null): void {
    if (before?.remaining == null || after?.remaining == null) return;
    const used = before.remaining - after.remaining;
    if (used > 0 && (after.limit == null || used <= after.limit)) this.requestsPerPoll = used;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    const { clock } = this.deps;
    const delay = Math.min(Math.max(0, delayMs), MAX_WAIT_MS, MAX_TIMER_MS);
    const setAt = clock.now();
    this.nextAt = setAt + delay;
    this.timer = clock.setTimeout(() => {
      this.timer = null;
      this.nextAt = null;
      this.noticeJump(clockJumpMs(clock.now(), setAt + delay), setAt);
      this.pollNow('interval');
    }, delay);
    this.deps.onChange();
  }

  private noticeJump(jumpMs: number, since: number): void {
    if (jumpMs !== 0) this.deps.onClockJump?.(jumpMs, since);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
  }
}
