/**
 * Folding events into compact per-order records. One OrderBook holds the orders of one segment
 * (one UTC day of first sightings) column by column — typed arrays of times (NaN = none), codes
 * and flags, arrays of shared strings; no per-event objects — plus the day's other events
 * (outages, app start/stop, telegram messages) as they came, in `timeline`. A book is the whole
 * state of the fold: it is what a day's index file caches, and folding more lines onto a loaded
 * book goes on where the file left off.
 *
 * The rules, per order (key = venueId + orderId), in the order events were written:
 * - `seen` creates the order; a second one is ignored (after a restart the engine reports pending
 *   orders again), except that it fills in details the first lacked, and that an order which had
 *   left pending is pending again (outcome and leftAt cleared; a later `left` counts). A `seen`
 *   written after a `left` can only mean that: the app writes `seen` for what is listed pending.
 * - the first `announced`, the first `acknowledged` (with its PC) and the first `left` win.
 * - an event for an order without a `seen` makes a partial record (no creation time) that the
 *   report merges with the same order's record in another book, or leaves out.
 */
import { ORDER_OUTCOMES, type OrderLife, type OrderOutcome } from '../../common/report';
import type { LedgerEvent } from './types';
import { isOrderEvent, toEvent, type OrderEvent, type TimelineEvent } from './schema';

/** flags: the order has a `seen` (creation or first-seen time known). */
export const FLAG_SEEN = 1;
/** flags: an escalation was raised for it. */
export const FLAG_ESCALATED = 2;

export const NO_OUTCOME = -1;
export const outcomeCode = (outcome: OrderOutcome): number => ORDER_OUTCOMES.indexOf(outcome);
export const outcomeOfCode = (code: number): OrderOutcome | null => ORDER_OUTCOMES[code] ?? null;
export const ACCEPTED = outcomeCode('accepted');

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

function grown<T extends Float64Array | Int8Array | Uint8Array>(column: T, capacity: number, make: (n: number) => T, fill?: number): T {
  const next = make(capacity);
  next.set(column);
  if (fill !== undefined) next.fill(fill, column.length);
  return next;
}

export class OrderBook {
  /** Rows in use; the typed columns may be longer (capacity). */
  n = 0;
  id: string[] = [];
  venue: string[] = [];
  number: (string | null)[] = [];
  channel: (string | null)[] = [];
  acknowledgedOn: (string | null)[] = [];
  total: Float64Array;
  createdAt: Float64Array;
  firstSeenAt: Float64Array;
  announcedAt: Float64Array;
  acknowledgedAt: Float64Array;
  leftAt: Float64Array;
  /** NO_OUTCOME or the index in ORDER_OUTCOMES. */
  outcome: Int8Array;
  flags: Uint8Array;
  /** The day's other events, as written. */
  readonly timeline: TimelineEvent[] = [];
  /** key → row, built when the first event is applied to a loaded book. */
  private keys: Map<string, number> | null = null;
  /** One copy of each venue, channel and PC name. */
  private strings: Map<string, string> | null = null;

  constructor(capacity = 16) {
    this.total = new Float64Array(capacity).fill(NaN);
    this.createdAt = new Float64Array(capacity).fill(NaN);
    this.firstSeenAt = new Float64Array(capacity).fill(NaN);
    this.announcedAt = new Float64Array(capacity).fill(NaN);
    this.acknowledgedAt = new Float64Array(capacity).fill(NaN);
    this.leftAt = new Float64Array(capacity).fill(NaN);
    this.outcome = new Int8Array(capacity).fill(NO_OUTCOME);
    this.flags = new Uint8Array(capacity);
  }

