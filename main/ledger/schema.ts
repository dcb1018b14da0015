/**
 * The ledger's line format: one LedgerEvent as JSON per line. Every line read back is checked
 * against this schema; every event is checked before it is written, so a bad value from a caller
 * (a NaN time, an absurdly long id) is refused up front instead of making a day's file unreadable.
 */
import { z } from 'zod';
import { ORDER_OUTCOMES } from '../../common/report';
import type { LedgerEvent } from './types';

/** A line longer than this is not one the ledger wrote. */
export const MAX_LINE_BYTES = 16 * 1024;
/** A segment larger than this is not one the ledger wrote (a busy day is well under 1 MB). */
export const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;
/** Telegram's `detail` is cut to this many characters before it is written. */
export const MAX_DETAIL_CHARS = 1000;

const epochMs = z.number().min(-8.64e15).max(8.64e15);
const id = z.string().min(1).max(200);
const text = z.string().max(200);

const orderRef = { at: epochMs, orderId: id, venueId: id };

export const ledgerEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('seen'),
    ...orderRef,
    number: text.nullable(),
    channel: text.nullable(),
    total: z.number().min(-1e15).max(1e15).nullable(),
    createdAt: epochMs.nullable(),
  }),
  z.object({ kind: z.literal('announced'), ...orderRef }),
  z.object({ kind: z.literal('acknowledged'), ...orderRef, pc: text }),
  z.object({ kind: z.literal('escalated'), ...orderRef }),
  z.object({ kind: z.literal('left'), ...orderRef, outcome: z.enum(ORDER_OUTCOMES) }),
  z.object({ kind: z.literal('unreachable'), at: epochMs, venueId: id.nullable(), since: epochMs }),
  z.object({ kind: z.literal('reachable'), at: epochMs, venueId: id.nullable() }),
  z.object({ kind: z.literal('app'), at: epochMs, what: z.enum(['opened', 'closed']) }),
  z.object({
    kind: z.literal('telegram'),
    at: epochMs,
    message: z.enum(['order', 'outage', 'all-clear', 'test']),
    ok: z.boolean(),
    detail: z.string().max(MAX_DETAIL_CHARS).nullable(),
    orderId: id.optional(),
  }),
]);

// A line the ledger wrote has exactly the schema's keys with the right types. `plainEvent` checks
// that in a few comparisons and accepts only values the schema accepts unchanged (same keys, same
// bounds); anything else — an extra key, a wrong type, garbage — goes to the zod schema, which
// decides. Folding a segment of 2,500 lines thus costs ~0.3 ms instead of the schema's ~5 ms (and
// its warm-up on a cold start). test/main/ledger/schema.test.ts holds the two to agreeing.
const MAX_EPOCH = 8.64e15;
const isTime = (v: unknown): v is number => typeof v === 'number' && v >= -MAX_EPOCH && v <= MAX_EPOCH;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 200;
const isText = (v: unknown): boolean => v === null || (typeof v === 'string' && v.length <= 200);
const OUTCOMES: readonly unknown[] = ORDER_OUTCOMES;
const MESSAGES: readonly unknown[] = ['order', 'outage', 'all-clear', 'test'];

function keyCount(o: object): number {
  let n = 0;
  for (const key in o) if (Object.prototype.hasOwnProperty.call(o, key)) n++;
  return n;
}

/** True only for values the schema accepts as they are (the fast path; false means "ask the schema"). */
export function plainEvent(value: unknown): value is LedgerEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  if (!isTime(e.at)) return false;
  const keys = keyCount(e);
  switch (e.kind) {
    case 'seen':
      return (
        keys === 8 &&
        isId(e.orderId) &&
        isId(e.venueId) &&
        isText(e.number) &&
        isText(e.channel) &&
        (e.total === null || (typeof e.total === 'number' && e.total >= -1e15 && e.total <= 1e15)) &&
        (e.createdAt === null || isTime(e.createdAt))
      );
    case 'announced':
    case 'escalated':
      return keys === 4 && isId(e.orderId) && isId(e.venueId);
    case 'acknowledged':
      return keys === 5 && isId(e.orderId) && isId(e.venueId) && typeof e.pc === 'string' && e.pc.length <= 200;
    case 'left':
      return keys === 5 && isId(e.orderId) && isId(e.venueId) && OUTCOMES.includes(e.outcome);
    case 'unreachable':
      return keys === 4 && (e.venueId === null || isId(e.venueId)) && isTime(e.since);
    case 'reachable':
      return keys === 3 && (e.venueId === null || isId(e.venueId));
    case 'app':
      return keys === 3 && (e.what === 'opened' || e.what === 'closed');
    case 'telegram':
      return (
        (keys === 5 || (keys === 6 && isId(e.orderId))) &&
        MESSAGES.includes(e.message) &&
        typeof e.ok === 'boolean' &&
        (e.detail === null || (typeof e.detail === 'string' && e.detail.length <= MAX_DETAIL_CHARS))
      );
    default:
      return false;
  }
}

/** A parsed value as an event: the fast check, then the schema; null when it is not one. */
export function toEvent(value: unknown): LedgerEvent | null {
  if (plainEvent(value)) return value;
  const parsed = ledgerEventSchema.safeParse(value);
  return parsed.success ? (parsed.data as LedgerEvent) : null;
}

/** Parses one line (without its '\n'); null when it is not a valid event. */
export function parseLine(line: string): LedgerEvent | null {
  if (line.length === 0 || line.length > MAX_LINE_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  return toEvent(value);
}

/** The event as it will be written (telegram detail cut to size), or null when it cannot be. */
export function normaliseEvent(event: LedgerEvent): LedgerEvent | null {
  let candidate: LedgerEvent = event;
  if (event.kind === 'telegram') {
    const detail = event.detail !== null && event.detail.length > MAX_DETAIL_CHARS ? `${event.detail.slice(0, MAX_DETAIL_CHARS - 1)}…` : event.detail;
    candidate = { kind: 'telegram', at: event.at, message: event.message, ok: event.ok, detail, ...(event.orderId !== undefined ? { orderId: event.orderId } : {}) };
  }
  const parsed = ledgerEventSchema.safeParse(candidate);
  return parsed.success ? (parsed.data as LedgerEvent) : null;
}

/** Order events: those carrying an orderId that belongs to an order's life (not telegram's). */
export type OrderEvent = Extract<LedgerEvent, { kind: 'seen' | 'announced' | 'acknowledged' | 'escalated' | 'left' }>;
/** Everything else: outages, app start/stop, telegram messages. Stored on the day of their own `at`. */
export type TimelineEvent = Exclude<LedgerEvent, OrderEvent>;

export function isOrderEvent(event: LedgerEvent): event is OrderEvent {
  switch (event.kind) {
    case 'seen':
    case 'announced':
    case 'acknowledged':
    case 'escalated':
    case 'left':
      return true;
    default:
      return false;
  }
}
