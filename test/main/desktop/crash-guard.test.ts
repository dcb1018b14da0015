import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, recorder } from '../../mocks/electron';
import { logUncaughtErrors, reloadCrashedRenderer } from '../../../main/desktop/crash-guard';

type Line = { level: string; message: string };

describe('crash guard', () => {
  let lines: Line[];
  const log = (level: 'warn' | 'error', message: string) => void lines.push({ level, message });

  beforeEach(() => {
    lines = [];
    recorder.reset();
  });
  afterEach(() => recorder.reset());

  it('logs uncaught exceptions and unhandled rejections with their stack instead of losing them', () => {
    const proc = new EventEmitter();
    const remove = logUncaughtErrors(proc, log);
    proc.emit('uncaughtException', new TypeError('boom in a handler'));
    proc.emit('unhandledRejection', new Error('lost promise'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'error' });
    expect(lines[0]?.message).toContain('TypeError: boom in a handler');
    expect(lines[0]?.message).toContain('crash-guard.test.ts');
    expect(lines[1]?.message).toContain('lost promise');
    remove();
    expect(proc.listenerCount('uncaughtException')).toBe(0);
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
  });

  it('reloads a crashed or hung renderer so the board and the alarm come back', () => {
    const window = new BrowserWindow();
    reloadCrashedRenderer(window.webContents, log);
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 });
    expect(window.webContents.reloads).toBe(1);
    expect(lines[0]?.message).toContain('crashed');
    window.webContents.emit('unresponsive');
    expect(window.webContents.reloads).toBe(2);
  });

  it('leaves a clean exit and a destroyed window alone', () => {
    const window = new BrowserWindow();
    reloadCrashedRenderer(window.webContents, log);
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    window.destroy();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    window.webContents.emit('unresponsive');
    expect(window.webContents.reloads).toBe(0);
  });
});
