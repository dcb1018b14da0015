/**
 * A typed stand-in for `window.notifier`: implements NotifierBridge, records every call, answers
 * like main would (validating settings with the shared schema, refusing a reject unless enabled,
 * keeping secrets write-only), and lets a test push main → renderer events. Free of DOM and Node
 * APIs so the browser tests can bundle it into the page as a plain script.
 */
import type {
  AppInfo,
  EventChannel,
  EventPayloads,
  NotifierBridge,
  PrinterInfo,
  ReplyOf,
  RequestOf,
  ResponseOf,
  SecretStorageKind,
  SettingsView,
  TelegramStatus,
  UpdateStatus,
  bridgeMethods,
} from '../../common/contract';
import type { Diagnosis, EngineSnapshot, TrackedOrder } from '../../common/engine';
import type { Order, OrderDetail, OrderStatus, Receipt } from '../../common/order';
import type { AppError, ErrorKind } from '../../common/result';
import type { ReportData, ReportRange } from '../../common/report';
import { settingsPatchSchema } from '../../common/settings';
import { APP_INFO, emptyReport, makeSettingsView, makeSnapshot } from './fixtures';

export type BridgeMethodName = keyof typeof bridgeMethods;
type ChannelOf<M extends BridgeMethodName> = (typeof bridgeMethods)[M];

export interface RecordedCall {
  method: BridgeMethodName;
  request: unknown;
}

/** Everything a test can preset; JSON-serialisable so a browser test can pass it into the page. */
export interface FakeBridgeInit {
  snapshot?: EngineSnapshot;
  view?: SettingsView;
  appInfo?: AppInfo;
  /** Full details returned by getOrder, by order id (otherwise built from the snapshot). */
  orders?: OrderDetail[];
  receipts?: Receipt[];
  diagnosis?: Diagnosis;
  updateStatus?: UpdateStatus;
  /** Methods that answer with this error instead. */
  failures?: Partial<Record<BridgeMethodName, AppError>>;
  /** What getReport answers, by range (otherwise an empty report for the range). */
  reports?: Partial<Record<ReportRange, ReportData>>;
  /** What exportReport answers ('' = the person cancelled the save dialog). */
  exportFile?: string;
  /** What testTelegram answers when it succeeds. */
  telegramStatus?: TelegramStatus;
}

const PASSING_DIAGNOSIS: Diagnosis = {
  ok: true,
  steps: [
    { id: 'config', ok: true, message: 'Settings are complete.' },
    { id: 'auth', ok: true, message: 'Signed in as openapitest.' },
    { id: 'orders', ok: true, message: 'Read 3 pending orders.' },
  ],
  advice: [],
  warnings: [],
};

type Listener = (payload: never) => void;

export class FakeBridge implements NotifierBridge {
  readonly calls: RecordedCall[] = [];
  snapshot: EngineSnapshot;
  view: SettingsView;
  appInfo: AppInfo;
  orders: Map<string, OrderDetail>;
  receipts: Map<string, Receipt>;
  diagnosis: Diagnosis;
  updateStatus: UpdateStatus;
  failures: Partial<Record<BridgeMethodName, AppError>>;
  reports: Partial<Record<ReportRange, ReportData>>;
  exportFile: string;
  telegramStatus: TelegramStatus;
  private readonly listeners = new Map<EventChannel, Set<Listener>>();

  constructor(init: FakeBridgeInit = {}) {
    this.snapshot = init.snapshot ?? makeSnapshot();
    this.view = init.view ?? makeSettingsView();
    this.appInfo = init.appInfo ?? APP_INFO;
    this.orders = new Map((init.orders ?? []).map((detail) => [detail.order.id, detail]));
    this.receipts = new Map((init.receipts ?? []).map((receipt) => [receipt.id, receipt]));
    this.diagnosis = init.diagnosis ?? PASSING_DIAGNOSIS;
    this.updateStatus = init.updateStatus ?? { state: 'none' };
    this.failures = { ...init.failures };
    this.reports = { ...init.reports };
    this.exportFile = init.exportFile ?? '/home/owner/Documents/orders-today.csv';
    this.telegramStatus = init.telegramStatus ?? { state: 'ok', detail: null, lastSentAt: Date.now() };
  }

