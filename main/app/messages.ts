/**
 * Every sentence the main process shows a person (notifications, tray, window title), composed
 * from the dictionary (./dictionary) in the language of the settings. Pure: no Electron, no clock
 * of its own — callers pass `now`, the language and the display zone, so the text is the same in
 * tests, the smoke run and the app. Numbers, money and clock times go through Intl for the
 * chosen language (Node's ICU has Azerbaijani data, unlike Chromium's).
 */
import type { Announcement, EngineSnapshot } from '../../common/engine';
import { itemCount, type Order } from '../../common/order';
import type { ErrorKind } from '../../common/result';
import { channelLabel, deliveryTypeLabel } from '../../common/code-words';
import { LOCALE_TAGS, type Language, type Settings } from '../../common/settings';
import { DICTIONARIES, type Messages, type TrayMenuLabels } from './dictionary';
import type { ConfirmRequest } from './ports';

export interface TextContext {
  /** Epoch ms. */
  now: number;
  language: Language;
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
  /** Every order the notification tells about: it is withdrawn once none of them needs attention. */
  orders: string[];
  /** Escalations stay on screen and break through "do not disturb" where the OS allows. */
  critical: boolean;
  /** A health notice is replaced by the next one: the recovery closes the "Not receiving orders" banner. */
  topic: 'orders' | 'health' | 'test' | 'print';
  /**
   * Which notification this one replaces rather than stacks beside (the toast's Tag on Windows, the
   * identifier on macOS): an order's escalation replaces its new-order notification, a reminder the
   * previous reminder, a health notice the previous one.
   */
  tag: string;
  /** The buttons' words (Windows toasts, macOS) in the chosen language. */
  actionLabels: { acknowledge: string; open: string };
}

/** The tag of an order's own notification: its escalation replaces its new-order notification. */
export const orderTag = (orderId: string): string => `order:${orderId}`;

/** How many orders a summary or reminder lists by name before "and N more". */
export const LISTED_ORDERS = 4;

const messagesFor = (language: Language): Messages => DICTIONARIES[language];

export const orderLabel = (order: Order): string => order.number ?? order.id;

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = formats.get(key) as F | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

export function formatMoney(amount: number, currency: Settings['currency'], computed: boolean, language: Language): string {
  const digits = cached(
    `money|${language}|${currency.decimals}`,
    () => new Intl.NumberFormat(LOCALE_TAGS[language], { minimumFractionDigits: currency.decimals, maximumFractionDigits: currency.decimals }),
  ).format(amount);
  const text = currency.label ? `${digits} ${currency.label}` : digits;
  return computed ? `≈ ${text}` : text;
}

/** "less than a minute", "4 min", "1 h 5 min" (in the chosen language). */
export function formatDuration(ms: number, language: Language): string {
  const t = messagesFor(language);
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t.lessThanAMinute;
  if (minutes < 60) return t.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? t.hoursMinutes(hours, rest) : t.hours(hours);
}

/**
 * "3 min ago". Without a readable creation time: "time unknown", and how long ago the app first
 * saw the order when the caller knows it (`firstSeenAt`, epoch ms).
 */
export function formatAge(createdAt: string | null, now: number, language: Language, firstSeenAt?: number): string {
  const t = messagesFor(language);
  const ago = (at: number) => (now - at < 60_000 ? t.justNow : t.ago(formatDuration(now - at, language)));
  const created = createdAt === null ? Number.NaN : Date.parse(createdAt);
  if (Number.isFinite(created)) return ago(created);
  return firstSeenAt === undefined ? t.timeUnknown : `${t.timeUnknown} · ${t.firstSeen(ago(firstSeenAt))}`;
}

function clockFormat(language: Language, withSeconds: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  return cached(`clock|${language}|${withSeconds}|${timeZone ?? ''}`, () => {
    const options: Intl.DateTimeFormatOptions = {
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    };
    try {
      return new Intl.DateTimeFormat(LOCALE_TAGS[language], { ...options, ...(timeZone ? { timeZone } : {}) });
    } catch {
      // A zone Intl does not know (settings take any text) must not cost the clerk a notification.
      return new Intl.DateTimeFormat(LOCALE_TAGS[language], options);
    }
  });
}

