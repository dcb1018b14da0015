/**
 * The order slip on paper: "Print" from the window (any order), and — when the owner turned on
 * "print each new order" — every new order exactly once. Which orders are due is kept with the
 * announced record by the engine (marked when an order is first announced, cleared when its slip
 * printed), so a restart prints what was due and never prints an order twice; only a crash in the
 * seconds between the printer taking the job and the record being saved could print it again.
 *
 * A slip that fails is a visible problem (AppInfo.printProblem, the board's banner), not a log
 * line, and it is not retried by itself: a half-printed job retried could print twice; "Print
 * again" is one press on the banner. Prints run one at a time.
 */
import type { PrintProblem, PrinterInfo } from '../../common/contract';
import type { Order } from '../../common/order';
import { appError, err, ok, type Result } from '../../common/result';
import type { Settings } from '../../common/settings';
import type { Clock } from '../watch/types';
import type { DesktopPorts, LogFn } from './ports';

/** A slip that takes longer than this (window, order fetch, spooler) is reported as failed. */
export const PRINT_TIMEOUT_MS = 60_000;
/** Slips queued at once at most; a rush of more waits for the next state. */
const MAX_QUEUED = 50;

export interface SlipPrintingDeps {
  desktop: Pick<DesktopPorts, 'printSlip' | 'listPrinters'>;
  settings(): Settings;
  /** Orders whose slip is due (pending, announced while printing was on, not printed yet). */
  slipsDue(): Order[];
  /** The slip of the order printed: the engine clears it from the record and saves. */
  slipPrinted(id: string): void;
  /** An order as the board knows it, for the number a problem names. */
  findOrder(id: string): Order | undefined;
  clock: Clock;
  log: LogFn;
  /** The print problem changed (null: none now): the window is told, a new problem is notified. */
  problemChanged(problem: PrintProblem | null): void;
}

export interface SlipPrinting {
  /** After each state: prints the slips that are due (only while "print each new order" is on). */
  settle(): void;
  /** "Print" in the window: the order's slip now, on the printer in Settings. */
  printNow(id: string, venueId?: string): Promise<Result<{ printer: string }>>;
  listPrinters(): Promise<Result<PrinterInfo[]>>;
  problem(): PrintProblem | null;
  dismissProblem(): void;
  /** Resolves when the slips under way are done (quit, tests). */
  idle(): Promise<void>;
}

export function createSlipPrinting(deps: SlipPrintingDeps): SlipPrinting {
  let problem: PrintProblem | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  const queued = new Set<string>();
  /** Due slips that failed this session: not retried by themselves (see above). */
  const failed = new Set<string>();

  const setProblem = (next: PrintProblem | null) => {
    if (problem === next) return;
    problem = next;
    deps.problemChanged(next);
  };

  function withTimeout<T>(work: Promise<Result<T>>): Promise<Result<T>> {
    return new Promise((resolve) => {
      const timer = deps.clock.setTimeout(() => resolve(err(appError('timeout', `The printer did not take the slip within ${PRINT_TIMEOUT_MS / 1000} s.`))), PRINT_TIMEOUT_MS);
      work.then(
        (result) => {
          deps.clock.clearTimeout(timer);
          resolve(result);
        },
        (cause: unknown) => {
          deps.clock.clearTimeout(timer);
          resolve(err(appError('internal', `Printing failed: ${cause instanceof Error ? cause.message : String(cause)}`)));
        },
      );
    });
  }

  /** One slip, in turn after those before it. */
  function print(id: string, venueId: string, due: boolean): Promise<Result<{ printer: string }>> {
    const run = async (): Promise<Result<{ printer: string }>> => {
      const { printer, paperWidthMm } = deps.settings().printing;
      const result = await withTimeout(deps.desktop.printSlip({ orderId: id, venueId, printer, paperWidthMm }));
      const number = deps.findOrder(id)?.number ?? id;
      if (result.ok) {
        if (due) deps.slipPrinted(id);
        failed.delete(id);
        deps.log('info', `Printed the slip of order ${number}${printer ? ` on ${printer}` : ''}.`);
        if (problem?.orderId === id) setProblem(null);
        return ok({ printer });
      }
      if (due) failed.add(id);
      deps.log('warn', `The slip of order ${number} did not print: ${result.error.message}`);
      setProblem({ orderId: id, venueId, orderNumber: number, printer, reason: result.error.message, at: deps.clock.now() });
      return result;
    };
    const next = chain.then(run, run);
    chain = next;
    return next;
  }

  return {
    settle() {
      if (!deps.settings().printing.printEachNewOrder) return;
      for (const order of deps.slipsDue()) {
        if (queued.size >= MAX_QUEUED) break;
        if (queued.has(order.id) || failed.has(order.id)) continue;
        queued.add(order.id);
        void print(order.id, order.venueId, true).finally(() => queued.delete(order.id));
      }
    },
    printNow(id, venueId) {
      const order = deps.findOrder(id);
      const venue = venueId ?? order?.venueId;
      if (!venue) return Promise.resolve(err(appError('not-found', `Order ${id} is not on the board; open it from the board to print it.`)));
      const due = deps.slipsDue().some((o) => o.id === id);
      return print(id, venue, due);
    },
    listPrinters: () => deps.desktop.listPrinters(),
    problem: () => problem,
    dismissProblem() {
      setProblem(null);
    },
    idle: () => chain.then(() => undefined, () => undefined),
  };
}
