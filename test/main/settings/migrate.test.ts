import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, settingsSchema, type Settings } from '../../../common/settings';
import { migrate } from '../../../main/settings/migrate';

const valid: Settings = {
  ...DEFAULT_SETTINGS,
  onboarded: true,
  connection: { ...DEFAULT_SETTINGS.connection, brand: 'openapitest', venues: ['1', '2'], clientId: 'cid' },
  pollIntervalSeconds: 15,
  alerts: { ...DEFAULT_SETTINGS.alerts, volume: 0.5 },
};

describe('migrate', () => {
  it('returns current, valid settings unchanged and without a warning', () => {
    expect(migrate(structuredClone(valid))).toEqual({ settings: valid, warning: null });
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['a number', 42],
    ['an array', [1, 2, 3]],
  ])('falls back to the defaults with a warning for %s', (_name, raw) => {
    const { settings, warning } = migrate(raw);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warning).toMatch(/did not contain settings/);
  });

  it('migrates the flat v0 shape to v1', () => {
    const { settings, warning } = migrate({
      apiVersion: 'v1',
      baseUrl: 'https://integrations.clopos.com/open-api',
      brand: 'openapitest',
      venueId: 1,
      clientId: 'client-1',
      pollInterval: 20,
      soundEnabled: false,
      volume: 40,
      language: 'az',
      startAtLogin: true,
      currency: 'USD',
    });
    expect(warning).toBeNull();
    expect(settingsSchema.safeParse(settings).success).toBe(true);
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.onboarded).toBe(true);
    expect(settings.connection).toMatchObject({ api: 'v1', brand: 'openapitest', venues: ['1'], clientId: 'client-1' });
    expect(settings.pollIntervalSeconds).toBe(20);
    expect(settings.alerts.sound).toBe(false);
    expect(settings.alerts.volume).toBeCloseTo(0.4);
    expect(settings.language).toBe('az');
    expect(settings.startAtLogin).toBe(true);
    expect(settings.currency).toEqual({ label: 'USD', decimals: DEFAULT_SETTINGS.currency.decimals });
    // Fields v0 never had take their defaults.
    expect(settings.allowReject).toBe(false);
  });

  it('reports an invalid v0 value under its v1 name and keeps the rest', () => {
    const { settings, warning } = migrate({ brand: 'openapitest', pollInterval: 'fast', volume: 70 });
    expect(settings.pollIntervalSeconds).toBe(DEFAULT_SETTINGS.pollIntervalSeconds);
    expect(settings.connection.brand).toBe('openapitest');
    expect(settings.alerts.volume).toBeCloseTo(0.7);
    expect(warning).toContain('pollIntervalSeconds');
  });

  it('replaces invalid fields one by one and names each of them', () => {
    const raw = {
      ...structuredClone(valid),
      pollIntervalSeconds: 1,
      language: 'klingon',
      alerts: { ...valid.alerts, volume: 7, reminderSeconds: 'often' },
      connection: { ...valid.connection, baseUrl: 'javascript:alert(1)' },
    };
    const { settings, warning } = migrate(raw);
    expect(settingsSchema.safeParse(settings).success).toBe(true);
    expect(settings.pollIntervalSeconds).toBe(DEFAULT_SETTINGS.pollIntervalSeconds);
    expect(settings.language).toBe(DEFAULT_SETTINGS.language);
    expect(settings.alerts.volume).toBe(DEFAULT_SETTINGS.alerts.volume);
    expect(settings.alerts.reminderSeconds).toBe(DEFAULT_SETTINGS.alerts.reminderSeconds);
    expect(settings.connection.baseUrl).toBe(DEFAULT_SETTINGS.connection.baseUrl);
    // Valid neighbours survive.
    expect(settings.alerts.escalationMinutes).toBe(valid.alerts.escalationMinutes);
    expect(settings.connection.brand).toBe('openapitest');
    expect(settings.onboarded).toBe(true);
    for (const path of ['pollIntervalSeconds', 'language', 'alerts.volume', 'alerts.reminderSeconds', 'connection.baseUrl']) {
      expect(warning).toContain(path);
    }
  });

  it('keeps the valid venues of a list with a bad entry', () => {
    const raw = { ...structuredClone(valid), connection: { ...valid.connection, venues: ['1', 'bad venue!', '3'] } };
    const { settings, warning } = migrate(raw);
    expect(settings.connection.venues).toEqual(['1', '3']);
    expect(warning).toContain('connection.venues');
  });

  it('fills missing fields with defaults without a warning', () => {
    const { alerts: _alerts, currency: _currency, ...partial } = structuredClone(valid);
    const { settings, warning } = migrate(partial);
    expect(settings.alerts).toEqual(DEFAULT_SETTINGS.alerts);
    expect(settings.currency).toEqual(DEFAULT_SETTINGS.currency);
    expect(warning).toBeNull();
  });

  it('a file from before the report and Telegram gets their defaults silently; a bad chat id is reset and named', () => {
    const { telegram: _t, ledger: _l, ...older } = structuredClone(valid);
    expect(migrate(older)).toEqual({ settings: valid, warning: null });
    const bad = migrate({ ...structuredClone(valid), telegram: { enabled: true, chatId: 'my friend', orderMinutes: 5, outageMinutes: 5 } });
    expect(bad.settings.telegram).toEqual({ enabled: true, chatId: '', orderMinutes: 5, outageMinutes: 5 });
    expect(bad.warning).toMatch(/telegram\.chatId/);
  });

  it('takes a Telegram chat as a number (groups are negative) or a public @name, nothing else', () => {
    const chat = (chatId: string) => settingsSchema.shape.telegram.safeParse({ ...DEFAULT_SETTINGS.telegram, chatId }).success;
    expect(['', '123456789', '-1001234567890', '@restaurant_alerts'].map(chat)).toEqual([true, true, true, true]);
    expect(['my friend', '12a', '@ab', 'https://t.me/x', '-'].map(chat)).toEqual([false, false, false, false, false]);
  });

  it('reads a file from a newer version, drops what it does not know and says so', () => {
    const { settings, warning } = migrate({ ...structuredClone(valid), version: SETTINGS_VERSION + 1, futureThing: { x: 1 } });
    expect(settings).toEqual(valid);
    expect(settings).not.toHaveProperty('futureThing');
    expect(warning).toMatch(/newer version/);
  });

  it('reads an unknown version as the current format with a warning', () => {
    const { settings, warning } = migrate({ ...structuredClone(valid), version: 'banana' });
    expect(settings).toEqual(valid);
    expect(warning).toMatch(/unknown format version/);
  });

  it('never throws, whatever it is given', () => {
    const hostile: unknown[] = [
      undefined,
      { connection: null, alerts: [], currency: 'x' },
      { version: 1, connection: { venues: 'not-a-list' } },
      JSON.parse('{"__proto__":{"polluted":true},"version":1}'),
      { version: 1, alerts: { volume: Number.NaN } },
      { version: 1, receiptUrlTemplate: 'https://x.test/no-placeholder' },
    ];
    for (const raw of hostile) {
      const { settings } = migrate(raw);
      expect(settingsSchema.safeParse(settings).success).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not share objects with the defaults', () => {
    const { settings } = migrate(null);
    settings.connection.venues.push('9');
    expect(DEFAULT_SETTINGS.connection.venues).toEqual([]);
  });
});