/** "12:03" (or "12:03:10"); an unparsable time stays visible as given. */
export function formatClock(iso: string | number, language: Language, timeZone?: string, withSeconds = false): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso);
  return clockFormat(language, withSeconds, timeZone).format(ms);
}

const orderTotal = (order: Order, ctx: TextContext): string | null =>
  order.total == null ? null : formatMoney(order.total, ctx.currency, order.totalIsComputed, ctx.language);

/** One line per fact, so the OS can cut it without losing the total. `firstSeenAt`: see formatAge. */
export function orderBody(order: Order, ctx: TextContext, firstSeenAt?: number): string {
  const t = messagesFor(ctx.language);
  const channel = order.source ? channelLabel(order.source, t.channelName) : null;
  const facts = [channel, orderTotal(order, ctx) ?? t.totalUnknown, t.items(itemCount(order))].filter((f): f is string => !!f);
  const who = [order.customer?.name ?? null, order.deliveryType ? deliveryTypeLabel(order.deliveryType, t.deliveryTypeName) : null].filter((f): f is string => !!f);
  return [facts.join(' · '), who.join(' · '), formatAge(order.createdAt, ctx.now, ctx.language, firstSeenAt)].filter((l) => l).join('\n');
}

function orderLine(order: Order, ctx: TextContext): string {
  return [orderLabel(order), orderTotal(order, ctx), order.customer?.name ?? null].filter((f): f is string => !!f).join(' · ');
}

function orderList(orders: Order[], ctx: TextContext): string {
  const lines = orders.slice(0, LISTED_ORDERS).map((o) => orderLine(o, ctx));
  if (orders.length > LISTED_ORDERS) lines.push(messagesFor(ctx.language).andMore(orders.length - LISTED_ORDERS));
  return lines.join('\n');
}

type ClockContext = Pick<TextContext, 'language' | 'timeZone'>;

/** "Not receiving orders — offline since 12:03" (or "— venue 2: sign-in refused …") in the chosen language. */
export function problemHeadline(kind: ErrorKind, since: number | null, ctx: ClockContext, venueId: string | null = null): string {
  const t = messagesFor(ctx.language);
  const problem = venueId === null ? t.problem[kind] : t.venueProblem(venueId, t.problem[kind]);
  return since !== null ? t.notReceivingSince(problem, formatClock(since, ctx.language, ctx.timeZone)) : t.notReceiving(problem);
}

/** The notification for an announcement, or null when it needs none (an order that left pending). */
export function announcementText(a: Announcement, ctx: TextContext): NotificationText | null {
  const t = messagesFor(ctx.language);
  const actionLabels = t.notificationActions;
  const clock = (at: number) => formatClock(at, ctx.language, ctx.timeZone);
  switch (a.type) {
    case 'new-order':
      return {
        title: t.newOrder(orderLabel(a.order)),
        body: orderBody(a.order, ctx),
        orderId: a.order.id,
        orders: [a.order.id],
        critical: false,
        topic: 'orders',
        tag: orderTag(a.order.id),
        actionLabels,
      };
    case 'summary':
      return {
        title: t.newOrders(a.orders.length),
        body: orderList(a.orders, ctx),
        orderId: a.orders[0]?.id ?? null,
        orders: a.orders.map((o) => o.id),
        critical: false,
        topic: 'orders',
        tag: `orders:${a.orders.map((o) => o.id).join(',')}`,
        actionLabels,
      };
    case 'reminder':
      return {
        title: t.stillWaiting(a.orders.length),
        body: orderList(a.orders, ctx),
        orderId: a.orders[0]?.id ?? null,
        orders: a.orders.map((o) => o.id),
        critical: false,
        topic: 'orders',
        tag: 'reminder',
        actionLabels,
      };
    case 'escalation':
      return {
        title: t.escalation(orderLabel(a.order), formatDuration(a.waitedMs, ctx.language)),
        // The wait counts from when the app first saw an order without a creation time.
        body: `${orderBody(a.order, ctx, ctx.now - a.waitedMs)}\n${t.escalationAdvice}`,
        orderId: a.order.id,
        orders: [a.order.id],
        critical: true,
        topic: 'orders',
        tag: orderTag(a.order.id),
        actionLabels,
      };
    case 'health':
      if (a.state === 'ok') {
        return {
          title: t.recoveredTitle,
          body: a.downSince !== null ? t.recoveredBodyAfter(clock(a.since), clock(a.downSince)) : t.recoveredBody(clock(a.since)),
          orderId: null,
          orders: [],
          critical: false,
          topic: 'health',
          tag: 'health',
          actionLabels,
        };
      }
      return {
        title: problemHeadline(a.state, a.downSince ?? a.since, ctx, a.venueId ?? null),
        body: t.problemBody(a.message, t.advice[a.state]),
        orderId: null,
        orders: [],
        critical: true,
        topic: 'health',
        tag: 'health',
        actionLabels,
      };
    case 'left-pending':
      return null;
  }
}

