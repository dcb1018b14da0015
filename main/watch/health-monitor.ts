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
  /** First failure of the current streak (or when a poll that hangs started). */
  private problemSince: number | null = null;
  /**
   * Last successful poll, or when watching (re)started, resumed after sleep or the clock jumped:
   * the clock for the time-based alarm while polls fail.
   */
  private reference = 0;
  /** When the poll in flight (or the last one) started: a hang counts from here, not from the last success. */
  private pollStartedAt: number | null = null;

  constructor(private readonly thresholds: () => HealthThresholds) {}

  /**
   * Watching starts, resumes after a pause or after sleep, or the clock jumped: time not spent
   * watching does not count as an outage.
   */
  begin(now: number): void {
    this.reference = now;
  }

  pollStarted(now: number): void {
    this.pollStartedAt = now;
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
      const since = this.unansweredSince(polling);
      this.error = appError('timeout', `Clopos has not answered for ${Math.round((now - since) / 1000)} s.`);
      this.problemSince ??= since;
    }
    return this.raise(now);
  }

  nextDueAt(polling: boolean): number | null {
    if (this.alarmed || (this.failures === 0 && !polling)) return null;
    return this.unansweredSince(polling) + this.thresholds().healthMs;
  }

  /**
   * Failed polls make an outage that runs from the last success (or restart). Without a failure,
   * only the poll in flight can be hanging, so the wait counts from its start: the gap before it
   * (a long interval, the PC asleep) was no unanswered request.
   */
  private unansweredSince(polling: boolean): number {
    if (this.failures > 0 || !polling || this.pollStartedAt === null) return this.reference;
    return Math.max(this.reference, this.pollStartedAt);
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
