/**
 * The one IPC contract between main and the renderer. Every channel is declared here with its zod
 * request schema (checked in main for every message) and its response type. The preload bridge
 * and main's handler table are both typed from this file, so a channel without a contract — or a
 * contract without a handler — fails to compile.
 */
import { z } from 'zod';
import type { Diagnosis, EngineSnapshot } from './engine';
import type { OrderDetail, Receipt } from './order';
import { REPORT_RANGES, type ReportData } from './report';
import type { Result } from './result';
import type { bridgeMethods } from './channels';
export { BRIDGE_GLOBAL, bridgeMethods, EVENT_CHANNELS } from './channels';
import { connectionSchema, SECRET_NAMES, settingsPatchSchema, type SecretName, type Settings } from './settings';

/** Phantom marker for a response type: carries the type, never a value. */
const reply = <T>(): T => undefined as T;

const orderId = z.string().trim().min(1).max(100);

/** The longest pause of reminders: a working day. */
export const MAX_PAUSE_MINUTES = 12 * 60;
/** The longest mute: it silences new orders too, so it never lasts long. */
export const MAX_MUTE_MINUTES = 15;
const venueId = z.string().trim().min(1).max(100).optional();

export type SecretStorageKind = 'os' | 'weak' | 'unavailable';

export interface SettingsView {
  settings: Settings;
  /** Which secrets are set. The values never leave main. */
  secrets: Record<SecretName, boolean>;
  secretStorage: SecretStorageKind;
  /** Set when the settings file was unreadable and defaults were used (the bad file is kept as a backup). */
  warning: string | null;
}

export interface AppInfo {
  version: string;
  demo: boolean;
  platform: string;
  logFolder: string;
  /** False where Electron says this system shows no notifications (e.g. Linux without a notification server). */
  notificationsSupported: boolean;
  /** The last order slip that failed to print, until one prints or someone dismisses it; null when none. */
  printProblem: PrintProblem | null;
  /** How escalation to Telegram is doing (a refused token is a problem shown on the status bar and in Settings). */
  telegram: TelegramStatus;
  /** The report's ledger: a damaged file kept aside or a write that failed; null when all is well. */
  ledgerWarning: string | null;
}

/**
 * Escalation to Telegram: 'off' (not enabled or not set up), 'ok' (the last message went), 'refused'
 * (Telegram refused the bot token or the chat: nothing will arrive until Settings are fixed),
 * 'failing' (the last message could not be sent yet; it is being retried).
 */
export interface TelegramStatus {
  state: 'off' | 'ok' | 'refused' | 'failing';
  /** What Telegram or the network said, in English; null when all is well. */
  detail: string | null;
  /** When the last message went; null when none yet. */
  lastSentAt: number | null;
}

/** A slip that did not print: which order, and what the system said. */
export interface PrintProblem {
  orderId: string;
  venueId: string;
  /** The number the board shows for the order. */
  orderNumber: string;
  /** The printer it went to ('' = the system default). */
  printer: string;
  /** What Electron or the app reported, in English. */
  reason: string;
  at: number;
}

/** A printer this PC offers (Electron's getPrintersAsync). */
export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** What "Send a test notification" did: `shown` is false when this system shows no notifications. */
export interface TestNotificationReply {
  shown: boolean;
}

export type UpdateStatus =
  | { state: 'disabled'; reason: string }
  | { state: 'idle' | 'checking' | 'none' }
  | { state: 'available' | 'downloaded' | 'deferred'; version: string }
  | { state: 'error'; message: string };

