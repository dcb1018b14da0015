import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, SECRET_NAMES, settingsSchema } from '../../../common/settings';
import { openSettingsStore } from '../../../main/desktop/settings-store';
import { MAX_JSON_FILE_BYTES } from '../../../main/settings/json-file';

vi.mock('electron', () => import('../../mocks/electron'));

const NOW = Date.UTC(2025, 7, 18, 13, 44, 10, 123);
const STAMP = '2025-08-18T13-44-10-123Z';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'settings-store-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const open = () => openSettingsStore({ cwd, now: () => NOW });
const file = () => path.join(cwd, 'settings.json');
const onDisk = () => JSON.parse(readFileSync(file(), 'utf8')) as unknown;

describe('settings store', () => {
  it('starts with the defaults on first run, without a warning', () => {
    const store = open();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.warning).toBeNull();
    expect(store.path).toBe(file());
  });

  it('an installed app starts at login from its first run; an existing settings file keeps its choice', () => {
    const first = openSettingsStore({ cwd, now: () => NOW, firstRunDefaults: { startAtLogin: true } });
    expect(first.get().startAtLogin).toBe(true);
    first.update({ startAtLogin: false });
    // The next start of the same installation: the person turned it off, and it stays off.
    expect(openSettingsStore({ cwd, now: () => NOW, firstRunDefaults: { startAtLogin: true } }).get().startAtLogin).toBe(false);
  });

  it('refuses a global shortcut that cannot be one, and keeps a good one', () => {
    const store = open();
    for (const bad of ['A', 'Shift+A', 'Ctrl+Ctrl+A', 'Hyper+A', 'Ctrl+Shift+Banana']) {
      const refused = store.update({ alarmShortcut: bad });
      expect([bad, refused.ok]).toEqual([bad, false]);
      expect(!refused.ok && refused.error.message).toMatch(/Not a usable shortcut/);
    }
    for (const good of ['CommandOrControl+Shift+F9', 'F9', 'Alt+Shift+A', 'Super+0', '']) {
      expect([good, store.update({ alarmShortcut: good }).ok]).toEqual([good, true]);
    }
    expect(open().get().alarmShortcut).toBe('');
  });

  it('saves a valid change and reads it back in the next session', () => {
    const result = open().update({ pollIntervalSeconds: 20, language: 'ru' });
    expect(result.ok).toBe(true);
    const next = open();
    expect(next.get()).toMatchObject({ pollIntervalSeconds: 20, language: 'ru' });
    expect(next.warning).toBeNull();
    expect(settingsSchema.parse(onDisk())).toEqual(next.get());
  });

  it('refuses an invalid change, names the fields, and saves nothing', () => {
    const store = open();
    store.update({ pollIntervalSeconds: 20 });
    const before = readFileSync(file(), 'utf8');
    const result = store.update({
      pollIntervalSeconds: 0,
      connection: { ...DEFAULT_SETTINGS.connection, baseUrl: 'file:///etc/passwd' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-request');
      expect(result.error.message).toContain('pollIntervalSeconds');
      expect(result.error.message).toContain('connection.baseUrl');
    }
    expect(readFileSync(file(), 'utf8')).toBe(before);
    expect(store.get().pollIntervalSeconds).toBe(20);
  });

  it('hands out copies, so a caller cannot change the settings behind its back', () => {
    const store = open();
    store.get().connection.venues.push('9');
    expect(store.get().connection.venues).toEqual([]);
  });

  it('never stores a secret in the settings file', () => {
    open().update({ connection: { ...DEFAULT_SETTINGS.connection, brand: 'openapitest', clientId: 'cid' } });
    const text = readFileSync(file(), 'utf8');
    for (const name of SECRET_NAMES) expect(text).not.toContain(`"${name}"`);
  });

  describe('a damaged settings file', () => {
    const cases: [string, string | Buffer][] = [
      ['truncated JSON', JSON.stringify({ ...DEFAULT_SETTINGS, pollIntervalSeconds: 20 }).slice(0, 60)],
      ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80, 0x81])],
      ['an empty file', ''],
      ['JSON that is not an object', '[1,2,3]'],
      ['a huge file', `{"pad":"${'x'.repeat(MAX_JSON_FILE_BYTES)}"}`],
    ];

    it.each(cases)('%s: starts with defaults, keeps the file as a backup, and warns', (_name, content) => {
      writeFileSync(file(), content);
      const store = open();
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      const backup = `settings.corrupt-${STAMP}.json`;
      expect(store.warning).toContain(backup);
      expect(readFileSync(path.join(cwd, backup)).equals(Buffer.from(content))).toBe(true);
      // The file in use is valid again.
      expect(settingsSchema.safeParse(onDisk()).success).toBe(true);
      // And the next start is clean.
      expect(open().warning).toBeNull();
    });

    it('wrong types: keeps the valid values, resets the bad ones, keeps a backup, and warns', () => {
      const original = JSON.stringify({ ...DEFAULT_SETTINGS, language: 'az', pollIntervalSeconds: 'often', alerts: 7 });
      writeFileSync(file(), original);
      const store = open();
      expect(store.get().language).toBe('az');
      expect(store.get().pollIntervalSeconds).toBe(DEFAULT_SETTINGS.pollIntervalSeconds);
      expect(store.get().alerts).toEqual(DEFAULT_SETTINGS.alerts);
      expect(store.warning).toMatch(/pollIntervalSeconds/);
      expect(store.warning).toMatch(/alerts/);
      expect(readFileSync(path.join(cwd, `settings.corrupt-${STAMP}.json`), 'utf8')).toBe(original);
      expect(onDisk()).toMatchObject({ language: 'az', pollIntervalSeconds: DEFAULT_SETTINGS.pollIntervalSeconds });
    });

    it('a folder where the file should be: starts anyway', () => {
      mkdirSync(file());
      const store = open();
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      expect(store.warning).toMatch(/could not be read/);
    });

    it('a settings folder that cannot be written: starts anyway and keeps changes in memory', () => {
      const notAFolder = path.join(cwd, 'a-file');
      writeFileSync(notAFolder, 'x');
      const store = openSettingsStore({ cwd: notAFolder, now: () => NOW });
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      expect(store.warning).toMatch(/cannot be written/);
      expect(store.update({ pollIntervalSeconds: 30 }).ok).toBe(true);
      expect(store.get().pollIntervalSeconds).toBe(30);
    });
  });

  it('migrates a v0 file to v1 and writes it back', () => {
    writeFileSync(file(), JSON.stringify({ apiVersion: 'v1', brand: 'openapitest', venueId: 1, pollInterval: 15 }));
    const store = open();
    expect(store.warning).toBeNull();
    expect(store.get()).toMatchObject({ version: 1, pollIntervalSeconds: 15, connection: { api: 'v1', venues: ['1'] } });
    expect(onDisk()).toMatchObject({ version: 1, connection: { brand: 'openapitest' } });
    expect(readdirSync(cwd).filter((name) => name.includes('corrupt'))).toEqual([]);
  });
});
