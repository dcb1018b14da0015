/**
 * Every sentence the main process shows a person (notifications, tray, window title), in one
 * place. Pure: no Electron, no clock of its own — callers pass `now` and the display zone, so the
 * text is the same in tests, the smoke run and the app.
 */
import type { Announcement, EngineSnapshot } from '../../common/engine';
import type { Order } from '../../common/order';
import type { ErrorKind } from '../../common/result';
import type { Settings } from '../../common/settings';

export const APP_TITLE = 'Clopos Order Notifier';

export interface TextContext {
  /** Epoch ms. */
  now: number;
  currency: Settings['currency'];
  /** IANA zone for clock times; undefined = this PC's zone. */
  timeZone?: string;
  demo: boolean;
}

export interface NotificationText {
  title: string;
  body: string;
  /** The order a click opens; null = just show the window. */
  orderId: string | null;
  /** Every order the notification tells about: it is withdrawn once none of them is pending. */
  orders: string[];
  /** Escalations stay on screen and break through "do not disturb" where the OS allows. */
  critical: boolean;
}

/** How many orders a summary or reminder lists by name before "and N more". */
export const LISTED_ORDERS = 4;

export const orderLabel = (order: Order): string => order.number ?? order.id;

export function formatMoney(amount: number, currency: Settings['currency'], computed: boolean): string {
  const digits = amount.toFixed(currency.decimals);
  const text = currency.label ? `${digits} ${currency.label}` : digits;
  return computed ? `≈ ${text}` : text;
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

export function itemCount(order: Order): number {
  return order.items.reduce((sum, item) => sum + (Number.isFinite(item.quantity) ? item.quantity : 0), 0);
}

/** "just now", "4 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export function formatAge(createdAt: string, now: number): string {
  const created = Date.parse(createdAt);
  if (!Number.isFinite(created)) return 'age unknown';
  const ms = now - created;
  return ms < 60_000 ? 'just now' : `${formatDuration(ms)} ago`;
}

function clockFormat(withSeconds: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  });
}

/** "12:03" (or "12:03:10"); an unparsable time stays visible as given. */
export function formatClock(iso: string | number, timeZone?: string, withSeconds = false): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso);
  return clockFormat(withSeconds, timeZone).format(ms);
}

/** One line per fact, so the OS can cut it without losing the total. */
export function orderBody(order: Order, ctx: TextContext): string {
  const facts = [
    order.total == null ? null : formatMoney(order.total, ctx.currency, order.totalIsComputed),
    plural(itemCount(order), 'item', 'items'),
  ].filter((f): f is string => f !== null);
  const who = [order.customer?.name ?? null, order.deliveryType].filter((f): f is string => !!f);
  return [facts.join(' · '), who.join(' · '), formatAge(order.createdAt, ctx.now)].filter((l) => l).join('\n');
}

function orderLine(order: Order, ctx: TextContext): string {
  const total = order.total == null ? null : formatMoney(order.total, ctx.currency, order.totalIsComputed);
  return [orderLabel(order), total, order.customer?.name ?? null].filter((f): f is string => !!f).join(' · ');
}

function orderList(orders: Order[], ctx: TextContext): string {
  const lines = orders.slice(0, LISTED_ORDERS).map((o) => orderLine(o, ctx));
  if (orders.length > LISTED_ORDERS) lines.push(`and ${orders.length - LISTED_ORDERS} more`);
  return lines.join('\n');
}

/** What the failure means for the clerk, as the end of "Not receiving orders — …". */
const PROBLEM_WORDS: Record<ErrorKind, string> = {
  offline: 'offline',
  timeout: 'Clopos not answering',
  auth: 'sign-in refused',
  'rate-limited': 'too many requests',
  server: 'Clopos server error',
  'bad-response': 'unexpected answer from Clopos',
  'not-found': 'venue or brand not found',
  config: 'not set up',
  'invalid-request': 'internal error',
  forbidden: 'internal error',
  internal: 'internal error',
};

const KEEPS_TRYING = 'The app keeps trying. Watch the POS for new orders meanwhile.';
const NEEDS_SETTINGS = 'This will not fix itself: correct it in Settings. Watch the POS for new orders meanwhile.';
const NEEDS_RESTART = 'Restart the app; if it happens again, send the log to support. Watch the POS meanwhile.';

/**
 * What the person should do about it. The cause's own message (from the client) says what is
 * wrong; this says whether waiting helps and how not to lose orders in the meantime.
 */
const PROBLEM_ADVICE: Record<ErrorKind, string> = {
  offline: KEEPS_TRYING,
  timeout: KEEPS_TRYING,
  'rate-limited': `${KEEPS_TRYING} Fewer PCs or a longer check interval avoid this.`,
  server: KEEPS_TRYING,
  'bad-response': KEEPS_TRYING,
  auth: NEEDS_SETTINGS,
  'not-found': NEEDS_SETTINGS,
  config: NEEDS_SETTINGS,
  'invalid-request': NEEDS_RESTART,
  forbidden: NEEDS_RESTART,
  internal: NEEDS_RESTART,
};

