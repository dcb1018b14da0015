import { describe, expect, it } from 'vitest';
import { devServerUrlFrom, parseLaunchArgs, readEnvOverrides } from '../../../main/app/launch';

describe('launch arguments and environment', () => {
  it('reads --hidden, --demo and the update address IT gives', () => {
    expect(parseLaunchArgs(['electron', '.', '--hidden'])).toEqual({ hidden: true, demo: false, updateFeed: null });
    expect(parseLaunchArgs(['app.exe', '--demo'])).toEqual({ hidden: false, demo: true, updateFeed: null });
    expect(parseLaunchArgs(['app.exe', '--update-feed=https://it.example/feed'])).toMatchObject({ updateFeed: 'https://it.example/feed' });
    expect(readEnvOverrides({ CLOPOS_NOTIFIER_UPDATE_FEED: 'https://it.example/env' }).updateFeed).toBe('https://it.example/env');
  });

  it('builds a validated connection and engine timings from CLOPOS_NOTIFIER_*', () => {
    const o = readEnvOverrides({
      CLOPOS_NOTIFIER_BASE_URL: 'http://127.0.0.1:5000/open-api',
      CLOPOS_NOTIFIER_BRAND: 'openapitest',
      CLOPOS_NOTIFIER_VENUES: '1, 2',
      CLOPOS_NOTIFIER_CLIENT_ID: 'demo-client',
      CLOPOS_NOTIFIER_CLIENT_SECRET: 'shh',
      CLOPOS_NOTIFIER_POLL_SECONDS: '3',
      CLOPOS_NOTIFIER_HEALTH_SECONDS: '2.5',
      CLOPOS_NOTIFIER_USER_DATA: '/tmp/x',
    });
    expect(o.connection?.connection).toMatchObject({ api: 'v2', brand: 'openapitest', venues: ['1', '2'], clientId: 'demo-client' });
    expect(o.connection?.credentials).toEqual({ clientSecret: 'shh' });
    expect(o.engine).toEqual({ pollIntervalSeconds: 3, healthSeconds: 2.5 });
    expect(o.userData).toBe('/tmp/x');
  });

  it('points the Telegram escalation at another Bot API only over https or to this PC itself', () => {
    expect(readEnvOverrides({ CLOPOS_NOTIFIER_TELEGRAM_API: 'http://127.0.0.1:8081/' }).telegramApiUrl).toBe('http://127.0.0.1:8081');
    expect(readEnvOverrides({ CLOPOS_NOTIFIER_TELEGRAM_API: 'https://bots.example.az' }).telegramApiUrl).toBe('https://bots.example.az');
    // The bot token travels in the address: never in clear text over the network.
    expect(() => readEnvOverrides({ CLOPOS_NOTIFIER_TELEGRAM_API: 'http://bots.example.az' })).toThrow(/CLOPOS_NOTIFIER_TELEGRAM_API must be an https/);
    expect(() => readEnvOverrides({ CLOPOS_NOTIFIER_TELEGRAM_API: 'https://bots.example.az/?x=1' })).toThrow(/without a query/);
    expect(() => readEnvOverrides({ CLOPOS_NOTIFIER_TELEGRAM_API: 'not a url' })).toThrow(/TELEGRAM_API/);
  });

  it('uses nothing when unset, and refuses bad values with the variable named', () => {
    expect(readEnvOverrides({})).toEqual({ userData: null, updateFeed: null, connection: null, engine: {}, telegramApiUrl: null });
    expect(() => readEnvOverrides({ CLOPOS_NOTIFIER_POLL_SECONDS: 'soon' })).toThrow(/CLOPOS_NOTIFIER_POLL_SECONDS/);
    expect(() => readEnvOverrides({ CLOPOS_NOTIFIER_BASE_URL: 'file:///etc/passwd' })).toThrow(/baseUrl/);
  });
});

describe('the development server address (npm run dev)', () => {
  it('is used only by an unpackaged app, and only on this computer over http', () => {
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5174/' }, false)).toBe('http://127.0.0.1:5174/');
    // An installed app always loads its own files, whatever the environment says.
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeNull();
    for (const hostile of ['https://attacker.example', 'http://192.168.1.5:5173', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '']) {
      expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: hostile }, false)).toBeNull();
    }
    expect(devServerUrlFrom({}, false)).toBeNull();
  });
});