  // ---- test controls ----

  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener);
  }

  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EventPayloads[E]) => void)(payload);
  }

  listenerCount(event: EventChannel): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsOf(method: BridgeMethodName): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.request);
  }

  /** Replaces the snapshot and pushes it, as main does after every poll. */
  pushState(patch: Partial<EngineSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.emit('notifier:state', this.snapshot);
  }

  /** A new pending order arrives (pushed to the renderer). */
  addPending(order: Order): void {
    const entry: TrackedOrder = { order, firstSeenAt: Date.now(), acknowledged: false, leftPendingAt: null };
    this.pushState({ pending: [...this.snapshot.pending, entry] });
  }

  /** An order leaves pending (accepted on the POS, cancelled…) and moves to the history. */
  leavePending(id: string, status: OrderStatus): void {
    const entry = this.snapshot.pending.find((t) => t.order.id === id);
    if (!entry) return;
    const left: TrackedOrder = { ...entry, order: { ...entry.order, status }, leftPendingAt: Date.now() };
    this.pushState({ pending: this.snapshot.pending.filter((t) => t.order.id !== id), history: [left, ...this.snapshot.history] });
  }

  setView(patch: Partial<SettingsView>): void {
    this.view = { ...this.view, ...patch };
    this.emit('notifier:settings-changed', this.view);
  }

  setSecretStorage(kind: SecretStorageKind): void {
    this.setView({ secretStorage: kind });
  }

  // ---- NotifierBridge ----

  getAppInfo() {
    return this.answer('getAppInfo', undefined, () => this.appInfo);
  }

  getState() {
    return this.answer('getState', undefined, () => this.snapshot);
  }

  acknowledge(request: RequestOf<'notifier:acknowledge'>) {
    return this.answer('acknowledge', request, () => this.mark((t) => t.order.id === request.id));
  }

  acknowledgeAll() {
    return this.answer('acknowledgeAll', undefined, () => this.mark(() => true));
  }

  checkNow() {
    return this.answer('checkNow', undefined, () => this.snapshot);
  }

  setPollingPaused(request: RequestOf<'notifier:set-polling-paused'>) {
    return this.answer('setPollingPaused', request, () => this.update({ paused: request.paused }));
  }

  pauseAlerts(request: RequestOf<'notifier:pause-alerts'>) {
    return this.answer('pauseAlerts', request, () =>
      this.update({ alertsPausedUntil: Date.now() + request.minutes * 60_000 }),
    );
  }

  muteAlerts(request: RequestOf<'notifier:mute-alerts'>) {
    return this.answer('muteAlerts', request, () =>
      this.update({ mutedUntil: Date.now() + request.minutes * 60_000, alarmActive: false }),
    );
  }

  resumeAlerts() {
    return this.answer('resumeAlerts', undefined, () => this.update({ alertsPausedUntil: null, mutedUntil: null }));
  }

  getSettings() {
    return this.answer('getSettings', undefined, () => this.view);
  }

  setSettings(request: RequestOf<'notifier:set-settings'>) {
    return this.answer('setSettings', request, () => {
      const parsed = settingsPatchSchema.safeParse(request);
      if (!parsed.success) return refuse('invalid-request', parsed.error.issues[0]?.message ?? 'Invalid settings');
      this.view = { ...this.view, settings: { ...this.view.settings, ...parsed.data } };
      this.emit('notifier:settings-changed', this.view);
      return this.view;
    });
  }

  setSecret(request: RequestOf<'notifier:set-secret'>) {
    return this.answer('setSecret', request, () => {
      if (this.view.secretStorage === 'unavailable') return refuse('config', 'No secret storage on this computer.');
      if (this.view.secretStorage === 'weak' && !this.view.settings.allowWeakSecretStorage) {
        return refuse('forbidden', 'Storing secrets without encryption was not accepted.');
      }
      this.view = { ...this.view, secrets: { ...this.view.secrets, [request.name]: true } };
      return this.view;
    });
  }

  clearSecret(request: RequestOf<'notifier:clear-secret'>) {
    return this.answer('clearSecret', request, () => {
      this.view = { ...this.view, secrets: { ...this.view.secrets, [request.name]: false } };
      return this.view;
    });
  }

  testConnection(request: RequestOf<'notifier:test-connection'>) {
    return this.answer('testConnection', request, () => this.diagnosis);
  }

  getOrder(request: RequestOf<'notifier:get-order'>) {
    return this.answer('getOrder', request, () => {
      const known = this.orders.get(request.id);
      if (known) return known;
      const entry = [...this.snapshot.pending, ...this.snapshot.history].find((t) => t.order.id === request.id);
      if (!entry) return refuse('not-found', `Order ${request.id} was not found in this brand and venue.`);
      const receiptId = entry.order.receiptId;
      return { order: entry.order, receipt: receiptId ? { id: receiptId, status: this.receipts.get(receiptId)?.status ?? 'open' } : null };
    });
  }

  getReceipt(request: RequestOf<'notifier:get-receipt'>) {
    return this.answer('getReceipt', request, () => this.receipts.get(request.id) ?? refuse('not-found', `Receipt ${request.id} was not found.`));
  }

  rejectOrder(request: RequestOf<'notifier:reject-order'>) {
    return this.answer('rejectOrder', request, () => {
      if (!this.view.settings.allowReject) return refuse('forbidden', 'Rejecting orders is turned off in settings.');
      this.leavePending(request.id, 'cancelled');
      return this.snapshot;
    });
  }

  openExternal(request: RequestOf<'notifier:open-external'>) {
    return this.answer('openExternal', request, () => undefined);
  }

  openLogFolder() {
    return this.answer('openLogFolder', undefined, () => undefined);
  }

  checkForUpdates() {
    return this.answer('checkForUpdates', undefined, () => this.updateStatus);
  }

  /** Whether the test notification is shown (false: this system has none). */
  notificationShown = true;
  testNotification() {
    return this.answer('testNotification', undefined, () => ({ shown: this.notificationShown }));
  }

  /** The printers listPrinters answers with. */
  printers: PrinterInfo[] = [
    { name: 'XP-80C', displayName: 'XPrinter 80 mm (counter)', isDefault: true },
    { name: 'Office_Laser', displayName: 'Office laser', isDefault: false },
  ];
  printSlip(request: RequestOf<'notifier:print-slip'>) {
    return this.answer('printSlip', request, () => ({ printer: this.view.settings.printing.printer }));
  }
  listPrinters() {
    return this.answer('listPrinters', undefined, () => this.printers);
  }
  dismissPrintProblem() {
    return this.answer('dismissPrintProblem', undefined, () => {
      this.appInfo = { ...this.appInfo, printProblem: null };
      return this.appInfo;
    });
  }

  getReport(request: RequestOf<'notifier:get-report'>) {
    return this.answer('getReport', request, () => this.reports[request.range] ?? emptyReport(request.range));
  }
  exportReport(request: RequestOf<'notifier:export-report'>) {
    return this.answer('exportReport', request, () => ({ file: this.exportFile === '' ? null : this.exportFile }));
  }
  testTelegram() {
    return this.answer('testTelegram', undefined, () => {
      this.appInfo = { ...this.appInfo, telegram: this.telegramStatus };
      this.emit('notifier:app-info', this.appInfo);
      return this.telegramStatus;
    });
  }

  // ---- internals ----

  private mark(match: (t: TrackedOrder) => boolean): EngineSnapshot {
    return this.update({ pending: this.snapshot.pending.map((t) => (match(t) ? { ...t, acknowledged: true } : t)) });
  }

  private update(patch: Partial<EngineSnapshot>): EngineSnapshot {
    this.snapshot = { ...this.snapshot, ...patch };
    return this.snapshot;
  }

  /**
   * Records the call and answers asynchronously, as IPC does. A preset failure wins; a handler
   * refuses by returning `refuse(…)`, as main's handlers turn errors into values.
   */
  private async answer<M extends BridgeMethodName>(
    method: M,
    request: unknown,
    handle: () => ResponseOf<ChannelOf<M>> | Refusal,
  ): Promise<ReplyOf<ChannelOf<M>>> {
    this.calls.push({ method, request });
    await Promise.resolve();
    const failure = this.failures[method];
    if (failure) return { ok: false, error: failure };
    const value = handle();
    if (value instanceof Refusal) return { ok: false, error: value.error };
    return { ok: true, value };
  }
}

class Refusal {
  constructor(readonly error: AppError) {}
}

const refuse = (kind: ErrorKind, message: string) => new Refusal({ kind, message });