export function problemHeadline(kind: ErrorKind, since: string | null, timeZone?: string): string {
  const at = since ? ` since ${formatClock(since, timeZone)}` : '';
  return `Not receiving orders — ${PROBLEM_WORDS[kind]}${at}`;
}

export function problemAdvice(kind: ErrorKind): string {
  return PROBLEM_ADVICE[kind];
}

/** The notification for an announcement, or null when it needs none (an order that left pending). */
export function announcementText(a: Announcement, ctx: TextContext): NotificationText | null {
  switch (a.type) {
    case 'new-order':
      return {
        title: `New order ${orderLabel(a.order)}`,
        body: orderBody(a.order, ctx),
        orderId: a.order.id,
        orders: [a.order.id],
        critical: false,
      };
    case 'summary':
      return {
        title: plural(a.orders.length, 'new order', 'new orders'),
        body: orderList(a.orders, ctx),
        orderId: a.orders[0]?.id ?? null,
        orders: a.orders.map((o) => o.id),
        critical: false,
      };
    case 'reminder':
      return {
        title: `${plural(a.orders.length, 'order', 'orders')} still waiting`,
        body: orderList(a.orders, ctx),
        orderId: a.orders[0]?.id ?? null,
        orders: a.orders.map((o) => o.id),
        critical: false,
      };
    case 'escalation':
      return {
        title: `Order ${orderLabel(a.order)} waiting ${formatDuration(a.waitedMs)}`,
        body: `${orderBody(a.order, ctx)}\nAccept or refuse it in Clopos now.`,
        orderId: a.order.id,
        orders: [a.order.id],
        critical: true,
      };
    case 'health':
      if (a.state === 'ok') {
        const down = a.downSince ? ` (down since ${formatClock(a.downSince, ctx.timeZone)})` : '';
        return {
          title: 'Receiving orders again',
          body: `Connection restored at ${formatClock(a.since, ctx.timeZone)}${down}. Check the list for orders that came in meanwhile.`,
          orderId: null,
          orders: [],
          critical: false,
        };
      }
      return {
        title: problemHeadline(a.state, a.downSince ?? a.since, ctx.timeZone),
        body: `${a.message}\n${problemAdvice(a.state)}`,
        orderId: null,
        orders: [],
        critical: true,
      };
    case 'left-pending':
      return null;
  }
}

export function windowTitle(demo: boolean): string {
  return demo ? `${APP_TITLE} — DEMO (simulated orders)` : APP_TITLE;
}

export function alertsPausedUntil(snapshot: EngineSnapshot, now: number): number | null {
  if (!snapshot.alertsPausedUntil) return null;
  const until = Date.parse(snapshot.alertsPausedUntil);
  return Number.isFinite(until) && until > now ? until : null;
}

/** Pauses longer than this read as "until resumed" (the engine stores that as a far-future time). */
const INDEFINITE_PAUSE_MS = 7 * 24 * 3_600_000;

/** Windows cuts tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

/** "2 orders waiting · last check 12:03:10", or the health problem, prefixed DEMO in demo mode. */
export function trayTooltip(snapshot: EngineSnapshot, ctx: TextContext): string {
  const parts: string[] = [];
  if (ctx.demo) parts.push('DEMO');
  const error = snapshot.health.error;
  if (snapshot.health.status === 'problem' && error) {
    parts.push(problemHeadline(error.kind, snapshot.health.since, ctx.timeZone));
  } else {
    const count = snapshot.pending.length;
    parts.push(count ? `${plural(count, 'order', 'orders')} waiting` : 'No orders waiting');
  }
  if (snapshot.paused) parts.push('checking paused');
  const pausedUntil = alertsPausedUntil(snapshot, ctx.now);
  if (pausedUntil !== null) {
    parts.push(pausedUntil - ctx.now > INDEFINITE_PAUSE_MS ? 'alerts paused' : `alerts paused until ${formatClock(pausedUntil, ctx.timeZone)}`);
  }
  parts.push(snapshot.lastSuccessAt ? `last check ${formatClock(snapshot.lastSuccessAt, ctx.timeZone, true)}` : 'not checked yet');
  const text = parts.join(' · ');
  return text.length > TOOLTIP_MAX ? `${text.slice(0, TOOLTIP_MAX - 1)}…` : text;
}

/** Tray menu labels. */
export const TRAY_MENU = {
  open: 'Open',
  checkNow: 'Check now',
  acknowledgeAll: 'Acknowledge all',
  pauseAlerts: 'Pause alerts',
  pause15: '15 minutes',
  pause60: '1 hour',
  pauseUntilResumed: 'Until resumed',
  resumeAlerts: 'Resume alerts',
  startAtLogin: 'Start at login',
  openLogFolder: 'Open log folder',
  quit: 'Quit',
} as const;
