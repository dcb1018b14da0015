import type { Announcement, EngineSnapshot, PollCadence } from '../../common/engine';
import type { Order } from '../../common/order';
import { appError } from '../../common/result';
import type { VenueListing } from '../clopos/types';
import { AlertPolicy } from './alert-policy';
import { AutoCadence } from './cadence';
import { HealthMonitor } from './health-monitor';
import { resolveOptions } from './options';
import { OrderTracker } from './order-tracker';
import { MAX_TIMER_MS, PollScheduler } from './poll-scheduler';
import { clockJumpMs, LOW_BUDGET_SHARE, type PollOutcome } from './poll-timing';
import type { EngineDeps, EngineOptions, WatchEngine } from './types';


/** The reason the desktop shell gives when the PC wakes from sleep (powerMonitor 'resume'). */
export const RESUME_REASON = 'resume';

/**
 * Poll reasons that stand for a person acting: "Check now", saving new credentials, any other
 * explicit action ('user'), and waking the PC. They may retry a refused sign-in at once; every
 * other poll (the interval, the network coming back) leaves the sign-in back-off alone.
 */
export const PERSON_POLL_REASONS: ReadonlySet<string> = new Set(['check now', 'credentials changed', 'user', RESUME_REASON]);

/**
 * Orders that vanished from a listing are looked up (one request each) to learn where they went
 * and to tell a page shift from a real departure; at most this many per poll, so a rush of
 * acceptances cannot eat the rate budget (the rest are resolved by later listings).
 */
export const MAX_LOOKUPS_PER_POLL = 5;

/**
 * Wires the scheduler, tracker, alert policy and health monitor to the ports: polls the source,
 * tells the announcer what changed, persists the announced record and reports state.
 */
