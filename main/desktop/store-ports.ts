/**
 * The settings and secret stores as the app service's ports: results become values or thrown
 * AppErrors (which the IPC wrapper turns back into error replies), and the two stores' warnings
 * become one.
 */
import type { Result } from '../../common/result';
import type { SecretsPort, SettingsPort } from '../app/service';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings-store';

const orThrow = <T>(result: Result<T>): T => {
  if (result.ok) return result.value;
  throw result.error;
};

export function storePorts(settingsStore: SettingsStore, secretStore: SecretStore): { settings: SettingsPort; secrets: SecretsPort } {
  return {
    settings: {
      get: () => settingsStore.get(),
      update: (patch) => orThrow(settingsStore.update(patch)),
      warning: () => [settingsStore.warning, secretStore.warning].filter(Boolean).join(' ') || null,
    },
    secrets: {
      credentials: (host) => secretStore.credentials(host),
      set: async (name, value, host) => orThrow(await secretStore.set(name, value, host)),
      clear: async (name) => orThrow(secretStore.clear(name)),
      has: async (host) => secretStore.status(host),
      hosts: async () => secretStore.hosts(),
      storageKind: () => secretStore.storageKind(),
    },
  };
}
