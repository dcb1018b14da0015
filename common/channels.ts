/**
 * The channel-name tables of the IPC contract, kept apart from common/contract.ts so the preload
 * bundle can use them without pulling in zod. Only types come from the contract here, so a
 * missing entry still fails to compile.
 */
import type { EventChannel, InvokeChannel } from './contract';

export const BRIDGE_GLOBAL = 'notifier';

/** The bridge method name for each channel: the preload builds `window.notifier` from this table. */
export const bridgeMethods = {
  getAppInfo: 'notifier:get-app-info',
  getState: 'notifier:get-state',
  acknowledge: 'notifier:acknowledge',
  acknowledgeAll: 'notifier:acknowledge-all',
  checkNow: 'notifier:check-now',
  setPollingPaused: 'notifier:set-polling-paused',
  pauseAlerts: 'notifier:pause-alerts',
  muteAlerts: 'notifier:mute-alerts',
  resumeAlerts: 'notifier:resume-alerts',
  getSettings: 'notifier:get-settings',
  setSettings: 'notifier:set-settings',
  setSecret: 'notifier:set-secret',
  clearSecret: 'notifier:clear-secret',
  testConnection: 'notifier:test-connection',
  getOrder: 'notifier:get-order',
  getReceipt: 'notifier:get-receipt',
  rejectOrder: 'notifier:reject-order',
  openExternal: 'notifier:open-external',
  openLogFolder: 'notifier:open-log-folder',
  checkForUpdates: 'notifier:check-for-updates',
  testNotification: 'notifier:test-notification',
  printSlip: 'notifier:print-slip',
  listPrinters: 'notifier:list-printers',
  dismissPrintProblem: 'notifier:dismiss-print-problem',
  getReport: 'notifier:get-report',
  exportReport: 'notifier:export-report',
  testTelegram: 'notifier:telegram-test',
} as const satisfies Record<string, InvokeChannel>;
type UnbridgedChannel = Exclude<InvokeChannel, (typeof bridgeMethods)[keyof typeof bridgeMethods]>;
const _everyChannelBridged: UnbridgedChannel extends never ? true : never = true;
void _everyChannelBridged;

export const EVENT_CHANNELS = [
  'notifier:state',
  'notifier:select-order',
  'notifier:alarm',
  'notifier:settings-changed',
  'notifier:app-info',
] as const satisfies readonly EventChannel[];
type MissingEvent = Exclude<EventChannel, (typeof EVENT_CHANNELS)[number]>;
const _everyEventListed: MissingEvent extends never ? true : never = true;
void _everyEventListed;
