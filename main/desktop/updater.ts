/**
 * Thin adapter from electron-updater's `autoUpdater` (passed in by the composition root) to the
 * update controller in main/updates/, which decides when to check and when it is safe to install.
 */
import type { UpdateStatus } from '../../common/contract';
import type { Settings } from '../../common/settings';
import { createUpdateController, updateAvailability, type UpdateController, type UpdateFeeds, type UpdaterPort, type UpdateTimers } from '../updates';

/** The part of electron-updater's AppUpdater this app uses; `autoUpdater` satisfies it. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdaterOptions {
  autoUpdater: AutoUpdaterLike;
  /** True while orders are pending or an alarm is active: never install then. */
  isBusy: () => boolean;
  /** Current update settings (read on every check). */
  updateSettings: () => Settings['updates'];
  /** Where updates come from: the build's feed or IT's override, never the window. */
  feeds: UpdateFeeds;
  /** The native dialog asking a person to install (the window cannot answer it). */
  confirmInstall: (version: string) => Promise<boolean>;
  isDemo: () => boolean;
  /** app.isPackaged */
  packaged: boolean;
  onStatus?: (status: UpdateStatus) => void;
  log?: { info(message: string): void; warn(message: string): void };
  timers?: UpdateTimers;
}

export type Updater = UpdateController;

export function createUpdater(options: UpdaterOptions): Updater {
  const { autoUpdater } = options;
  // Download in the background as soon as an update is found; the controller decides when to
  // install. Installing on a normal quit is fine: nobody is waiting on the counter then.
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;

  const port: UpdaterPort = {
    setFeed: (url) => autoUpdater.setFeedURL({ provider: 'generic', url }),
    check: async () => {
      const result = await autoUpdater.checkForUpdates();
      return result && { available: result.isUpdateAvailable, version: result.updateInfo.version };
    },
    // Silent install, then start the app again so the counter is not left without the notifier.
    install: () => autoUpdater.quitAndInstall(true, true),
    onDownloaded: (listener) => {
      const handler = (info: { version: string }) => listener(info.version);
      autoUpdater.on('update-downloaded', handler);
      return () => autoUpdater.removeListener('update-downloaded', handler);
    },
    onError: (listener) => {
      const handler = (error: Error) => listener(error.message);
      autoUpdater.on('error', handler);
      return () => autoUpdater.removeListener('error', handler);
    },
  };

  return createUpdateController({
    updater: port,
    isBusy: options.isBusy,
    confirmInstall: options.confirmInstall,
    availability: () => updateAvailability({ updates: options.updateSettings(), feeds: options.feeds, demo: options.isDemo(), packaged: options.packaged }),
    ...(options.onStatus ? { onStatus: options.onStatus } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
}
