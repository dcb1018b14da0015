import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { APP_USER_MODEL_ID, claimSingleInstance, installQuitHandling, launchedAtLogin, registerNotificationIdentity, setStartAtLogin, TOAST_ACTIVATOR_CLSID } from '../../../main/desktop/lifecycle';
import { app, recorder } from '../../mocks/electron';

describe('lifecycle', () => {
  beforeEach(() => recorder.reset());

  it('uses the electron-builder appId as the AppUserModelID (Windows shows toasts only when they match)', () => {
    expect(readFileSync('electron-builder.yml', 'utf8')).toMatch(new RegExp(`^appId: ${APP_USER_MODEL_ID.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('Windows: the toast activator CLSID is set before the AppUserModelID, so clicks reach the app after a restart', () => {
    registerNotificationIdentity(app, 'win32');
    expect(recorder.toastActivatorClsids).toEqual([{ clsid: TOAST_ACTIVATOR_CLSID, appUserModelIdsBefore: 0 }]);
    expect(recorder.appUserModelIds).toEqual([APP_USER_MODEL_ID]);
    expect(TOAST_ACTIVATOR_CLSID).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
  });

  it('a launch by the login item starts hidden in the tray: --hidden on Windows and Linux, wasOpenedAtLogin on macOS', () => {
    expect(launchedAtLogin(app, 'win32', true)).toBe(true);
    expect(launchedAtLogin(app, 'linux', false)).toBe(false);
    app.loginItem = { openAtLogin: true, wasOpenedAtLogin: true };
    expect(launchedAtLogin(app, 'darwin', false)).toBe(true);
    // Only macOS reports it; elsewhere the flag decides.
    expect(launchedAtLogin(app, 'win32', false)).toBe(false);
    app.loginItem = { openAtLogin: true, wasOpenedAtLogin: false };
    expect(launchedAtLogin(app, 'darwin', false)).toBe(false);
  });

  it('elsewhere only the app id is set', () => {
    registerNotificationIdentity(app, 'linux');
    registerNotificationIdentity(app, 'darwin');
    expect(recorder.toastActivatorClsids).toEqual([]);
    expect(recorder.appUserModelIds).toEqual([APP_USER_MODEL_ID, APP_USER_MODEL_ID]);
  });

  it('a second launch focuses the first instance instead of running', () => {
    let focused = 0;
    expect(claimSingleInstance(app, () => (focused += 1))).toBe(true);
    app.emit('second-instance');
    expect(focused).toBe(1);
    app.singleInstance = false;
    expect(claimSingleInstance(app, () => undefined)).toBe(false);
  });

  it('registers start at login with --hidden (Windows and macOS: login items)', () => {
    const place = { platform: 'win32' as const, linux: { env: {}, home: '/nowhere', execPath: 'C:\\app.exe', name: 'Clopos Order Notifier' } };
    setStartAtLogin(app, true, place);
    setStartAtLogin(app, false, place);
    expect(recorder.loginItemSettings).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
  });

  it('keeps running with no window, and a quit runs the cleanup before the app really quits', async () => {
    let quitEvents = 0;
    app.on('quit', () => (quitEvents += 1));
    let release: () => void = () => undefined;
    const cleaned = new Promise<void>((resolve) => (release = resolve));
    const control = installQuitHandling(app, () => cleaned, () => undefined);
    expect(app.listenerCount('window-all-closed')).toBe(1);
    control.quit();
    expect(control.isQuitting()).toBe(true);
    expect(quitEvents).toBe(0);
    control.quit();
    release();
    await cleaned;
    await new Promise((r) => setImmediate(r));
    expect(quitEvents).toBe(1);
  });

  it('still quits when the cleanup fails, and reports it', async () => {
    const errors: unknown[] = [];
    let quitEvents = 0;
    app.on('quit', () => (quitEvents += 1));
    installQuitHandling(app, async () => Promise.reject(new Error('stuck')), (e) => errors.push(e)).quit();
    await new Promise((r) => setImmediate(r));
    expect(quitEvents).toBe(1);
    expect(errors).toHaveLength(1);
  });
});
