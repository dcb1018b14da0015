import { DEFAULT_SETTINGS, POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S } from '../../common/settings';
import type { EngineOptions } from './types';

const alerts = DEFAULT_SETTINGS.alerts;

/** The engine's defaults are the app's default settings, so the CLI and the desktop app behave alike. */
export const DEFAULT_ENGINE_OPTIONS: Required<Omit<EngineOptions, 'random'>> = {
  pollIntervalSeconds: DEFAULT_SETTINGS.pollIntervalSeconds,
  reminderSeconds: alerts.reminderSeconds,
  escalationMinutes: alerts.escalationMinutes,
  summaryThreshold: alerts.summaryThreshold,
  healthFailures: alerts.healthFailures,
  healthSeconds: alerts.healthSeconds,
  minPollIntervalSeconds: POLL_INTERVAL_MIN_S,
  jitter: 0.05,
};

export interface ResolvedOptions {
  pollIntervalMs: number;
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

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * Turns caller options into the values the engine works with. Out-of-range values are clamped
 * rather than rejected: the settings screen validates for the user, the engine must keep running.
 */
export function resolveOptions(options: Partial<EngineOptions>): ResolvedOptions {
  const d = DEFAULT_ENGINE_OPTIONS;
  return {
    pollIntervalMs:
      clamp(
        finiteOr(options.pollIntervalSeconds, d.pollIntervalSeconds),
        clamp(finiteOr(options.minPollIntervalSeconds, d.minPollIntervalSeconds), 1, POLL_INTERVAL_MIN_S),
        POLL_INTERVAL_MAX_S,
      ) * 1000,
    reminderMs: Math.max(1, finiteOr(options.reminderSeconds, d.reminderSeconds)) * 1000,
    escalationMs: Math.max(0, finiteOr(options.escalationMinutes, d.escalationMinutes)) * 60_000,
    summaryThreshold: Math.max(1, Math.floor(finiteOr(options.summaryThreshold, d.summaryThreshold))),
    healthFailures: Math.max(1, Math.floor(finiteOr(options.healthFailures, d.healthFailures))),
    healthMs: Math.max(1, finiteOr(options.healthSeconds, d.healthSeconds)) * 1000,
    jitter: clamp(finiteOr(options.jitter, d.jitter), 0, 0.2),
    random: options.random ?? Math.random,
  };
}