  private intern(value: string): string;
  private intern(value: string | null): string | null;
  private intern(value: string | null): string | null {
    if (value === null) return null;
    this.strings ??= new Map();
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  private rowOf(venueId: string, orderId: string): number {
    if (!this.keys) {
      this.keys = new Map();
      for (let i = 0; i < this.n; i++) this.keys.set(`${this.venue[i]}\u0000${this.id[i]}`, i);
    }
    return this.keys.get(`${venueId}\u0000${orderId}`) ?? -1;
  }

  private addRow(venueId: string, orderId: string): number {
    if (this.n === this.outcome.length) {
      const capacity = Math.max(16, this.n * 2);
      const f64 = (n: number) => new Float64Array(n);
      this.total = grown(this.total, capacity, f64, NaN);
      this.createdAt = grown(this.createdAt, capacity, f64, NaN);
      this.firstSeenAt = grown(this.firstSeenAt, capacity, f64, NaN);
      this.announcedAt = grown(this.announcedAt, capacity, f64, NaN);
      this.acknowledgedAt = grown(this.acknowledgedAt, capacity, f64, NaN);
      this.leftAt = grown(this.leftAt, capacity, f64, NaN);
      this.outcome = grown(this.outcome, capacity, (n) => new Int8Array(n), NO_OUTCOME);
      this.flags = grown(this.flags, capacity, (n) => new Uint8Array(n));
    }
    const row = this.n++;
    this.id.push(orderId);
    this.venue.push(this.intern(venueId));
    this.number.push(null);
    this.channel.push(null);
    this.acknowledgedOn.push(null);
    this.keys?.set(`${venueId}\u0000${orderId}`, row);
    return row;
  }

  apply(event: LedgerEvent): void {
    if (isOrderEvent(event)) this.applyOrder(event);
    else this.timeline.push(event);
  }

  private applyOrder(event: OrderEvent): void {
    let row = this.rowOf(event.venueId, event.orderId);
    if (row < 0) row = this.addRow(event.venueId, event.orderId);
    const flags = this.flags[row]!;
    switch (event.kind) {
      case 'seen':
        if ((flags & FLAG_SEEN) === 0) {
          this.flags[row] = flags | FLAG_SEEN;
          this.firstSeenAt[row] = event.at;
        } else if (this.outcome[row] !== NO_OUTCOME) {
          // Seen pending again after it had left: pending again.
          this.outcome[row] = NO_OUTCOME;
          this.leftAt[row] = NaN;
        }
        if (this.number[row] === null) this.number[row] = event.number;
        if (this.channel[row] === null) this.channel[row] = this.intern(event.channel);
        if (Number.isNaN(this.total[row]) && event.total !== null) this.total[row] = event.total;
        if (Number.isNaN(this.createdAt[row]) && event.createdAt !== null) this.createdAt[row] = event.createdAt;
        break;
      case 'announced':
        if (Number.isNaN(this.announcedAt[row])) this.announcedAt[row] = event.at;
        break;
      case 'acknowledged':
        if (Number.isNaN(this.acknowledgedAt[row])) {
          this.acknowledgedAt[row] = event.at;
          this.acknowledgedOn[row] = this.intern(event.pc);
        }
        break;
      case 'escalated':
        this.flags[row] = flags | FLAG_ESCALATED;
        break;
      case 'left':
        if (this.outcome[row] === NO_OUTCOME) {
          this.outcome[row] = outcomeCode(event.outcome);
          this.leftAt[row] = event.at;
        }
        break;
    }
  }

  /** When the order was created: Clopos' time, or when it was first seen. NaN for a partial record. */
  creation(row: number): number {
    const created = this.createdAt[row]!;
    return Number.isNaN(created) ? this.firstSeenAt[row]! : created;
  }

  life(row: number): OrderLife {
    const outcome = outcomeOfCode(this.outcome[row]!);
    const leftAt = orNull(this.leftAt[row]!);
    return {
      id: this.id[row]!,
      venueId: this.venue[row]!,
      number: this.number[row]!,
      channel: this.channel[row]!,
      total: orNull(this.total[row]!),
      createdAt: orNull(this.createdAt[row]!),
      firstSeenAt: this.firstSeenAt[row]!,
      announcedAt: orNull(this.announcedAt[row]!),
      acknowledgedAt: orNull(this.acknowledgedAt[row]!),
      acknowledgedOn: this.acknowledgedOn[row]!,
      leftAt,
      outcome,
      acceptMs: outcome === 'accepted' && leftAt !== null ? Math.max(0, leftAt - this.creation(row)) : null,
    };
  }

  /** Copies one row of another book (the report's merge of an order found in two books). */
  copyRow(from: OrderBook, row: number): number {
    const to = this.addRow(from.venue[row]!, from.id[row]!);
    this.number[to] = from.number[row]!;
    this.channel[to] = this.intern(from.channel[row]!);
    this.total[to] = from.total[row]!;
    this.createdAt[to] = from.createdAt[row]!;
    this.firstSeenAt[to] = from.firstSeenAt[row]!;
    this.announcedAt[to] = from.announcedAt[row]!;
    this.acknowledgedAt[to] = from.acknowledgedAt[row]!;
    this.acknowledgedOn[to] = this.intern(from.acknowledgedOn[row]!);
    this.leftAt[to] = from.leftAt[row]!;
    this.outcome[to] = from.outcome[row]!;
    this.flags[to] = from.flags[row]!;
    return to;
  }

  /**
   * Folds the same order's record from a later book onto row `to` (copied from the earlier one):
   * the earliest sighting, announcement and Seen; the later book's fate when it saw the order
   * again (pending again, or left since), otherwise the first departure.
   */
  mergeLater(to: number, from: OrderBook, row: number): void {
    const laterSeen = (from.flags[row]! & FLAG_SEEN) !== 0;
    const hadSeen = (this.flags[to]! & FLAG_SEEN) !== 0;
    const earliest = (a: number, b: number) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b));
    if (laterSeen) this.firstSeenAt[to] = hadSeen ? earliest(this.firstSeenAt[to]!, from.firstSeenAt[row]!) : from.firstSeenAt[row]!;
    if (this.number[to] === null) this.number[to] = from.number[row]!;
    if (this.channel[to] === null) this.channel[to] = this.intern(from.channel[row]!);
    if (Number.isNaN(this.total[to])) this.total[to] = from.total[row]!;
    if (Number.isNaN(this.createdAt[to])) this.createdAt[to] = from.createdAt[row]!;
    this.announcedAt[to] = earliest(this.announcedAt[to]!, from.announcedAt[row]!);
    const ack = from.acknowledgedAt[row]!;
    if (!Number.isNaN(ack) && (Number.isNaN(this.acknowledgedAt[to]!) || ack < this.acknowledgedAt[to]!)) {
      this.acknowledgedAt[to] = ack;
      this.acknowledgedOn[to] = this.intern(from.acknowledgedOn[row]!);
    }
    if (laterSeen || (this.outcome[to] === NO_OUTCOME && from.outcome[row] !== NO_OUTCOME)) {
      this.outcome[to] = from.outcome[row]!;
      this.leftAt[to] = from.leftAt[row]!;
    }
    this.flags[to] = this.flags[to]! | from.flags[row]!;
  }

  /**
   * The book as an index body: the strings as JSON (`{str, id, num}`: the shared strings, the
   * order ids and numbers) and the numeric columns as raw bytes in this machine's byte order —
   * total, createdAt, firstSeenAt, announcedAt, acknowledgedAt, leftAt (float64, NaN = none), then
   * venue, channel, PC (int32 references into `str`, −1 = none), outcome (int8), flags (uint8).
   * Reading it back is a copy per column instead of parsing 30,000 numbers.
   */
  toIndex(): { strings: string; columns: Buffer } {
    const strings: string[] = [];
    const indexOf = new Map<string, number>();
    const ref = (value: string | null): number => {
      if (value === null) return -1;
      let i = indexOf.get(value);
      if (i === undefined) {
        i = strings.length;
        strings.push(value);
        indexOf.set(value, i);
      }
      return i;
    };
    const n = this.n;
    const refs = (column: (string | null)[]) => Int32Array.from(column.slice(0, n), ref);
    const parts: ArrayBufferView[] = [
      this.total.subarray(0, n),
      this.createdAt.subarray(0, n),
      this.firstSeenAt.subarray(0, n),
      this.announcedAt.subarray(0, n),
      this.acknowledgedAt.subarray(0, n),
      this.leftAt.subarray(0, n),
      refs(this.venue),
      refs(this.channel),
      refs(this.acknowledgedOn),
      this.outcome.subarray(0, n),
      this.flags.subarray(0, n),
    ];
    const json = JSON.stringify({ str: strings, id: this.id.slice(0, n), num: this.number.slice(0, n) });
    return { strings: json, columns: Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))) };
  }

  /** A book from an index body (see toIndex) and timeline; null when anything in it is not right. */
  static fromIndex(n: number, stringsJson: string, columns: Buffer, timeline: readonly TimelineEvent[]): OrderBook | null {
    if (!Number.isInteger(n) || n < 0 || columns.length !== n * INDEX_ROW_BYTES) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(stringsJson);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { str, id, num } = parsed as Record<string, unknown>;
    if (!Array.isArray(str) || !Array.isArray(id) || !Array.isArray(num) || id.length !== n || num.length !== n) return null;
    if (!validStrings(str, false) || !validStrings(id, false) || !validStrings(num, true)) return null;
    const book = new OrderBook(Math.max(16, n));
    const shared = (str as string[]).map((s) => book.intern(s));
    let at = 0;
    const copy = (into: Float64Array | Int32Array | Int8Array | Uint8Array) => {
      const bytes = n * into.BYTES_PER_ELEMENT;
      new Uint8Array(into.buffer, into.byteOffset, bytes).set(columns.subarray(at, at + bytes));
      at += bytes;
    };
    for (const column of [book.total, book.createdAt, book.firstSeenAt, book.announcedAt, book.acknowledgedAt, book.leftAt]) {
      copy(column);
      if (!validTimes(column, n)) return null;
    }
    const refs = [new Int32Array(n), new Int32Array(n), new Int32Array(n)] as const;
    for (const column of refs) copy(column);
    copy(book.outcome);
    copy(book.flags);
    const venue = stringsOf(refs[0], shared, false);
    const channel = stringsOf(refs[1], shared, true);
    const pc = stringsOf(refs[2], shared, true);
    if (!venue || !channel || !pc || !validCodes(book.outcome, book.flags, book.firstSeenAt, n)) return null;
    book.n = n;
    book.id = id as string[];
    book.venue = venue as string[];
    book.number = num as (string | null)[];
    book.channel = channel;
    book.acknowledgedOn = pc;
    for (const event of timeline) book.timeline.push(event);
    return book;
  }
}

