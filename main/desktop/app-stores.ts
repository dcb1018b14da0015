/**
 * Opens the settings and secret stores the way the app starts with them: settings first (the
 * secret store asks them whether weak storage is allowed), every secret value handed to the
 * redactor, secrets decrypted once, and secrets saved by older versions (not yet bound to a server)
 * bound to the server they were used with. main/index.ts and the test harness share it.
 */
import { secretHostOf } from '../../common/server-address';
import type { Settings } from '../../common/settings';
import type { LogFn } from '../app/ports';
import { openSecretStore, type AsyncSafeStorage, type SecretStore } from './secrets';
import { openSettingsStore, type SettingsStore } from './settings-store';

export interface AppStoresOptions {
  /** The user-data folder. */
  cwd: string;
  safeStorage: AsyncSafeStorage;
  platform: NodeJS.Platform;
  redactor: { register(value: string): void };
  log: LogFn;
  now?: () => number;
  /** Settings that differ from the defaults on a first run (no settings file yet). */
  firstRunDefaults?: Partial<Pick<Settings, 'startAtLogin'>>;
}

export async function openAppStores(options: AppStoresOptions): Promise<{ settings: SettingsStore; secrets: SecretStore }> {
  const settings = openSettingsStore({
    cwd: options.cwd,
    ...(options.now ? { now: options.now } : {}),
    ...(options.firstRunDefaults ? { firstRunDefaults: options.firstRunDefaults } : {}),
  });
  const secrets = openSecretStore({
    safeStorage: options.safeStorage,
    platform: options.platform,
    cwd: options.cwd,
    allowWeakStorage: () => settings.get().allowWeakSecretStorage,
    onSecretValue: (value) => options.redactor.register(value),
    ...(options.now ? { now: options.now } : {}),
  });
  await secrets.load();
  const savedHost = secretHostOf(settings.get().connection.baseUrl);
  const adopted = savedHost === null ? [] : secrets.adoptUnbound(savedHost);
  if (adopted.length > 0) options.log('info', `Bound the saved ${adopted.join(' and ')} to ${savedHost}, the server they were used with.`);
  return { settings, secrets };
}
