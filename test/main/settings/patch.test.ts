import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { applySettingsPatch } from '../../../main/settings/patch';

describe('applySettingsPatch', () => {
  it('applies a valid change and leaves the other sections alone', () => {
    const result = applySettingsPatch(DEFAULT_SETTINGS, { pollIntervalSeconds: 30, startAtLogin: true });
    expect(result).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, pollIntervalSeconds: 30, startAtLogin: true } });
  });

  it('refuses an invalid change, naming every bad field, and returns no settings', () => {
    const result = applySettingsPatch(DEFAULT_SETTINGS, {
      pollIntervalSeconds: 1,
      alerts: { ...DEFAULT_SETTINGS.alerts, volume: 3 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-request');
    expect(result.error.message).toContain('pollIntervalSeconds');
    expect(result.error.message).toContain('alerts.volume');
  });

  it('cannot change the format version', () => {
    const patch = { version: 99 } as unknown as Parameters<typeof applySettingsPatch>[1];
    const result = applySettingsPatch(DEFAULT_SETTINGS, patch);
    expect(result.ok && result.value.version).toBe(DEFAULT_SETTINGS.version);
  });
});
