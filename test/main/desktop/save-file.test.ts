/**
 * Saving the report's CSV (main/desktop/save-file.ts) over the recording fake's dialog: the place
 * comes from the OS's save dialog only, the content from main; a cancel saves nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, dialog, recorder } from '../../mocks/electron';
import { createFileSaver } from '../../../main/desktop/save-file';

vi.mock('electron', () => import('../../mocks/electron'));

const request = { title: 'Export orders as CSV', defaultName: 'orders-today-2026-12-05.csv', filterName: 'CSV', extension: 'csv', content: '\uFEFFOrder\r\nW-1\r\n' };

describe('saving a file main built', () => {
  let dir: string;
  beforeEach(() => {
    recorder.reset();
    dir = mkdtempSync(path.join(os.tmpdir(), 'save-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the save dialog in the documents folder with the CSV filter and writes the content where the person chose', async () => {
    const window = new BrowserWindow({ show: true });
    const target = path.join(dir, 'chosen.csv');
    dialog.savePaths.push(target);
    const save = createFileSaver(dialog, () => window, () => '/home/owner/Documents');
    expect(await save(request)).toEqual({ ok: true, value: { file: target } });
    expect(readFileSync(target, 'utf8')).toBe(request.content);
    expect(recorder.saveDialogs).toEqual([
      expect.objectContaining({ title: 'Export orders as CSV', defaultPath: path.join('/home/owner/Documents', request.defaultName), filters: [{ name: 'CSV', extensions: ['csv'] }] }),
    ]);
  });

  it('a cancelled dialog writes nothing and says so', async () => {
    const save = createFileSaver(dialog, () => new BrowserWindow({ show: true }), () => dir);
    expect(await save(request)).toEqual({ ok: true, value: { file: null } });
  });

  it('a folder it cannot write to is an error that says where and what to do', async () => {
    dialog.savePaths.push(path.join(dir, 'no-such-folder', 'orders.csv'));
    const save = createFileSaver(dialog, () => new BrowserWindow({ show: true }), () => dir);
    const reply = await save(request);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/could not be written to .*no-such-folder.*ENOENT.*Choose another folder/) } });
  });
});
