/**
 * The slip printer (main/desktop/printing.ts) over the recording fake: a hidden window loads the
 * app's slip page, waits for it to say it is ready, checks the printer, prints silently at the
 * paper width and the slip's height, and never leaves the window behind.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, recorder } from '../../mocks/electron';
import { createSlipPrinter, readSlipTitle, slipHash } from '../../../main/desktop/printing';

vi.mock('electron', () => import('../../mocks/electron'));

function printer(readyTimeoutMs = 2_000) {
  const main = new BrowserWindow({ show: true });
  return createSlipPrinter({
    createWindow: () => new BrowserWindow({ show: false }),
    load: (win, hash) => win.loadFile('/app/renderer/index.html', { hash }),
    printerSource: main.webContents,
    readyTimeoutMs,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });
}

const job = { orderId: 'W/1042 & co', venueId: '2', printer: 'XP-80C', paperWidthMm: 80 as const };
const printWindows = () => recorder.windows.filter((w) => w.options.show === false);

describe('slip printer', () => {
  beforeEach(() => recorder.reset());

  it('prints the order\'s slip page silently on the chosen printer, 80 mm wide and as long as the slip, then closes its window', async () => {
    recorder.slipPageTitle = 'slip-ready 900';
    expect(await printer().print(job)).toEqual({ ok: true, value: undefined });
    expect(recorder.prints).toHaveLength(1);
    const [print] = recorder.prints;
    // The order id travels encoded: an id with & or / cannot change what the page loads.
    expect(print!.hash).toBe('print-slip?id=W%2F1042+%26+co&venue=2');
    expect(new URLSearchParams(print!.hash!.slice('print-slip?'.length)).get('id')).toBe('W/1042 & co');
    expect(print!.options).toEqual({
      silent: true,
      printBackground: false,
      color: false,
      margins: { marginType: 'none' },
      pageSize: { width: 80_000, height: Math.ceil(900 * (25_400 / 96)) },
      deviceName: 'XP-80C',
    });
    expect(printWindows().every((w) => w.destroyed)).toBe(true);
  });

  it('leaves the printer to the system when none is chosen', async () => {
    expect((await printer().print({ ...job, printer: '' })).ok).toBe(true);
    expect(recorder.prints[0]!.options).not.toHaveProperty('deviceName');
  });

  it('refuses a printer this PC does not have, and prints nothing', async () => {
    const result = await printer().print({ ...job, printer: 'Gone_Printer' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(!result.ok && result.error.message).toContain('"Gone_Printer" is not installed on this PC');
    expect(recorder.prints).toEqual([]);
    expect(printWindows().every((w) => w.destroyed)).toBe(true);
  });

  it('reports what the printer said when it refuses the job', async () => {
    recorder.printFailure = 'Printer is out of paper';
    const result = await printer().print(job);
    expect(!result.ok && result.error.message).toBe('The printer refused the slip: Printer is out of paper.');
    expect(printWindows().every((w) => w.destroyed)).toBe(true);
  });

  it('fails, without printing, when the slip page could not load the order or never says it is ready', async () => {
    recorder.slipPageTitle = 'slip-failed: offline';
    const failed = await printer().print(job);
    expect(!failed.ok && failed.error.message).toBe('The slip could not be prepared: offline.');
    recorder.slipPageTitle = null;
    const silent = await printer(50).print(job);
    expect(!silent.ok && silent.error.message).toMatch(/not ready within/);
    expect(recorder.prints).toEqual([]);
    expect(printWindows().every((w) => w.destroyed)).toBe(true);
  });

  it('a page that fails to load ends the job at once, without printing and without a timer left running', async () => {
    const pending = new Set<unknown>();
    const main = new BrowserWindow({ show: true });
    const failing = createSlipPrinter({
      createWindow: () => new BrowserWindow({ show: false }),
      load: async () => {
        throw new Error('ERR_FILE_NOT_FOUND');
      },
      printerSource: main.webContents,
      setTimeout: (fn, ms) => {
        const handle = setTimeout(fn, ms);
        pending.add(handle);
        return handle;
      },
      clearTimeout: (handle) => {
        pending.delete(handle);
        clearTimeout(handle as NodeJS.Timeout);
      },
    });
    const result = await failing.print(job);
    expect(!result.ok && result.error.message).toBe('Printing failed: ERR_FILE_NOT_FOUND');
    expect(pending.size).toBe(0);
    expect(recorder.prints).toEqual([]);
    expect(printWindows().every((w) => w.destroyed)).toBe(true);
  });

  it('lists the printers from the app window', async () => {
    expect(await printer().listPrinters()).toEqual({ ok: true, value: [{ name: 'XP-80C', displayName: 'XPrinter 80 mm', isDefault: true }] });
  });

  it('reads only its own verdicts from the page title', () => {
    expect(readSlipTitle('Clopos Order Notifier')).toBeNull();
    expect(readSlipTitle('slip-ready 12')).toEqual({ state: 'ready', heightPx: 12 });
    expect(readSlipTitle('slip-ready 1e9')).toBeNull();
    expect(readSlipTitle('slip-failed: not-found')).toEqual({ state: 'failed', reason: 'not-found' });
    expect(slipHash('1', '1')).toBe('print-slip?id=1&venue=1');
  });
});