describe('credentials only over https', () => {
  it('moves a saved plain-http server address to https on the same host, and says so', () => {
    const result = migrate({ ...DEFAULT_SETTINGS, connection: { ...DEFAULT_SETTINGS.connection, baseUrl: 'http://integrations.clopos.com:8080/open-api' } });
    expect(result.settings.connection.baseUrl).toBe('https://integrations.clopos.com:8080/open-api');
    expect(result.warning).toMatch(/now uses https/);
  });

  it('keeps plain http to this computer itself (the simulator)', () => {
    const result = migrate({ ...DEFAULT_SETTINGS, connection: { ...DEFAULT_SETTINGS.connection, baseUrl: 'http://127.0.0.1:4010/open-api' } });
    expect(result.settings.connection.baseUrl).toBe('http://127.0.0.1:4010/open-api');
    expect(result.warning).toBeNull();
  });

  it('drops an update address from the settings and tells IT how to give it instead', () => {
    const result = migrate({ ...DEFAULT_SETTINGS, updates: { enabled: true, feedUrl: 'https://updates.example/notifier' } });
    expect(result.settings.updates).toEqual({ enabled: true });
    expect(result.warning).toMatch(/--update-feed=https:\/\/updates\.example\/notifier/);
    expect(migrate({ ...DEFAULT_SETTINGS, updates: { enabled: false, feedUrl: '' } })).toEqual({ settings: { ...DEFAULT_SETTINGS, updates: { enabled: false } }, warning: null });
  });
});
