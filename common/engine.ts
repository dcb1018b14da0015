import type { AppError, ErrorKind } from './result';
import type { Order, OrderStatus } from './order';

/**
 * The longest any rate-limit wait may last, whatever a header says: Clopos' longest window (v1's
 * hourly one) and a minute's margin. A longer reset is a misread header or a skewed clock.
 */
export const LONGEST_RATE_WAIT_MS = 3_600_000 + 60_000;

/** What the rate-limit headers said last. */
export interface RateBudget {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms when the window resets, null when unknown. */
  resetAt: number | null;
  /**
   * Who shares this budget: 'brand' = every PC of the brand (v2 `RateLimit-*`), 'key' = the API
   * key (v1 `X-RateLimit-*`); null when unknown.
   */
  scope?: 'brand' | 'key' | null;
  /** A documented hourly limit the headers do not report (v1: 1,000 an hour per key); null when none. */
  perHour?: number | null;
}

/**
 * Why the poll cadence is what it is: 'fixed' = the interval set in Settings; the rest are the
 * automatic cadence's reasons ('no-budget-info' = no reply has reported the budget yet, so it
 * polls at the set interval).
 */
export type CadenceReason = 'fixed' | 'fastest' | 'shared' | 'budget-low' | 'hourly-limit' | 'no-budget-info';

export interface PollCadence {
  mode: 'auto' | 'fixed';
  /** The interval between polls in effect now (before jitter and back-off). */
  intervalMs: number;
  reason: CadenceReason;
}

/**
 * A moment as milliseconds since 1970 (UTC): the one form every time the engine reports takes, in
 * main, over IPC and in the window. (Times inside an order are Clopos' own, normalised to ISO text.)
 */
export type EpochMs = number;

/** What the alert policy asks the desktop (or the CLI) to tell a person. */
export type Announcement =
  | { type: 'new-order'; order: Order }
  | { type: 'summary'; orders: Order[] }
  | { type: 'left-pending'; id: string; status: OrderStatus; order: Order | null }
  | { type: 'reminder'; orders: Order[] }
  | { type: 'escalation'; order: Order; waitedMs: number }
  | { type: 'health'; state: 'ok'; message: string; since: EpochMs; downSince: EpochMs | null; venueId?: null }
  /** A problem that blinds the watch, or one venue of it (`venueId`; absent or null = the whole watch), was raised. */
  | { type: 'health'; state: ErrorKind; message: string; since: EpochMs; downSince: EpochMs | null; venueId?: string | null };

export interface TrackedOrder {
  order: Order;
  /** When the notifier first saw the order pending. */
  firstSeenAt: EpochMs;
  acknowledged: boolean;
  /** When the order left pending, null while pending. */
  leftPendingAt: EpochMs | null;
}

export type HealthStatus = 'starting' | 'ok' | 'problem';

/**
 * One way the app is (partly) blind: every poll failing, one venue failing, a listing known to be
 * incomplete, orders whose id cannot be read, or checks held back by the rate limit.
 */
export interface HealthProblem {
  /** Stable while the problem lasts: 'connection', 'wait', 'venue:2', 'incomplete:2', 'unreadable:2'. */
  key: string;
  /** The venue it blinds, null when it concerns the whole watch. */
  venueId: string | null;
  error: AppError;
  /** When it was first seen. */
  since: EpochMs;
  /** True once it was alarmed (K times in a row or S seconds of it, at once for a held-back check). */
  alarmed: boolean;
}

export interface EngineHealth {
  status: HealthStatus;
  /** The headline problem (an alarmed one first, the whole-watch one before a venue's), or the last failure below the threshold. */
  error: AppError | null;
  /** When the headline problem started. */
  since: EpochMs | null;
  consecutiveFailures: number;
  /** True while any problem is alarmed. */
  alarmed: boolean;
  /** Every current problem, alarmed or not yet, whole-watch ones first. */
  problems: HealthProblem[];
}

export interface EngineSnapshot {
  /** Orders pending right now, oldest first. */
  pending: TrackedOrder[];
  /** Orders seen this session that left pending, newest first, bounded. */
  history: TrackedOrder[];
  health: EngineHealth;
  lastSuccessAt: EpochMs | null;
  nextPollAt: EpochMs | null;
  polling: boolean;
  /** Polling paused by the user. */
  paused: boolean;
  /** Reminders and escalations paused until then (always a stated time); new orders and problems still sound. */
  alertsPausedUntil: EpochMs | null;
  /** Every sound silenced until then (at most 15 minutes from when it was set); null when not muted. */
  mutedUntil: EpochMs | null;
  budget: RateBudget | null;
  /** How often the engine polls now, and why. */
  cadence: PollCadence;
  /** True when at least one pending order is unacknowledged and sound is not muted. */
  alarmActive: boolean;
}

/** The result of a connection check, shared by the CLI `check` and the app's "Test connection". */
export interface DiagnosisStep {
  id: 'config' | 'auth' | 'orders';
  ok: boolean;
  /** What was tried and what happened. */
  message: string;
}
export interface Diagnosis {
  ok: boolean;
  steps: DiagnosisStep[];
  /** What to do next, empty when all is well. */
  advice: string[];
  /** Warnings that do not fail the check (e.g. a pasted token that cannot be renewed). */
  warnings: string[];
}
