import { DEFAULT_SETTINGS, POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S, type PollCadenceMode } from '../../common/settings';
import type { EngineAlerts, EngineOptions, EngineOptionsPatch, EngineTuning } from './types';

/** The engine's defaults are the app's default settings, so the CLI and the desktop app behave alike. */
export const DEFAULT_ENGINE_OPTIONS: Required<Omit<EngineOptions, 'random'>> = {
  pollIntervalSeconds: DEFAULT_SETTINGS.pollIntervalSeconds,
  cadence: DEFAULT_SETTINGS.pollCadence,
  alerts: DEFAULT_SETTINGS.alerts,
  minPollIntervalSeconds: POLL_INTERVAL_MIN_S,
  jitter: 0.05,
  printNewOrders: false,
};

export interface ResolvedOptions {
  cadence: PollCadenceMode;
  /** The fixed interval (and the automatic cadence's until the budget is known). */
  pollIntervalMs: number;
  /** The fastest cadence allowed. */
  minPollIntervalMs: number;
  reminderMs: number;
  escalationMs: number;
  summaryThreshold: number;
  healthFailures: number;
  healthMs: number;
  jitter: number;
  random: () => number;
}

const finiteOr = (value: number | undefined, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * Turns caller options into the values the engine works with. Out-of-range values are clamped
 * rather than rejected: the settings screen validates for the user, the engine must keep running.
 */
export function resolveOptions(options: EngineOptionsPatch): ResolvedOptions {
  const d = { ...DEFAULT_ENGINE_OPTIONS, ...DEFAULT_ENGINE_OPTIONS.alerts };
  const a: Partial<EngineAlerts> = options.alerts ?? {};
  const floorS = clamp(finiteOr(options.minPollIntervalSeconds, d.minPollIntervalSeconds), 1, POLL_INTERVAL_MIN_S);
  return {
    cadence: options.cadence === 'fixed' || options.cadence === 'auto' ? options.cadence : d.cadence,
    pollIntervalMs: clamp(finiteOr(options.pollIntervalSeconds, d.pollIntervalSeconds), floorS, POLL_INTERVAL_MAX_S) * 1000,
    minPollIntervalMs: floorS * 1000,
    reminderMs: Math.max(1, finiteOr(a.reminderSeconds, d.reminderSeconds)) * 1000,
    escalationMs: Math.max(0, finiteOr(a.escalationMinutes, d.escalationMinutes)) * 60_000,
    summaryThreshold: Math.max(1, Math.floor(finiteOr(a.summaryThreshold, d.summaryThreshold))),
    healthFailures: Math.max(1, Math.floor(finiteOr(a.healthFailures, d.healthFailures))),
    healthMs: Math.max(1, finiteOr(a.healthSeconds, d.healthSeconds)) * 1000,
    jitter: clamp(finiteOr(options.jitter, d.jitter), 0, 0.2),
    random: options.random ?? Math.random,
  };
}

/** Options with some timings changed, given flat as the environment gives them (the interval and alert timings side by side). */
export function withTuning(base: EngineOptions, tuning: Partial<EngineTuning> & Partial<Omit<EngineOptions, 'alerts'>>): EngineOptions {
  const { reminderSeconds, escalationMinutes, summaryThreshold, healthFailures, healthSeconds, ...rest } = tuning;
  const given = { reminderSeconds, escalationMinutes, summaryThreshold, healthFailures, healthSeconds };
  const alerts = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as Partial<EngineAlerts>;
  return { ...base, ...rest, alerts: { ...base.alerts, ...alerts } };
}
