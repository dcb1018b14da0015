/**
 * Settings on disk (electron-store, written atomically). Start-up never fails because of this file:
 * whatever is in it goes through `migrate`, and a file that cannot be read as settings — cut off,
 * garbage, wrong types, absurdly large — is moved aside as `<name>.corrupt-<time>.json` so nothing
 * the user had is lost, the app runs on defaults (or the repaired values), and `warning` tells the
 * user what happened. Secrets never live here (see secrets.ts).
 */
import Store from 'electron-store';
import path from 'node:path';
import { appError, err, ok, type Result } from '../../common/result';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../common/settings';
import { keepAside, readJsonFile } from '../settings/json-file';
import { migrate } from '../settings/migrate';
import { applySettingsPatch } from '../settings/patch';

export interface SettingsStoreOptions {
  /** Folder of the file: the composition root passes `app.getPath('userData')`. */
  cwd: string;
  /** File name without extension. */
  name?: string;
  /** Epoch ms, for the backup's name. */
  now?: () => number;
  /** Used instead of the defaults when there is no settings file yet (an installed app starts at login). */
  firstRunDefaults?: Partial<Pick<Settings, 'startAtLogin'>>;
}

export interface SettingsStore {
  readonly path: string;
  /** Set when the file had to be repaired or replaced; shown to the user. */
  readonly warning: string | null;
  get(): Settings;
  /** Validates the merged result; when invalid or unsaveable nothing changes. */
  update(patch: SettingsPatch): Result<Settings>;
}

export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const name = options.name ?? 'settings';
  const now = options.now ?? Date.now;
  const file = path.join(options.cwd, `${name}.json`);

  const read = readJsonFile(file);
  let current: Settings = structuredClone(DEFAULT_SETTINGS);
  if (read.kind === 'missing') current = { ...current, ...options.firstRunDefaults };
  let problem: string | null = null;
  if (read.kind === 'unreadable') {
    problem = `The settings file could not be used because ${read.why}; the defaults are used.`;
  } else if (read.kind === 'parsed') {
    const migrated = migrate(read.raw);
    current = migrated.settings;
    problem = migrated.warning;
  }

  let warning: string | null = null;
  if (problem !== null) {
    const backup = keepAside(file, now());
    warning = backup
      ? `${problem} The previous file was kept as ${backup}.`
      : `${problem} The previous file could not be kept as a backup.`;
  }

  let store: Store<Settings> | null = null;
  try {
    store = new Store<Settings>({ cwd: options.cwd, name, clearInvalidConfig: false });
  } catch {
    warning = `${warning ?? ''} The settings folder cannot be written; changes will last until the app closes.`.trim();
  }

  /** Without a store the settings live in memory only (the warning above says so). */
  const persist = (settings: Settings): boolean => {
    if (!store) return true;
    try {
      store.store = settings;
      return true;
    } catch {
      return false;
    }
  };

  const unchanged = read.kind === 'parsed' && problem === null && JSON.stringify(read.raw) === JSON.stringify(current);
  if (!unchanged) persist(current);

  return {
    path: file,
    get warning() {
      return warning;
    },
    get: () => structuredClone(current),
    update(patch) {
      const next = applySettingsPatch(current, patch);
      if (!next.ok) return next;
      if (!persist(next.value)) {
        return err(appError('internal', `The settings could not be saved to ${file}. Check that the folder is writable.`));
      }
      current = next.value;
      return ok(structuredClone(current));
    },
  };
}
