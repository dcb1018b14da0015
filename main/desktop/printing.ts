/**
 * Prints an order's slip through Electron: a hidden window loads the app's own page with the order
 * in its fragment (index.html#print-slip?id=…&venue=…), which renders only the slip (the same
 * component as on screen, renderer/src/orders/order-slip.tsx) and says it is complete through its
 * title ("slip-ready <height in CSS px>", or "slip-failed: <kind>"). Then `webContents.print` prints
 * it silently on the chosen printer (checked against `getPrintersAsync`) at the paper's width and
 * the slip's own height, and the window is destroyed.
 */
import type { PrinterInfo } from '../../common/contract';
import { appError, err, ok, type Result } from '../../common/result';
import type { SlipJob } from '../app/ports';

/** The parts of a BrowserWindow the printer uses. */
export interface PrintWindow {
  readonly webContents: {
    print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void): void;
  };
  on(event: 'page-title-updated', listener: (event: { preventDefault(): void }, title: string) => void): unknown;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface SlipPrinterDeps<W extends PrintWindow> {
  /** A new hidden window with the app's secure preferences and preload. */
  createWindow(): W;
  /** Where the list of printers comes from (the app window's webContents). */
  printerSource: { getPrintersAsync(): Promise<Array<{ name: string; displayName: string; isDefault?: boolean }>> };
  /** Loads the app's page with `hash` as its fragment (the built file, or the dev server under `npm run dev`). */
  load(win: W, hash: string): Promise<void>;
  /** How long the slip page may take to load the order (the order fetch has its own timeout). */
  readyTimeoutMs?: number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const MICRONS_PER_CSS_PX = 25_400 / 96;
/** Electron refuses pages under 353 microns; a slip is never that short, the floor only guards a bad title. */
const MIN_PAGE_MICRONS = 10_000;
const MAX_PAGE_MICRONS = 3_000_000;

/** The fragment the print window loads: the order's id and venue, encoded. */
export function slipHash(orderId: string, venueId: string): string {
  return `print-slip?${new URLSearchParams({ id: orderId, venue: venueId }).toString()}`;
}

/** What the slip page's title says: ready with its height in CSS px, failed with a reason, or not yet. */
export function readSlipTitle(title: string): { state: 'ready'; heightPx: number } | { state: 'failed'; reason: string } | null {
  const ready = /^slip-ready (\d{1,6})$/.exec(title);
  if (ready) return { state: 'ready', heightPx: Number(ready[1]) };
  if (title.startsWith('slip-failed')) return { state: 'failed', reason: title.slice('slip-failed'.length).replace(/^:\s*/, '') || 'unknown' };
  return null;
}

export interface SlipPrinter {
  print(job: SlipJob): Promise<Result<void>>;
  listPrinters(): Promise<Result<PrinterInfo[]>>;
}

export function createSlipPrinter<W extends PrintWindow>(deps: SlipPrinterDeps<W>): SlipPrinter {
  const readyTimeoutMs = deps.readyTimeoutMs ?? 30_000;

  /** The slip page's verdict, or a timeout; `cancel` clears the timer when the job ends otherwise. */
  function slipReady(win: W): { verdict: Promise<{ state: 'ready'; heightPx: number } | { state: 'failed'; reason: string }>; cancel(): void } {
    let timer: unknown = null;
    const verdict = new Promise<{ state: 'ready'; heightPx: number } | { state: 'failed'; reason: string }>((resolve) => {
      timer = deps.setTimeout(() => resolve({ state: 'failed', reason: `the slip was not ready within ${readyTimeoutMs / 1000} s` }), readyTimeoutMs);
      win.on('page-title-updated', (event, title) => {
        event.preventDefault();
        const read = readSlipTitle(title);
        if (read) resolve(read);
      });
    });
    return { verdict, cancel: () => deps.clearTimeout(timer) };
  }

  async function printers(): Promise<PrinterInfo[]> {
    const list = await deps.printerSource.getPrintersAsync();
    return list.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: p.isDefault === true }));
  }

  return {
    async print(job) {
      const win = deps.createWindow();
      const ready = slipReady(win);
      try {
        await deps.load(win, slipHash(job.orderId, job.venueId));
        const verdict = await ready.verdict;
        if (verdict.state === 'failed') return err(appError('internal', `The slip could not be prepared: ${verdict.reason}.`));
        if (job.printer) {
          const known = await printers();
          if (!known.some((p) => p.name === job.printer)) {
            return err(appError('config', `The printer "${job.printer}" is not installed on this PC (any more). Choose one in Settings → Printing.`));
          }
        }
        const height = Math.min(MAX_PAGE_MICRONS, Math.max(MIN_PAGE_MICRONS, Math.ceil(verdict.heightPx * MICRONS_PER_CSS_PX)));
        const options = {
          silent: true,
          printBackground: false,
          color: false,
          margins: { marginType: 'none' },
          pageSize: { width: job.paperWidthMm * 1000, height },
          ...(job.printer ? { deviceName: job.printer } : {}),
        };
        const printed = await new Promise<{ success: boolean; reason: string }>((resolve) =>
          win.webContents.print(options, (success, reason) => resolve({ success, reason })),
        );
        if (!printed.success) return err(appError('internal', `The printer refused the slip: ${printed.reason || 'no reason given'}.`));
        return ok(undefined);
      } catch (cause) {
        return err(appError('internal', `Printing failed: ${cause instanceof Error ? cause.message : String(cause)}`));
      } finally {
        ready.cancel();
        if (!win.isDestroyed()) win.destroy();
      }
    },
    async listPrinters() {
      try {
        return ok(await printers());
      } catch (cause) {
        return err(appError('internal', `The printers could not be listed: ${cause instanceof Error ? cause.message : String(cause)}`));
      }
    },
  };
}
