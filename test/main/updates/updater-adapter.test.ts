import { EventEmitter } from 'node:events';
import type { AppUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../common/settings';
import { createUpdater, type AutoUpdaterLike } from '../../../main/desktop/updater';

// Compile-time proof that the real electron-updater autoUpdater fits the adapter's interface.
const _realFits = (real: AppUpdater): AutoUpdaterLike => real;
void _realFits;

class FakeAutoUpdater extends EventEmitter implements AutoUpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feeds: { provider: 'generic'; url: string }[] = [];
  installs: [boolean | undefined, boolean | undefined][] = [];
  result: { isUpdateAvailable: boolean; updateInfo: { version: string } } | null = {
    isUpdateAvailable: true,
    updateInfo: { version: '0.2.0' },
  };
  checks = 0;

  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }
  async checkForUpdates() {
    this.checks += 1;
    return this.result;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

describe('createUpdater (electron-updater adapter)', () => {
  let fake: FakeAutoUpdater;
  let updates: Settings['updates'];
  let busy: boolean;
  let demo: boolean;
  let answers: boolean[];
  const feeds: { override: string | null; build: string | null } = { override: null, build: 'https://updates.example.com/notifier' };
  const make = (packaged = true, feedsOfBuild = feeds) =>
    createUpdater({
      autoUpdater: fake,
      isBusy: () => busy,
      updateSettings: () => updates,
      feeds: feedsOfBuild,
      confirmInstall: async () => answers.shift() ?? false,
      isDemo: () => demo,
      packaged,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    fake = new FakeAutoUpdater();
    updates = { enabled: true };
    answers = [true];
    busy = false;
    demo = false;
  });
  afterEach(() => vi.useRealTimers());

  it('downloads in the background and points electron-updater at the configured generic feed', async () => {
    const updater = make();
    expect(fake.autoDownload).toBe(true);
    await expect(updater.check()).resolves.toEqual({ state: 'available', version: '0.2.0' });
    expect(fake.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/notifier' }]);
  });

  it('uses the feed IT gives over the build\'s, and never one from the settings', async () => {
    const updater = make(true, { override: 'https://mirror.example.com/feed/', build: 'https://updates.example.com/notifier' });
    await updater.check();
    expect(fake.feeds.map((f) => f.url)).toEqual(['https://mirror.example.com/feed/']);
  });

  it('reports "none" when electron-updater finds nothing newer', async () => {
    fake.result = { isUpdateAvailable: false, updateInfo: { version: '0.1.0' } };
    await expect(make().check()).resolves.toEqual({ state: 'none' });
  });

  it('is off in development and in demo mode without asking electron-updater', async () => {
    await expect(make(false).check()).resolves.toMatchObject({ state: 'disabled' });
    demo = true;
    await expect(make(true).check()).resolves.toEqual({ state: 'disabled', reason: 'Updates are off in demo mode.' });
    expect(fake.checks).toBe(0);
  });

  it('installs silently and relaunches, but only once the counter is idle and a person agreed', async () => {
    const updater = make();
    busy = true;
    fake.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/x' });
    expect(fake.installs).toEqual([]);
    expect(updater.status()).toEqual({ state: 'deferred', version: '0.2.0' });
    busy = false;
    updater.busyChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.installs).toEqual([[true, true]]);
  });

  it('does not install when the person says not now, and asks again hours later', async () => {
    answers = [false, true];
    const updater = make();
    fake.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/x' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.installs).toEqual([]);
    expect(updater.status()).toEqual({ state: 'deferred', version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    expect(fake.installs).toEqual([[true, true]]);
  });

  it('maps electron-updater errors to an error status and unsubscribes on dispose', () => {
    const updater = make();
    fake.emit('error', new Error('Cannot find latest.yml'));
    expect(updater.status()).toEqual({ state: 'error', message: 'Cannot find latest.yml' });
    updater.dispose();
    expect(fake.listenerCount('error') + fake.listenerCount('update-downloaded')).toBe(0);
  });
});
