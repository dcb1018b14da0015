import type { AppError, ErrorKind } from './result';
import type { Order, OrderStatus } from './order';

/** What the rate-limit headers said last. */
export interface RateBudget {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms when the window resets, null when unknown. */
  resetAt: number | null;
}

/** What the alert policy asks the desktop (or the CLI) to tell a person. */
export type Announcement =
  | { type: 'new-order'; order: Order }
  | { type: 'summary'; orders: Order[] }
  | { type: 'left-pending'; id: string; status: OrderStatus; order: Order | null }
  | { type: 'reminder'; orders: Order[] }
  | { type: 'escalation'; order: Order; waitedMs: number }
  | { type: 'health'; state: 'ok'; message: string; since: string; downSince: string | null }
  | { type: 'health'; state: ErrorKind; message: string; since: string; downSince: string | null };

export interface TrackedOrder {
  order: Order;
  /** ISO time the notifier first saw the order pending. */
  firstSeenAt: string;
  acknowledged: boolean;
  /** ISO time the order left pending, null while pending. */
  leftPendingAt: string | null;
}

export type HealthStatus = 'starting' | 'ok' | 'problem';

export interface EngineHealth {
  status: HealthStatus;
  /** The last failure, while status is 'problem' (or failing below the alarm threshold). */
  error: AppError | null;
  /** ISO time the current problem started. */
  since: string | null;
  consecutiveFailures: number;
  /** True once the health alarm has been raised for this problem. */
  alarmed: boolean;
}

export interface EngineSnapshot {
  /** Orders pending right now, oldest first. */
  pending: TrackedOrder[];
  /** Orders seen this session that left pending, newest first, bounded. */
  history: TrackedOrder[];
  health: EngineHealth;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  polling: boolean;
  /** Polling paused by the user. */
  paused: boolean;
  /** Alerts (sound, reminders) muted until this ISO time; null when not muted. "until resumed" is far future. */
  alertsPausedUntil: string | null;
  budget: RateBudget | null;
  /** True when at least one pending order is unacknowledged and alerts are not paused. */
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
