/**
 * The texts of the messages to the owner's phone, in the language of the settings, from the
 * main process's dictionary (main/app/dictionary.ts, key `telegram`) and the notifications' own
 * formatting (main/app/messages.ts: order labels, money, durations, clock times). Plain text
 * only (the Bot API request sets no parse_mode): every piece that came from the network is
 * stripped of control and direction-changing characters and cut short, and the whole message is
 * cut at Telegram's 4,096 characters.
 */
import type { HealthProblem, TrackedOrder } from '../../common/engine';
import { channelLabel } from '../../common/code-words';
import type { Language, Settings } from '../../common/settings';
import { DICTIONARIES, type Messages } from '../app/dictionary';
import { formatClock, formatDuration, formatMoney, orderLabel } from '../app/messages';

/** Telegram's limit for one message's text. */
export const MAX_MESSAGE_CHARS = 4096;
/** How many orders one message lists before "and N more". */
export const LISTED_ORDERS = 10;
/** How long a piece of network text (an order number, a venue id, a channel) may be in a message. */
const MAX_PIECE_CHARS = 80;

// C0 and C1 controls (line breaks included: a piece is one line), the line and paragraph
// separators, and the marks that reorder text or hide in it (bidi embeddings, overrides and
// isolates, zero-width characters, the BOM).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+/g;

/** A piece of text from the network as one safe line: controls become spaces, cut to `max` characters. */
export function cleanPiece(text: string, max = MAX_PIECE_CHARS): string {
  const line = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return cut(line, max);
}

/** At most `max` UTF-16 units (Telegram counts those), never splitting a surrogate pair, with "…" when cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** What every message is written with. */
export interface MessageContext {
  language: Language;
  currency: Settings['currency'];
  /** IANA zone for clock times; '' = this PC's. */
  timeZone: string;
  demo: boolean;
  /** This PC's name, said in every message. */
  pcName: string;
  /** Say each order's venue (the connection watches more than one). */
  showVenue: boolean;
  now: number;
}

export const messageContext = (settings: Settings, demo: boolean, pcName: string, now: number): MessageContext => ({
  language: settings.language,
  currency: settings.currency,
  timeZone: settings.connection.timeZone,
  demo,
  pcName,
  showVenue: settings.connection.venues.length > 1,
  now,
});

const words = (ctx: MessageContext): Messages => DICTIONARIES[ctx.language];
const pc = (ctx: MessageContext): string => cleanPiece(ctx.pcName) || '?';

/** The message with the DEMO line first while the demo runs, cut at Telegram's limit. */
function finish(lines: string[], ctx: MessageContext): string {
  const all = ctx.demo ? [words(ctx).telegram.demo, ...lines] : lines;
  return cut(all.join('\n'), MAX_MESSAGE_CHARS);
}

/** An order waiting with how long it has waited (epoch ms). */
export interface WaitingOrder {
  tracked: TrackedOrder;
  waitedMs: number;
}

function orderLine(item: WaitingOrder, ctx: MessageContext): string {
  const t = words(ctx);
  const { order } = item.tracked;
  const channel = order.source ? cleanPiece(channelLabel(order.source, t.channelName)) : '';
  const total = order.total == null || !Number.isFinite(order.total) ? t.totalUnknown : formatMoney(order.total, ctx.currency, order.totalIsComputed, ctx.language);
  const venue = ctx.showVenue ? t.telegram.venue(cleanPiece(order.venueId)) : '';
  return [cleanPiece(orderLabel(order)), channel, total, t.telegram.waited(formatDuration(item.waitedMs, ctx.language)), venue].filter(Boolean).join(' · ');
}

/** Orders nobody has seen for `thresholdMs` or more: one line each, at most LISTED_ORDERS and "and N more". */
export function ordersMessage(orders: WaitingOrder[], thresholdMs: number, ctx: MessageContext): string {
  const t = words(ctx);
  const lines = [t.telegram.orders(orders.length, pc(ctx), formatDuration(thresholdMs, ctx.language))];
  lines.push(...orders.slice(0, LISTED_ORDERS).map((o) => orderLine(o, ctx)));
  if (orders.length > LISTED_ORDERS) lines.push(t.andMore(orders.length - LISTED_ORDERS));
  lines.push(t.telegram.ordersAdvice);
  return finish(lines, ctx);
}

/** Clopos cannot be reached (the whole watch, or venues): for how long, and each problem's cause and start. */
export function outageMessage(problems: HealthProblem[], ctx: MessageContext): string {
  const t = words(ctx);
  const oldest = Math.min(...problems.map((p) => p.since));
  const lines = [t.telegram.outage(pc(ctx), formatDuration(ctx.now - oldest, ctx.language))];
  for (const p of problems.slice(0, LISTED_ORDERS)) {
    const cause = t.problem[p.error.kind] ?? t.problem.internal;
    const what = p.venueId === null ? cause : t.venueProblem(cleanPiece(p.venueId), cause);
    lines.push(t.notReceivingSince(what, formatClock(p.since, ctx.language, ctx.timeZone || undefined)));
  }
  if (problems.length > LISTED_ORDERS) lines.push(t.andMore(problems.length - LISTED_ORDERS));
  lines.push(t.telegram.outageAdvice);
  return finish(lines, ctx);
}

export const allClearMessage = (ctx: MessageContext): string => finish([words(ctx).telegram.allClear(pc(ctx))], ctx);

export const testMessage = (ctx: MessageContext): string => finish([words(ctx).telegram.test(pc(ctx))], ctx);

/** The line added to a message that goes out long after it was written (retries): when it was written. */
export const lateLine = (writtenAt: number, ctx: Pick<MessageContext, 'language' | 'timeZone'>): string =>
  DICTIONARIES[ctx.language].telegram.late(formatClock(writtenAt, ctx.language, ctx.timeZone || undefined));
