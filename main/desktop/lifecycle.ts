/** App lifecycle: one instance, the Windows app id, start at login, close-to-tray quitting. */

import { ok, type Result } from '../../common/result';
import { HIDDEN_FLAG } from '../app/launch';
import { setXdgAutostart, type AutostartTarget } from './xdg-autostart';

/** Windows shows no toast without it; electron-builder's `appId` is the same string. */
export const APP_USER_MODEL_ID = 'az.clopos.notifier';

/**
 * The COM class Windows activates for a click or a button on one of the app's toasts, also when the
 * app is not running or the toast sits in the Action Center. Fixed for the app's lifetime: a new
 * value would orphan the toasts already delivered.
 */
export const TOAST_ACTIVATOR_CLSID = '{80DBEDC3-F67E-4A5C-B4E9-E594A3D84E28}';

interface Event {
  preventDefault(): void;
}

export interface LifecycleApp {
  requestSingleInstanceLock(): boolean;
  setAppUserModelId(id: string): void;
  setToastActivatorCLSID(id: string): void;
  setLoginItemSettings(settings: { openAtLogin: boolean; args: string[] }): void;
  getLoginItemSettings(): { wasOpenedAtLogin?: boolean };
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: Event) => void): unknown;
  quit(): void;
}

/**
 * The app's identity for Windows notifications: the toast activator first (it is baked into the
 * registration made with the AppUserModelID), then the id itself. Other systems take the id only.
 */
export function registerNotificationIdentity(app: Pick<LifecycleApp, 'setAppUserModelId' | 'setToastActivatorCLSID'>, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
  app.setAppUserModelId(APP_USER_MODEL_ID);
}

/**
 * Takes the single-instance lock. A second launch only brings the running window forward (it must
 * not start a second poller); returns false when this process is that second launch.
 */
export function claimSingleInstance(app: LifecycleApp, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', onSecondLaunch);
  app.on('activate', onSecondLaunch);
  return true;
}

/** What starting at login needs besides Electron's app: the platform, and on Linux where to write the entry. */
export interface LoginItemPlace {
  platform: NodeJS.Platform;
  /** Linux: the XDG autostart target (the environment, home and the executable). */
  linux: Omit<AutostartTarget, 'args'>;
}

/**
 * Starts the app hidden in the tray at login, or stops doing so: Windows and macOS through
 * Electron's login items, Linux through an XDG autostart entry (Electron has none there).
 */
export function setStartAtLogin(app: LifecycleApp, enabled: boolean, place: LoginItemPlace): Result<unknown> {
  if (place.platform === 'linux') return setXdgAutostart(enabled, { ...place.linux, args: [HIDDEN_FLAG] });
  app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
  return ok(undefined);
}

/**
 * Whether this launch came from the login item, so the window stays in the tray. Windows and Linux
 * pass `--hidden` (the login item's arguments); macOS ignores a login item's arguments and says so
 * itself (`wasOpenedAtLogin`).
 */
export function launchedAtLogin(app: Pick<LifecycleApp, 'getLoginItemSettings'>, platform: NodeJS.Platform, hiddenFlag: boolean): boolean {
  if (hiddenFlag) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

export interface QuitControl {
  /** True once a real quit began: the window may close instead of hiding. */
  isQuitting(): boolean;
  quit(): void;
}

/**
 * The app lives in the tray, so closing the last window must not quit. A real quit first runs
 * `cleanup` (stop the engine, clear timers, destroy the tray) and then lets Electron finish.
 */
export function installQuitHandling(app: LifecycleApp, cleanup: () => Promise<void>, onError: (cause: unknown) => void): QuitControl {
  let quitting = false;
  let cleaned = false;
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (cleaned) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    cleanup()
      .catch(onError)
      .finally(() => {
        cleaned = true;
        app.quit();
      });
  });
  return { isQuitting: () => quitting, quit: () => app.quit() };
}
