/**
 * Orders, snapshots and settings for renderer tests. Plain data only (no DOM, no Node), so the
 * component tests, the fake bridge and the browser tests share them.
 */
import type { ReportData, ReportFigures, ReportRange } from '../../common/report';
import type { AppInfo, SettingsView } from '../../common/contract';
import type { EngineSnapshot, TrackedOrder } from '../../common/engine';
import type { Order, Receipt } from '../../common/order';
import { DEFAULT_SETTINGS, type Settings } from '../../common/settings';

export const FIXED_NOW = Date.parse('2026-03-02T12:00:00Z');

export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord-1',
    number: 'A-001',
    status: 'pending',
    rawStatus: 'PENDING',
    createdAt: new Date(FIXED_NOW - 30_000).toISOString(),
    updatedAt: null,
    total: 24.5,
    totalIsComputed: false,
    customer: { name: 'Aysel Məmmədova', phone: '+994 50 123 45 67', address: 'Nizami küç. 10, Bakı' },
    items: [
      { name: 'Plov', quantity: 2, unitPrice: 8.5, total: 17, modifiers: ['Extra saffron'] },
      { name: 'Ayran', quantity: 3, unitPrice: 2.5, total: 7.5, modifiers: [] },
    ],
    deliveryType: 'delivery',
    paymentStatus: 'paid',
    comment: 'Ring twice',
    receiptId: null,
    venueId: '1',
    source: 'Wolt',
    ...overrides,
  };
}

export function tracked(order: Order, overrides: Partial<TrackedOrder> = {}): TrackedOrder {
  return {
    order,
    firstSeenAt: order.createdAt === null ? FIXED_NOW : Date.parse(order.createdAt),
    acknowledged: false,
    leftPendingAt: order.status === 'pending' ? null : Date.parse(order.updatedAt ?? order.createdAt ?? new Date(FIXED_NOW).toISOString()),
    ...overrides,
  };
}

export function makeSnapshot(overrides: Partial<EngineSnapshot> = {}): EngineSnapshot {
  return {
    pending: [],
    history: [],
    health: { status: 'ok', error: null, since: null, consecutiveFailures: 0, alarmed: false, problems: [] },
    lastSuccessAt: FIXED_NOW - 4_000,
    nextPollAt: FIXED_NOW + 6_000,
    polling: false,
    paused: false,
    alertsPausedUntil: null,
    mutedUntil: null,
    budget: null,
    cadence: { mode: 'auto', intervalMs: 3_000, reason: 'fastest' },
    alarmActive: false,
    ...overrides,
  };
}

/** Settings of an installed, connected notifier (v2), with the overrides applied per section. */
export function connectedSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    onboarded: true,
    connection: {
      ...DEFAULT_SETTINGS.connection,
      brand: 'openapitest',
      venues: ['1'],
      clientId: 'client-123',
      integratorId: 'integrator-9',
    },
    ...overrides,
  };
}

export function makeSettingsView(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    settings: connectedSettings(),
    secrets: { clientSecret: true, token: false, telegramToken: false },
    secretStorage: 'os',
    warning: null,
    ...overrides,
  };
}

export const APP_INFO: AppInfo = {
  version: '0.1.0',
  demo: false,
  platform: 'linux',
  logFolder: '/tmp/logs',
  notificationsSupported: true,
  printProblem: null,
  telegram: { state: 'off', detail: null, lastSentAt: null },
  ledgerWarning: null,
};

const NO_FIGURES: ReportFigures = {
  orders: 0,
  accepted: 0,
  neverAccepted: 0,
  stillPending: 0,
  acceptMedianMs: null,
  acceptP90Ms: null,
  seenMedianMs: null,
  seenP90Ms: null,
  waitedOverThreshold: 0,
  unreachableMs: 0,
};

/** A report over an empty ledger (a fresh install). */
export function emptyReport(range: ReportRange): ReportData {
  const to = Date.now();
  return {
    range,
    from: to - 3_600_000,
    to,
    timeZone: 'Asia/Baku',
    escalationMinutes: 3,
    totals: NO_FIGURES,
    byChannel: [],
    byVenue: [],
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0, acceptMedianMs: null })),
    slowest: [],
    ledgerWarning: null,
  };
}

export function makeReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    id: 'rc-77',
    status: 'open',
    orderStatus: 'IN_PROGRESS',
    orderNumber: '006',
    dailyId: '42',
    total: 27.5,
    subtotal: 24.5,
    deliveryFee: 3,
    paymentMethods: [{ name: 'Card', amount: 27.5 }],
    createdAt: new Date(FIXED_NOW - 20_000).toISOString(),
    closedAt: null,
    lines: [
      { productId: 'p1', name: 'Plov', quantity: 2, price: 8.5, total: 17 },
      { productId: 'p2', name: 'Ayran', quantity: 3, price: 2.5, total: 7.5 },
    ],
    ...overrides,
  };
}

const FIRST_NAMES = ['Aysel', 'Rashad', 'Leyla', 'Murad', 'Nigar', 'Elvin', 'Gunel', 'Tural', 'Sevinj', 'Kamran'];
const SOURCES = ['Wolt', 'Bolt Food', 'Call centre', 'Website'];

/** `count` pending orders, the oldest `count * 7` seconds before `now`, with varied names, phones and channels. */
export function manyPendingOrders(count: number, now = FIXED_NOW): TrackedOrder[] {
  return Array.from({ length: count }, (_, index) => {
    const order = makeOrder({
      id: `bulk-${index + 1}`,
      number: `B-${String(index + 1).padStart(4, '0')}`,
      createdAt: new Date(now - (count - index) * 7_000).toISOString(),
      customer: {
        name: `${FIRST_NAMES[index % FIRST_NAMES.length]} ${index + 1}`,
        phone: `+994 55 ${String(1_000_000 + index).slice(1)}`,
        address: null,
      },
      source: SOURCES[index % SOURCES.length] ?? null,
      total: 10 + (index % 40),
    });
    return tracked(order);
  });
}