export const invokeChannels = {
  'notifier:get-app-info': { request: z.undefined(), response: reply<AppInfo>() },
  'notifier:get-state': { request: z.undefined(), response: reply<EngineSnapshot>() },
  'notifier:acknowledge': { request: z.object({ id: orderId }).strict(), response: reply<EngineSnapshot>() },
  'notifier:acknowledge-all': { request: z.undefined(), response: reply<EngineSnapshot>() },
  'notifier:check-now': { request: z.undefined(), response: reply<EngineSnapshot>() },
  'notifier:set-polling-paused': { request: z.object({ paused: z.boolean() }).strict(), response: reply<EngineSnapshot>() },
  /** Pauses reminders and escalations for a stated time (new orders and problems still sound). */
  'notifier:pause-alerts': {
    request: z.object({ minutes: z.number().int().min(1).max(MAX_PAUSE_MINUTES) }).strict(),
    response: reply<EngineSnapshot>(),
  },
  /** Silences every sound, new orders and problems too, for at most 15 minutes. */
  'notifier:mute-alerts': {
    request: z.object({ minutes: z.number().int().min(1).max(MAX_MUTE_MINUTES) }).strict(),
    response: reply<EngineSnapshot>(),
  },
  'notifier:resume-alerts': { request: z.undefined(), response: reply<EngineSnapshot>() },
  'notifier:get-settings': { request: z.undefined(), response: reply<SettingsView>() },
  'notifier:set-settings': { request: settingsPatchSchema, response: reply<SettingsView>() },
  /** The secret is bound to the server of `connection` (the draft it was typed for), else of the saved connection. */
  'notifier:set-secret': {
    request: z.object({ name: z.enum(SECRET_NAMES), value: z.string().trim().min(1).max(4096), connection: connectionSchema.optional() }).strict(),
    response: reply<SettingsView>(),
  },
  'notifier:clear-secret': { request: z.object({ name: z.enum(SECRET_NAMES) }).strict(), response: reply<SettingsView>() },
  /**
   * Tests the saved connection, or a draft from the form. A draft client secret is used for this
   * test only and never saved, so a wrong value typed to try it cannot replace the working one.
   */
  'notifier:test-connection': {
    request: z
      .object({ connection: connectionSchema.optional(), clientSecret: z.string().trim().min(1).max(4096).optional() })
      .strict(),
    response: reply<Diagnosis>(),
  },
  'notifier:get-order': { request: z.object({ id: orderId, venueId }).strict(), response: reply<OrderDetail>() },
  'notifier:get-receipt': { request: z.object({ id: orderId, venueId }).strict(), response: reply<Receipt>() },
  /** Sets the order to IGNORE in Clopos. Refused unless settings.allowReject. */
  'notifier:reject-order': { request: z.object({ id: orderId, venueId }).strict(), response: reply<EngineSnapshot>() },
  'notifier:open-external': { request: z.object({ url: z.string().max(2048) }).strict(), response: reply<void>() },
  'notifier:open-log-folder': { request: z.undefined(), response: reply<void>() },
  'notifier:check-for-updates': { request: z.undefined(), response: reply<UpdateStatus>() },
  /** Shows a real notification now (at most one every few seconds, however often the window asks). */
  'notifier:test-notification': { request: z.undefined(), response: reply<TestNotificationReply>() },
  /** Prints the order's slip on the printer in Settings (the slip is built in main's own print window from the order's id). */
  'notifier:print-slip': { request: z.object({ id: orderId, venueId }).strict(), response: reply<{ printer: string }>() },
  'notifier:list-printers': { request: z.undefined(), response: reply<PrinterInfo[]>() },
  /** Puts away the "slip did not print" problem. */
  'notifier:dismiss-print-problem': { request: z.undefined(), response: reply<AppInfo>() },
  /** The owner's report over the ledger for a period. */
  'notifier:get-report': { request: z.object({ range: z.enum(REPORT_RANGES) }).strict(), response: reply<ReportData>() },
  /** Writes the period's orders as CSV where a person chooses in main's save dialog; `file` null when they cancelled. */
  'notifier:export-report': { request: z.object({ range: z.enum(REPORT_RANGES) }).strict(), response: reply<{ file: string | null }>() },
  /** Sends a test message to the saved Telegram chat with the saved bot token (main's; the window never sees it). */
  'notifier:telegram-test': { request: z.undefined(), response: reply<TelegramStatus>() },
} as const satisfies Record<`notifier:${string}`, { request: z.ZodType; response: unknown }>;

export type InvokeChannel = keyof typeof invokeChannels;
export type RequestOf<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = (typeof invokeChannels)[C]['response'];
/** What every invoke resolves to: handlers' errors become values, never rejections. */
export type ReplyOf<C extends InvokeChannel> = Result<ResponseOf<C>>;
/** Main's handler table: one per channel, each answering with a `Result` that the IPC wrapper passes on. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (request: RequestOf<C>) => Promise<ReplyOf<C>>;
};

export type AlarmKind = 'order' | 'escalation' | 'health';

/** Main → renderer events. Main builds them; the preload forwards only these channels. */
export interface EventPayloads {
  'notifier:state': EngineSnapshot;
  'notifier:select-order': { id: string };
  /** play: start (or restart) the alarm loop of that kind; stop: silence all. */
  'notifier:alarm': { action: 'play'; kind: AlarmKind } | { action: 'stop' };
  'notifier:settings-changed': SettingsView;
  /** The app's facts changed (notifications began or stopped failing on this PC). */
  'notifier:app-info': AppInfo;
}
export type EventChannel = keyof EventPayloads;

type BridgeMethod<C extends InvokeChannel> =
  RequestOf<C> extends undefined ? () => Promise<ReplyOf<C>> : (request: RequestOf<C>) => Promise<ReplyOf<C>>;

/** The object the preload exposes as `window.notifier`. */
export type NotifierBridge = {
  [M in keyof typeof bridgeMethods]: BridgeMethod<(typeof bridgeMethods)[M]>;
} & {
  /** Subscribes to a main → renderer event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

