import type { Announcement, EngineHealth, HealthStatus } from '../../common/engine';
import { appError, type AppError } from '../../common/result';

export interface HealthThresholds {
  /** Failures in a row that raise the alarm. */
  healthFailures: number;
  /** Time without a successful poll, while polls fail or hang, that raises the alarm. */
  healthMs: number;
}

type HealthAnnouncement = Extract<Announcement, { type: 'health' }>;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Watches poll outcomes and raises one health alarm per outage (naming its cause) and one
 * recovery notice, instead of an alarm on every failed poll.
 */
export class HealthMonitor {
  private status: HealthStatus = 'starting';
  private error: AppError | null = null;
  private failures = 0;
  private alarmed = false;
  /** First failure of the current streak (or the last good moment, for a poll that hangs). */
  private problemSince: number | null = null;
  /** Last successful poll, or when watching (re)started: the clock for the time-based alarm. */
  private reference = 0;

  constructor(private readonly thresholds: () => HealthThresholds) {}

  /** Watching starts or resumes after a pause: time not spent watching does not count as an outage. */
  begin(now: number): void {
    this.reference = now;
  }

  success(now: number): HealthAnnouncement | null {
    const wasAlarmed = this.alarmed;
    const downSince = this.problemSince;
    this.status = 'ok';
    this.error = null;
    this.failures = 0;
    this.alarmed = false;
    this.problemSince = null;
    this.reference = now;
    if (!wasAlarmed) return null;
    return {
      type: 'health',
      state: 'ok',
      message: 'Connected to Clopos again; orders are being watched.',
      since: iso(now),
      downSince: downSince === null ? null : iso(downSince),
    };
  }

  failure(error: AppError, now: number): HealthAnnouncement | null {
    this.failures += 1;
    this.error = error;
    this.problemSince ??= now;
    if (this.failures >= this.thresholds().healthFailures) return this.raise(now);
    return this.tick(now, false);
  }

  /** The time-based alarm: only while polls fail or one hangs, never while merely waiting for the next poll. */
  tick(now: number, polling: boolean): HealthAnnouncement | null {
    const due = this.nextDueAt(polling);
    if (due === null || now < due) return null;
    if (!this.error) {
      this.error = appError('timeout', `Clopos has not answered for ${Math.round((now - this.reference) / 1000)} s.`);
      this.problemSince ??= this.reference;
    }
    return this.raise(now);
  }

  nextDueAt(polling: boolean): number | null {
    if (this.alarmed || (this.failures === 0 && !polling)) return null;
    return this.reference + this.thresholds().healthMs;
  }

  view(): EngineHealth {
    return {
      status: this.status,
      error: this.error,
      since: this.problemSince === null ? null : iso(this.problemSince),
      consecutiveFailures: this.failures,
      alarmed: this.alarmed,
    };
  }

  private raise(now: number): HealthAnnouncement | null {
    if (this.alarmed || !this.error) return null;
    this.alarmed = true;
    this.status = 'problem';
    const since = iso(this.problemSince ?? now);
    return { type: 'health', state: this.error.kind, message: this.error.message, since, downSince: since };
  }
}
