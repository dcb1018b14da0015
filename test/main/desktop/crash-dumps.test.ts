/** Crash dumps: kept in the log folder, never uploaded, no secret in what the app adds; old ones tidied. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRASH_DUMPS_FOLDER, keepCrashDumpsLocally, listCrashDumps, tidyCrashDumps } from '../../../main/desktop/crash-dumps';
import { app, crashReporter, recorder } from '../../mocks/electron';

let logs: string;
beforeEach(() => {
  recorder.reset();
  logs = mkdtempSync(path.join(os.tmpdir(), 'crash-dumps-'));
});
afterEach(() => rmSync(logs, { recursive: true, force: true }));

describe('crash dumps', () => {
  it('go to a folder inside the log folder ("Open log folder" shows them), with no upload and only version and platform added', () => {
    const folder = keepCrashDumpsLocally(app, crashReporter, logs, { version: '1.2.3', platform: 'win32' });
    expect(folder).toBe(path.join(logs, CRASH_DUMPS_FOLDER));
    expect(app.getPath('crashDumps')).toBe(folder);
    expect(recorder.crashReporterStarts).toHaveLength(1);
    const options = recorder.crashReporterStarts[0]!;
    expect(options).toMatchObject({ uploadToServer: false, submitURL: '' });
    expect(Object.values(options.globalExtra as Record<string, string>).sort()).toEqual(['1.2.3', 'Clopos Order Notifier', 'win32']);
  });

  it('keeps the newest dumps, deletes older ones, and lists them newest first', () => {
    const folder = path.join(logs, CRASH_DUMPS_FOLDER, 'reports');
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < 12; i++) {
      const file = path.join(folder, `dump-${i}.dmp`);
      writeFileSync(file, 'MDMP');
      utimesSync(file, 1_000 + i, 1_000 + i);
    }
    writeFileSync(path.join(folder, 'settings.dat'), 'not a dump');
    const { kept, removed } = tidyCrashDumps(path.join(logs, CRASH_DUMPS_FOLDER), 10);
    expect(removed).toBe(2);
    expect(kept.map((d) => path.basename(d.file))).toEqual(Array.from({ length: 10 }, (_, i) => `dump-${11 - i}.dmp`));
    expect(listCrashDumps(path.join(logs, CRASH_DUMPS_FOLDER))).toHaveLength(10);
  });

  it('a missing folder is no dumps, not an error', () => {
    expect(tidyCrashDumps(path.join(logs, 'nowhere'))).toEqual({ kept: [], removed: 0 });
  });
});
