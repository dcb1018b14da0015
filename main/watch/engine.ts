import type { Announcement, EngineSnapshot } from '../../common/engine';
import { appError } from '../../common/result';
import { AlertPolicy } from './alert-policy';
import { HealthMonitor } from './health-monitor';
import { resolveOptions } from './options';
import { OrderTracker } from './order-tracker';
import { MAX_TIMER_MS, PollScheduler } from './poll-scheduler';
import { clockJumpMs, type PollOutcome } from './poll-timing';
import type { EngineDeps, EngineOptions, WatchEngine } from './types';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The reason the desktop shell gives when the PC wakes from sleep (powerMonitor 'resume'). */
export const RESUME_REASON = 'resume';

/**
 * Poll reasons that stand for a person acting: "Check now", saving new credentials, any other
 * explicit action ('user'), and waking the PC. They may retry a refused sign-in at once; every
 * other poll (the interval, the network coming back) leaves the sign-in back-off alone.
 */
export const PERSON_POLL_REASONS: ReadonlySet<string> = new Set(['check now', 'credentials changed', 'user', RESUME_REASON]);

/**
 * Wires the scheduler, tracker, alert policy and health monitor to the ports: polls the source,
 * tells the announcer what changed, persists the announced record and reports state.
 */
export function createWatchEngine(deps: EngineDeps): WatchEngine {
  const { clock, source, store } = deps;
  const log = deps.log ?? (() => undefined);
  let rawOptions: Partial<EngineOptions> = { ...deps.options };
  let options = resolveOptions(rawOptions);

  const tracker = new OrderTracker();
  const policy = new AlertPolicy(() => options);
  const health = new HealthMonitor(() => options);
  let lastSuccessAt: number | null = null;
  let alertTimer: unknown = null;
  /** Wall-clock time the alert timer was set, and its delay. */
  let alertTimerSetAt = 0;
  let alertTimerDelay = 0;
  /** When the last sleep or clock jump was taken into account; timers set before it report the same jump. */
  let jumpHandledAt = Number.NEGATIVE_INFINITY;
  let started = false;
  let stopped = false;
  let recordDirty = false;
  let saving: Promise<void> = Promise.resolve();

  const scheduler = new PollScheduler({
    clock,
    poll,
    budget: () => source.budget(),
    timing: () => ({ intervalMs: options.pollIntervalMs, jitter: options.jitter, random: options.random }),
    onSettled: (outcome) => {
      if (!outcome.ok) announce(health.failure(outcome.error, clock.now()));
    },
    onChange: changed,
    onClockJump: clockJumped,
    log,
  });

  function announce(announcement: Announcement | null): void {
    if (!announcement) return;
    try {
      deps.announcer.announce(announcement);
    } catch (cause) {
      log('error', `Announcer failed on ${announcement.type}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }

  function persist(): Promise<void> {
    const entries = new Map(tracker.record());
    recordDirty = false;
    saving = saving.then(() =>
      store.save(entries).catch((cause: unknown) => {
        recordDirty = true;
        log('warn', `Could not save the announced-orders record: ${cause instanceof Error ? cause.message : String(cause)}`);
      }),
    );
    return saving;
  }

  async function poll(signal: AbortSignal): Promise<PollOutcome> {
    health.pollStarted(clock.now());
    const result = await source.listPending(signal);
    // The scheduler gave up on this poll (timeout or stop): its result must not be applied.
    if (signal.aborted) return { ok: false, error: appError('timeout', 'The poll was abandoned.') };
    if (!result.ok) return { ok: false, error: result.error };
    const now = clock.now();
    lastSuccessAt = now;
    for (const skipped of result.value.skipped) log('warn', `Skipped an order Clopos sent: ${skipped}`);
    if (result.value.truncated) log('warn', 'Clopos listed more pending orders than the page bound allows; some may be missing.');
    const diff = tracker.apply(result.value.orders, now, { complete: !result.value.truncated, paged: result.value.paged === true });
    announce(health.success(now));
    for (const a of policy.onSnapshot(diff, now, result.value.serverTime)) announce(a);
    for (const a of policy.tick(now)) announce(a);
    // At-least-once: announce first, then save at once. A crash between the two (the duration
    // of one atomic file write) re-announces these orders after a restart; saving first would
    // instead lose them for good if the crash came before the announcement.
    if (diff.recordChanged || recordDirty) await persist();
    return { ok: true };
  }

  /** Time the PC slept (or a clock change) is not time Clopos left unanswered: the health alarm counts from now. */
  function watchingResumed(): void {
    jumpHandledAt = clock.now();
    health.begin(jumpHandledAt);
  }

  function clockJumped(jumpMs: number, since: number): void {
    if (since < jumpHandledAt) return;
    log('info', `The clock moved ${Math.round(jumpMs / 1000)} s beyond what the timers expected (sleep or a clock change)`);
    watchingResumed();
  }

  function onAlertTimer(): void {
    alertTimer = null;
    const now = clock.now();
    const jump = clockJumpMs(now, alertTimerSetAt + alertTimerDelay);
    if (jump !== 0) clockJumped(jump, alertTimerSetAt);
    announce(health.tick(now, scheduler.polling));
    for (const a of policy.tick(now)) announce(a);
    changed();
  }

  function armAlertTimer(): void {
    if (alertTimer !== null) clock.clearTimeout(alertTimer);
    alertTimer = null;
    if (!started || stopped) return;
    const dues = [policy.nextDueAt(), scheduler.isPaused ? null : health.nextDueAt(scheduler.polling)];
    const due = Math.min(...dues.filter((d): d is number => d !== null));
    if (!Number.isFinite(due)) return;
    alertTimerSetAt = clock.now();
    alertTimerDelay = Math.min(Math.max(0, due - alertTimerSetAt), MAX_TIMER_MS);
    alertTimer = clock.setTimeout(onAlertTimer, alertTimerDelay);
  }

  function changed(): void {
    armAlertTimer();
    deps.onState?.(snapshot());
  }

  function snapshot(): EngineSnapshot {
    const now = clock.now();
    return {
      pending: policy.pending(),
      history: policy.history(),
      health: health.view(),
      lastSuccessAt: iso(lastSuccessAt),
      nextPollAt: iso(scheduler.nextPollAt),
      polling: scheduler.polling,
      paused: scheduler.isPaused,
      alertsPausedUntil: policy.pausedUntilIso(now),
      budget: source.budget(),
      alarmActive: policy.alarmActive(now),
    };
  }

  return {
    async start() {
      if (started) return;
      started = true;
      try {
        const loaded = await store.load();
        if (loaded.warning) log('warn', loaded.warning);
        tracker.restore(loaded.entries);
      } catch (cause) {
        log('error', `Could not read the announced-orders record; orders still pending may be announced again: ${String(cause)}`);
      }
      if (stopped) return;
      health.begin(clock.now());
      scheduler.start();
      changed();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      armAlertTimer();
      await scheduler.stop();
      if (recordDirty) await persist();
      await saving;
    },
    pollNow(reason) {
      if (reason === RESUME_REASON) {
        // The alarm timer may have come due during the sleep: re-arm it from waking.
        watchingResumed();
        armAlertTimer();
      }
      if (PERSON_POLL_REASONS.has(reason)) source.resetAuthBackoff?.();
      scheduler.pollNow(reason);
    },
    setPollingPaused(paused) {
      if (!paused && scheduler.isPaused) health.begin(clock.now());
      scheduler.setPaused(paused);
      changed();
    },
    pauseAlerts(untilMs) {
      policy.pause(untilMs);
      changed();
    },
    resumeAlerts() {
      policy.resume();
      changed();
    },
    acknowledge(id) {
      if (policy.acknowledge(id)) changed();
    },
    acknowledgeAll() {
      if (policy.acknowledgeAll()) changed();
    },
    updateOptions(patch) {
      const before = options.pollIntervalMs;
      rawOptions = { ...rawOptions, ...patch };
      options = resolveOptions(rawOptions);
      if (options.pollIntervalMs !== before) scheduler.intervalChanged();
      changed();
    },
    snapshot,
  };
}