/** Bytes per order in an index's columns: six float64, three int32, two bytes. */
export const INDEX_ROW_BYTES = 6 * 8 + 3 * 4 + 2;

function validStrings(values: unknown[], nullable: boolean): boolean {
  for (const v of values) if (!(typeof v === 'string' || (nullable && v === null))) return false;
  return true;
}

/** Finite or NaN (none). */
function validTimes(column: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = column[i]!;
    if (v - v !== 0 && v === v) return false;
  }
  return true;
}

function stringsOf(refs: Int32Array, shared: string[], nullable: boolean): (string | null)[] | null {
  const out = new Array<string | null>(refs.length);
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]!;
    if (r === -1 && nullable) out[i] = null;
    else if (r >= 0 && r < shared.length) out[i] = shared[r]!;
    else return null;
  }
  return out;
}

function validCodes(outcome: Int8Array, flags: Uint8Array, firstSeenAt: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const o = outcome[i]!;
    const f = flags[i]!;
    if (o < NO_OUTCOME || o >= ORDER_OUTCOMES.length || f > (FLAG_SEEN | FLAG_ESCALATED)) return false;
    if ((f & FLAG_SEEN) !== 0 && firstSeenAt[i] !== firstSeenAt[i]) return false;
  }
  return true;
}

/** Reads an index's timeline back; null when an entry is not a valid non-order event. */
export function parseTimeline(value: unknown): TimelineEvent[] | null {
  if (!Array.isArray(value)) return null;
  const events: TimelineEvent[] = [];
  for (const entry of value) {
    const event = toEvent(entry);
    if (!event || isOrderEvent(event)) return null;
    events.push(event);
  }
  return events;
}

/** Folds a list of events into one book (tests, and the pure report over hand-built events). */
export function foldEvents(events: Iterable<LedgerEvent>): OrderBook {
  const book = new OrderBook();
  for (const event of events) book.apply(event);
  return book;
}
