/**
 * The IPC handler table: each channel of the contract (common/contract.ts) mapped to one command of
 * the runtime. Nothing else lives here — the tray, the keyboard and wake-ups call the same
 * commands. A channel without an entry fails to compile (`InvokeHandlers`).
 */
import type { AppInfo, InvokeHandlers, PrinterInfo, TelegramStatus, TestNotificationReply, UpdateStatus } from '../../common/contract';
import type { ReportData, ReportRange } from '../../common/report';
import { ok, type Result } from '../../common/result';
import type { AppCommands } from './runtime';

/** The part of the update controller the window may use: "Check for updates". */
export interface UpdateChecks {
  check(): Promise<UpdateStatus>;
}

/** What the window may ask of the desktop directly. */
export interface DesktopChecks {
  testNotification(): Result<TestNotificationReply>;
  printSlip(id: string, venueId?: string): Promise<Result<{ printer: string }>>;
  listPrinters(): Promise<Result<PrinterInfo[]>>;
  dismissPrintProblem(): AppInfo;
}

/** The owner's view: the report over the ledger, its CSV, and the Telegram test message. */
export interface OwnerChecks {
  report(range: ReportRange): Result<ReportData>;
  exportReport(range: ReportRange): Promise<Result<{ file: string | null }>>;
  testTelegram(): Promise<Result<TelegramStatus>>;
}

const UPDATES_UNAVAILABLE: UpdateStatus = { state: 'disabled', reason: 'Updates are not available in this build.' };

export function createHandlers(commands: AppCommands, updates: UpdateChecks | null, desktop: DesktopChecks, owner: OwnerChecks): InvokeHandlers {
  return {
    'notifier:get-app-info': async () => ok(commands.appInfo()),
    'notifier:get-state': async () => ok(commands.snapshot()),
    'notifier:acknowledge': async ({ id }) => commands.acknowledge(id),
    'notifier:acknowledge-all': async () => commands.acknowledgeAll(),
    'notifier:check-now': async () => commands.checkNow(),
    'notifier:set-polling-paused': async ({ paused }) => commands.setPollingPaused(paused),
    'notifier:pause-alerts': async ({ minutes }) => commands.pauseAlerts(minutes),
    'notifier:mute-alerts': async ({ minutes }) => commands.muteAlerts(minutes),
    'notifier:resume-alerts': async () => commands.resumeAlerts(),
    'notifier:get-settings': async () => ok(await commands.settingsView()),
    'notifier:set-settings': (patch) => commands.updateSettings(patch),
    'notifier:set-secret': (request) => commands.setSecret(request),
    'notifier:clear-secret': ({ name }) => commands.clearSecret(name),
    'notifier:test-connection': async (request) => ok(await commands.testConnection(request)),
    'notifier:get-order': ({ id, venueId }) => commands.order(id, venueId),
    'notifier:get-receipt': ({ id, venueId }) => commands.receipt(id, venueId),
    'notifier:reject-order': ({ id, venueId }) => commands.rejectOrder(id, venueId),
    'notifier:open-external': ({ url }) => commands.openExternal(url),
    'notifier:open-log-folder': () => commands.openLogFolder(),
    'notifier:check-for-updates': async () => ok(updates ? await updates.check() : UPDATES_UNAVAILABLE),
    'notifier:test-notification': async () => desktop.testNotification(),
    'notifier:print-slip': ({ id, venueId }) => desktop.printSlip(id, venueId),
    'notifier:list-printers': () => desktop.listPrinters(),
    'notifier:dismiss-print-problem': async () => ok(desktop.dismissPrintProblem()),
    'notifier:get-report': async ({ range }) => owner.report(range),
    'notifier:export-report': ({ range }) => owner.exportReport(range),
    'notifier:telegram-test': () => owner.testTelegram(),
  };
}