/**
 * A slip that did not print, for whoever is at the PC when the window is hidden: a click opens the
 * window, whose banner has "Print again". One at a time (the same tag).
 */
export function printProblemText(orderNumber: string, language: Language): NotificationText {
  const t = messagesFor(language);
  return {
    title: t.printProblemTitle(orderNumber),
    body: t.printProblemBody,
    orderId: null,
    orders: [],
    critical: false,
    topic: 'print',
    tag: 'print',
    actionLabels: t.notificationActions,
  };
}

/** "Send a test notification": a real notification, shown the way an order's is. */
export function testNotificationText(language: Language): NotificationText {
  const t = messagesFor(language);
  return { title: t.testTitle, body: t.testBody, orderId: null, orders: [], critical: false, topic: 'test', tag: 'test', actionLabels: t.notificationActions };
}

/**
 * The window title, DEMO in demo mode. English by default because the window adapter
 * (main/desktop/window.ts) names the window before the settings are applied; the presenter sets
 * the title in the chosen language right after.
 */
export function windowTitle(demo: boolean, language: Language = 'en'): string {
  const t = messagesFor(language);
  return demo ? t.windowTitleDemo : t.windowTitle;
}

/** A time in the snapshot that is still ahead, else null. */
function stillAhead(at: number | null, now: number): number | null {
  return at !== null && Number.isFinite(at) && at > now ? at : null;
}

export function alertsPausedUntil(snapshot: EngineSnapshot, now: number): number | null {
  return stillAhead(snapshot.alertsPausedUntil, now);
}

export function mutedUntil(snapshot: EngineSnapshot, now: number): number | null {
  return stillAhead(snapshot.mutedUntil, now);
}

/** Windows cuts tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

/** "2 orders waiting · last check 12:03:10", or the health problem, prefixed DEMO in demo mode. */
export function trayTooltip(snapshot: EngineSnapshot, ctx: TextContext): string {
  const t = messagesFor(ctx.language);
  const clock = (at: string | number, withSeconds = false) => formatClock(at, ctx.language, ctx.timeZone, withSeconds);
  const parts: string[] = [];
  if (ctx.demo) parts.push(t.demo);
  const error = snapshot.health.error;
  if (snapshot.health.status === 'problem' && error) {
    const headline = snapshot.health.problems.find((p) => p.alarmed);
    parts.push(problemHeadline(error.kind, snapshot.health.since, ctx, headline?.venueId ?? null));
  } else {
    const count = snapshot.pending.length;
    parts.push(count ? t.ordersWaiting(count) : t.noOrdersWaiting);
  }
  if (snapshot.paused) parts.push(t.checkingPaused);
  const muted = mutedUntil(snapshot, ctx.now);
  if (muted !== null) parts.push(t.mutedUntil(clock(muted)));
  const pausedUntil = alertsPausedUntil(snapshot, ctx.now);
  if (pausedUntil !== null) parts.push(t.alertsPausedUntil(clock(pausedUntil)));
  parts.push(snapshot.lastSuccessAt ? t.lastCheck(clock(snapshot.lastSuccessAt, true)) : t.notCheckedYet);
  const text = parts.join(' · ');
  return text.length > TOOLTIP_MAX ? `${text.slice(0, TOOLTIP_MAX - 1)}…` : text;
}

export const trayMenuLabels = (language: Language): TrayMenuLabels => messagesFor(language).menu;

/** A question for a native dialog (main/desktop/confirm.ts), about `subject` (an order, a version), in the language. */
export function confirmation(which: 'confirmReject' | 'confirmUpdate', subject: string, language: Language): ConfirmRequest {
  const t = messagesFor(language)[which];
  return { title: t.title, message: t.message(subject), detail: t.detail, confirm: t.confirm, cancel: t.cancel };
}
