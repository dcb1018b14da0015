import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../common/contract';
import { createUpdateController, type UpdateAvailability, type UpdaterPort } from '../../../main/updates';

const FEED = 'https://updates.example.com/notifier/';

class FakeUpdater implements UpdaterPort {
  feeds: string[] = [];
  installs = 0;
  checks = 0;
  nextCheck: () => Promise<{ available: boolean; version: string } | null> = () => Promise.resolve({ available: false, version: '0.1.0' });
  private downloaded: ((version: string) => void)[] = [];
  private errors: ((message: string) => void)[] = [];

  setFeed(url: string): void {
    this.feeds.push(url);
  }
  check(): Promise<{ available: boolean; version: string } | null> {
    this.checks += 1;
    return this.nextCheck();
  }
  install(): void {
    this.installs += 1;
  }
  onDownloaded(listener: (version: string) => void): () => void {
    this.downloaded.push(listener);
    return () => void this.downloaded.splice(this.downloaded.indexOf(listener), 1);
  }
  onError(listener: (message: string) => void): () => void {
    this.errors.push(listener);
    return () => void this.errors.splice(this.errors.indexOf(listener), 1);
  }
  emitDownloaded(version: string): void {
    for (const listener of [...this.downloaded]) listener(version);
  }
  emitError(message: string): void {
    for (const listener of [...this.errors]) listener(message);
  }
  listenerCount(): number {
    return this.downloaded.length + this.errors.length;
  }
}

describe('update controller', () => {
  let busy: boolean;
  let allowed: UpdateAvailability;
  let statuses: UpdateStatus[];
  let updater: FakeUpdater;
  const make = (over: Partial<Parameters<typeof createUpdateController>[0]> = {}) =>
    createUpdateController({
      updater,
      isBusy: () => busy,
      confirmInstall: async () => true,
      availability: () => allowed,
      onStatus: (s) => statuses.push(s),
      idleRecheckMs: 60_000,
      firstCheckAfterMs: 120_000,
      checkEveryMs: 6 * 3_600_000,
      checkTimeoutMs: 30_000,
      ...over,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    busy = false;
    allowed = { enabled: true, feedUrl: FEED };
    statuses = [];
    updater = new FakeUpdater();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports "none" when the feed has nothing newer, after pointing the updater at the feed', async () => {
    const controller = make();
    await expect(controller.check()).resolves.toEqual({ state: 'none' });
    expect(updater.feeds).toEqual([FEED]);
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'none']);
  });

  it('reports the version when an update is available', async () => {
    updater.nextCheck = () => Promise.resolve({ available: true, version: '0.2.0' });
    await expect(make().check()).resolves.toEqual({ state: 'available', version: '0.2.0' });
  });

  it('does not touch the updater when updates are off, and says why', async () => {
    allowed = { enabled: false, reason: 'Updates are off in demo mode.' };
    await expect(make().check()).resolves.toEqual({ state: 'disabled', reason: 'Updates are off in demo mode.' });
    expect(updater.checks).toBe(0);
    expect(updater.feeds).toEqual([]);
  });

  it('turns a failed or hanging check into an error status instead of throwing', async () => {
    updater.nextCheck = () => Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED'));
    const controller = make();
    await expect(controller.check()).resolves.toEqual({ state: 'error', message: 'net::ERR_NAME_NOT_RESOLVED' });

    updater.nextCheck = () => new Promise(() => undefined);
    const hanging = controller.check();
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(hanging).resolves.toEqual({ state: 'error', message: 'The update check timed out.' });
  });

  it('runs one check at a time: a second click while checking shares the first', async () => {
    let resolve: (v: { available: boolean; version: string }) => void = () => undefined;
    updater.nextCheck = () => new Promise((r) => (resolve = r));
    const controller = make();
    const first = controller.check();
    const second = controller.check();
    resolve({ available: false, version: '0.1.0' });
    expect(await first).toEqual(await second);
    expect(updater.checks).toBe(1);
  });

  it('installs a downloaded update at once when the counter is idle and a person agreed', async () => {
    const asked: string[] = [];
    make({ confirmInstall: async (version) => (asked.push(version), true) });
    updater.emitDownloaded('0.2.0');
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual(['0.2.0']);
    expect(updater.installs).toBe(1);
    expect(statuses.at(-1)).toEqual({ state: 'downloaded', version: '0.2.0' });
  });

  it('installs nothing a person did not agree to, however often the counter is idle', async () => {
    const asked: string[] = [];
    const controller = make({ confirmInstall: async (version) => (asked.push(version), false), declinedRecheckMs: 3_600_000 });
    updater.emitDownloaded('0.2.0');
    await vi.advanceTimersByTimeAsync(0);
    controller.busyChanged();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(updater.installs).toBe(0);
    expect(asked).toEqual(['0.2.0']);
    expect(controller.status()).toEqual({ state: 'deferred', version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(asked).toHaveLength(2);
  });

  it('does not install when an order came in while the question was on screen', async () => {
    let answer: (yes: boolean) => void = () => undefined;
    make({ confirmInstall: () => new Promise<boolean>((resolve) => (answer = resolve)) });
    updater.emitDownloaded('0.2.0');
    busy = true;
    answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(updater.installs).toBe(0);
  });

  it('never installs while orders are pending or an alarm is active: defers, then installs when idle', async () => {
    const controller = make();
    busy = true;
    updater.emitDownloaded('0.2.0');
    expect(updater.installs).toBe(0);
    expect(controller.status()).toEqual({ state: 'deferred', version: '0.2.0' });

    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(updater.installs).toBe(0);
    await expect(controller.check()).resolves.toEqual({ state: 'deferred', version: '0.2.0' });
    expect(updater.checks).toBe(0);

    busy = false;
    controller.busyChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(updater.installs).toBe(1);
    controller.busyChanged();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(updater.installs).toBe(1);
  });

  it('finds the idle moment by itself even if nobody calls busyChanged', async () => {
    make();
    busy = true;
    updater.emitDownloaded('0.2.0');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(updater.installs).toBe(0);
    busy = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(updater.installs).toBe(1);
  });

  it('does not install a downloaded update once updates were switched off (e.g. demo mode)', () => {
    make();
    allowed = { enabled: false, reason: 'Updates are off in demo mode.' };
    updater.emitDownloaded('0.2.0');
    expect(updater.installs).toBe(0);
    expect(statuses.at(-1)).toEqual({ state: 'disabled', reason: 'Updates are off in demo mode.' });
  });

  it('checks automatically after start and then periodically, and stops on dispose', async () => {
    const controller = make();
    controller.start();
    await vi.advanceTimersByTimeAsync(119_000);
    expect(updater.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    expect(updater.checks).toBe(2);
    controller.dispose();
    expect(updater.listenerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(updater.checks).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('surfaces updater errors (e.g. a failed download) as a status', () => {
    make();
    updater.emitError('sha512 checksum mismatch');
    expect(statuses.at(-1)).toEqual({ state: 'error', message: 'sha512 checksum mismatch' });
  });
});