export function createWatchEngine(deps: EngineDeps): WatchEngine {
  const { clock, source, store } = deps;
  const log = deps.log ?? (() => undefined);
  let rawOptions: EngineOptions = deps.options;
  let options = resolveOptions(rawOptions);

  const tracker = new OrderTracker();
  const cadence = new AutoCadence(() => ({ floorMs: options.minPollIntervalMs, fallbackMs: options.pollIntervalMs }));
  let sentBefore = source.requestsSent?.() ?? 0;
  /** The cadence in effect: the fixed interval, or what the automatic cadence chose from the budget. */
  function pollCadence(): PollCadence {
    if (options.cadence === 'fixed') return { mode: 'fixed', intervalMs: options.pollIntervalMs, reason: 'fixed' };
    return { mode: 'auto', ...cadence.state() };
  }
  /** The options with the interval in effect, for the thresholds that count in poll intervals. */
  const effective = () => ({ ...options, pollIntervalMs: pollCadence().intervalMs });
  const policy = new AlertPolicy(effective);
  const health = new HealthMonitor(effective);
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
  let lastListingProblems = '';

  const scheduler = new PollScheduler({
    clock,
    poll,
    budget: () => source.budget(),
    timing: () => ({ intervalMs: pollCadence().intervalMs, jitter: options.jitter, random: options.random }),
    earliestPollAt: () => (options.cadence === 'auto' ? cadence.earliestPollAt(clock.now()) : 0),
    onSettled: (outcome) => {
      const sent = source.requestsSent?.() ?? 0;
      cadence.observe({ now: clock.now(), budget: source.budget(), requests: sent - sentBefore });
      sentBefore = sent;
      if (!outcome.ok) announceAll(health.pollFailed(outcome.error, clock.now()));
    },
    pollTimeoutMs: () => source.worstCaseListingMs?.() ?? 0,
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

  function announceAll(announcements: readonly Announcement[]): void {
    for (const a of announcements) announce(a);
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

  /** What is wrong with a listing, logged when it changes rather than on every poll. */
  function logListingProblems(skipped: readonly string[], venues: readonly VenueListing[]): void {
    const lines = [
      ...skipped.map((item) => `Clopos sent an order the app cannot fully read: ${item}`),
      ...venues.flatMap((v) => [
        ...(v.error ? [`Venue ${v.venueId} could not be listed: ${v.error.message}`] : []),
        ...(v.incomplete ? [`Venue ${v.venueId}: some pending orders cannot be seen (${v.incomplete})`] : []),
      ]),
    ];
    const key = lines.join('\n');
    if (key === lastListingProblems) return;
    lastListingProblems = key;
    for (const line of lines) log('warn', line);
  }

  /** Where orders missing from the listing went, within the per-poll bound and while the budget is not low. */
  async function lookUp(missing: { id: string; venueId: string }[], signal: AbortSignal): Promise<{ found: Order[]; vanished: Set<string> }> {
    const found: Order[] = [];
    const vanished = new Set<string>();
    const budget = source.budget();
    const low = budget?.limit != null && budget.remaining != null && budget.remaining < budget.limit * LOW_BUDGET_SHARE;
    if (!source.lookupOrders || missing.length === 0 || low) return { found, vanished };
    const answers = await source.lookupOrders(missing.slice(0, MAX_LOOKUPS_PER_POLL), signal);
    for (const [id, answer] of answers) {
      if ('found' in answer) found.push(answer.found);
      else vanished.add(id);
    }
    return { found, vanished };
  }

  async function poll(signal: AbortSignal): Promise<PollOutcome> {
    const startedAt = clock.now();
    health.pollStarted(startedAt);
    const result = await source.listPending(signal);
    // The scheduler gave up on this poll (timeout or stop): its result must not be applied.
    if (signal.aborted) return { ok: false, error: appError('timeout', 'The poll was abandoned.') };
    if (!result.ok) return { ok: false, error: result.error };
    const { orders, venues, skipped, serverTime } = result.value;
    logListingProblems(skipped, venues);
    const looked = await lookUp(tracker.missingFrom(orders, { venues }), signal);
    if (signal.aborted) return { ok: false, error: appError('timeout', 'The poll was abandoned.') };
    const now = clock.now();
    lastSuccessAt = now;
    const diff = tracker.apply([...orders, ...looked.found], now, { venues, vanished: looked.vanished, listedAt: startedAt });
    // Saved with the announcement below: a slip due is never lost to a restart.
    if (rawOptions.printNewOrders === true) tracker.markSlipsDue(diff.added.map((entry) => entry.order.id));
    announceAll(health.pollSucceeded(venues, now, startedAt));
    for (const a of policy.onSnapshot(diff, now, serverTime)) announce(a);
    for (const a of policy.tick(now)) announce(a);
    // At-least-once: announce first, then save at once. A crash between the two (the duration
    // of one atomic file write) re-announces these orders after a restart; saving first would
    // instead lose them for good if the crash came before the announcement.
    if (diff.recordChanged || recordDirty) await persist();
    return { ok: true };
  }

  /**
   * A next check held back far beyond the regular cadence (a rate-limit reset, a low budget spread
   * thin) is a blind stretch the app knows in advance: alarmed at once, saying for how long.
   */
  function judgeWait(): void {
    if (!started || stopped || scheduler.polling) return;
    const next = scheduler.isPaused ? null : scheduler.nextPollAt;
    // Counted from the last poll's start, or from waking when the PC slept since (the sleep is no wait).
    const last = scheduler.lastPollStartedAt === null ? null : Math.max(scheduler.lastPollStartedAt, jumpHandledAt);
    const held = next !== null && last !== null && next - last > pollCadence().intervalMs + options.healthMs;
    announceAll(health.heldBack(held ? next : null, clock.now()));
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
    announceAll(health.tick(now, scheduler.polling));
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
    judgeWait();
    armAlertTimer();
    deps.onState?.(snapshot());
  }

  function snapshot(): EngineSnapshot {
    const now = clock.now();
    const healthView = health.view();
    return {
      pending: policy.pending(),
      history: policy.history(),
      health: healthView,
      lastSuccessAt: lastSuccessAt,
      nextPollAt: scheduler.nextPollAt,
      polling: scheduler.polling,
      paused: scheduler.isPaused,
      alertsPausedUntil: policy.pausedUntil(now),
      mutedUntil: policy.mutedUntilAt(now),
      budget: source.budget(),
      cadence: pollCadence(),
      alarmActive: policy.alarmActive(now) || (healthView.alarmed && !policy.isMuted(now)),
    };
  }

  function acknowledged(ids: readonly string[]): void {
    const now = clock.now();
    let recordChanged = false;
    for (const id of ids) recordChanged = tracker.acknowledge(id, now) || recordChanged;
    // Kept with the record, so a restart does not ring for orders already acknowledged.
    if (recordChanged) void persist();
    changed();
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
      policy.pause(untilMs, clock.now());
      changed();
    },
    muteAlerts(untilMs) {
      policy.mute(untilMs, clock.now());
      changed();
    },
    resumeAlerts() {
      policy.resume();
      changed();
    },
    acknowledge(id) {
      if (policy.acknowledge(id)) acknowledged([id]);
    },
    acknowledgeAll() {
      const ids = policy.acknowledgeAll();
      if (ids.length > 0) acknowledged(ids);
    },
    updateOptions(patch) {
      const before = pollCadence().intervalMs;
      rawOptions = { ...rawOptions, ...patch, alerts: { ...rawOptions.alerts, ...patch.alerts } };
      options = resolveOptions(rawOptions);
      if (pollCadence().intervalMs !== before) scheduler.intervalChanged();
      changed();
    },
    snapshot,
    slipsDue: () => tracker.slipsDue(),
    slipPrinted(id) {
      if (tracker.slipPrinted(id, clock.now())) void persist();
    },
  };
}
