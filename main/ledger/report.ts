/**
 * The owner's report from folded books: pure (no files, no clock), so the ledger and the tests
 * share it. Input: the books that may hold orders created in the period (any order, merged by key
 * when one order appears in two), every outage/app event the ledger keeps (in the order written),
 * the query and the ledger's warning. See common/report.ts for what each figure means.
 *
 * - Period in the query's zone (zone.ts); an order belongs to it by creation (createdAt, or
 *   firstSeenAt when Clopos gave none). Nothing before `notBefore` (the retention) is counted.
 * - acceptMs = leftAt − creation for accepted orders; seen = acknowledgedAt − creation; negative
 *   durations (clock skew) count as 0. Median (mean of the middle two for an even count) and
 *   nearest-rank p90 (sorted[ceil(0.9 n) − 1]).
 * - waited: (the earlier of acknowledgedAt and leftAt, or now) − creation > the threshold.
 * - Outages: `unreachable` opens an interval per venue (null = the whole watch) from `since`,
 *   `reachable` closes it, app `closed` closes all at its time, app `opened` closes what is still
 *   open at the last event time known before it (the app was killed), and what is open at the end
 *   runs to now. Totals count the whole watch's intervals; a venue the union of those and its own.
 */
import type { OrderLife, ReportData, ReportFigures, ReportGroup, ReportHour } from '../../common/report';
import type { LedgerEvent, ReportQuery } from './types';
import { ACCEPTED, FLAG_SEEN, NO_OUTCOME, OrderBook, foldEvents } from './fold';
import type { TimelineEvent } from './schema';
import { offsetAt, periodOf, resolveTimeZone } from './zone';

export interface ReportSource {
  /** Books that may hold orders created in the period; an order in two of them is merged (earlier book first). */
  books: readonly OrderBook[];
  /** Outage and app events (telegram ones are ignored), in the order they were written. */
  timeline: readonly TimelineEvent[];
  warning: string | null;
  /** Events before this are never counted (the retention); default: none. */
  notBefore?: number;
  /** The last event time known before `t` (for an outage open when the app was killed); default: from the books and timeline given. */
  lastEventBefore?: (t: number) => number | null;
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** Median of sorted values (mean of the middle two for an even count); null when empty. */
export function medianOf(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank 90th percentile of sorted values (sorted[ceil(0.9 n) − 1]); null when empty. */
export function p90Of(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[Math.max(0, Math.ceil(0.9 * n) - 1)]!;
}

// ---------------------------------------------------------------------------------------------
// Outages

export interface Interval {
  start: number;
  end: number;
}

/** Every outage interval, per venue ('' = the whole watch), from the timeline. */
export function outageIntervals(timeline: readonly TimelineEvent[], now: number, lastEventBefore: (t: number) => number | null): Map<string, Interval[]> {
  const open = new Map<string, number>();
  const closed = new Map<string, Interval[]>();
  const close = (key: string, start: number, end: number) => {
    let list = closed.get(key);
    if (!list) closed.set(key, (list = []));
    list.push({ start, end: Math.max(start, end) });
  };
  for (const event of timeline) {
    switch (event.kind) {
      case 'unreachable': {
        const key = event.venueId ?? '';
        if (!open.has(key)) open.set(key, Math.min(event.since, event.at));
        break;
      }
      case 'reachable': {
        const key = event.venueId ?? '';
        const start = open.get(key);
        if (start !== undefined) {
          open.delete(key);
          close(key, start, event.at);
        }
        break;
      }
      case 'app': {
        if (open.size === 0) break;
        const end = event.what === 'closed' ? event.at : (lastEventBefore(event.at) ?? event.at);
        for (const [key, start] of open) close(key, start, Math.min(end, event.at));
        open.clear();
        break;
      }
      default:
        break;
    }
  }
  for (const [key, start] of open) close(key, start, now);
  return closed;
}

/** Total length of the union of intervals, clipped to [from, to). */
export function unionLength(intervals: readonly Interval[], from: number, to: number): number {
  const clipped = intervals
    .map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const i of clipped) {
    if (i.start > end) {
      if (end > start) total += end - start;
      start = i.start;
      end = i.end;
    } else if (i.end > end) {
      end = i.end;
    }
  }
  if (end > start) total += end - start;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Orders in the period

/** The orders of a period: row `k` is row `rowOf[k]` of `books[bookOf[k]]`, created at `creation[k]`. */
interface Selection {
  n: number;
  books: OrderBook[];
  bookOf: Int32Array;
  rowOf: Int32Array;
  creation: Float64Array;
}

/**
 * The orders of the books (merged when one order sits in two books) created in [from, to).
 * Partial records (an event without any `seen`) that match no other record are left out: without
 * a sighting there is no creation time.
 */
function selectOrders(source: readonly OrderBook[], from: number, to: number): Selection {
  const books = source.slice();
  const { merged, skip } = mergeRepeated(books);
  if (merged) books.push(merged);
  let capacity = 0;
  for (const book of books) capacity += book.n;
  const sel: Selection = { n: 0, books, bookOf: new Int32Array(capacity), rowOf: new Int32Array(capacity), creation: new Float64Array(capacity) };
  for (let b = 0; b < books.length; b++) selectFrom(sel, b, skip.get(books[b]!), from, to);
  return sel;
}

/** Appends the rows of book `b` created in [from, to) (small, so it is optimised early). */
function selectFrom(sel: Selection, b: number, skipped: Set<number> | undefined, from: number, to: number): void {
  const book = sel.books[b]!;
  const { createdAt, firstSeenAt, flags, n } = book;
  const { bookOf, rowOf, creation } = sel;
  let k = sel.n;
  for (let i = 0; i < n; i++) {
    if ((flags[i]! & FLAG_SEEN) === 0) continue;
    const created = createdAt[i]!;
    const at = created === created ? created : firstSeenAt[i]!;
    if (at < from || at >= to) continue;
    if (skipped !== undefined && skipped.has(i)) continue;
    bookOf[k] = b;
    rowOf[k] = i;
    creation[k] = at;
    k++;
  }
  sel.n = k;
}

/** Pending or partial records: the only ones that can have a second record in another book. */
function mergeCandidates(book: OrderBook, into: Set<string> | null): Set<string> | null {
  const { outcome, flags, id, n } = book;
  for (let i = 0; i < n; i++) {
    if (outcome[i] === NO_OUTCOME || (flags[i]! & FLAG_SEEN) === 0) (into ??= new Set()).add(id[i]!);
  }
  return into;
}

/**
 * One order in two books (seen again after its first book's record was lost to the engine, or
 * an event that came without its order's `seen`): one merged record in a book of its own, and
 * the rows it replaces.
 */
function mergeRepeated(books: readonly OrderBook[]): { merged: OrderBook | null; skip: Map<OrderBook, Set<number>> } {
  const skip = new Map<OrderBook, Set<number>>();
  let candidates: Set<string> | null = null;
  for (const book of books) candidates = mergeCandidates(book, candidates);
  if (!candidates) return { merged: null, skip };
  const groups = new Map<string, { book: OrderBook; row: number }[]>();
  for (const book of books) {
    for (let i = 0; i < book.n; i++) {
      if (!candidates.has(book.id[i]!)) continue;
      const key = `${book.venue[i]}\u0000${book.id[i]}`;
      const list = groups.get(key);
      if (list) list.push({ book, row: i });
      else groups.set(key, [{ book, row: i }]);
    }
  }
  let merged: OrderBook | null = null;
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    merged ??= new OrderBook();
    const first = list[0]!;
    const at = merged.copyRow(first.book, first.row);
    for (const other of list.slice(1)) merged.mergeLater(at, other.book, other.row);
    for (const { book, row } of list) {
      let set = skip.get(book);
      if (!set) skip.set(book, (set = new Set()));
      set.add(row);
    }
  }
  return { merged, skip };
}

/** The last event time before `t` in the books and timeline (outages open when the app was killed). */
export function lastEventIn(books: readonly OrderBook[], timeline: readonly TimelineEvent[]): (t: number) => number | null {
  return (t) => {
    let best = -Infinity;
    const consider = (value: number) => {
      if (value < t && value > best) best = value;
    };
    for (const event of timeline) consider(event.at);
    for (const book of books) {
      for (let i = 0; i < book.n; i++) {
        consider(book.firstSeenAt[i]!);
        consider(book.announcedAt[i]!);
        consider(book.acknowledgedAt[i]!);
        consider(book.leftAt[i]!);
      }
    }
    return best === -Infinity ? null : best;
  };
}

// ---------------------------------------------------------------------------------------------
// Figures per group

/**
 * Rearranges a[lo, hi) so that a[k] holds the value of rank k, smaller ones before it and larger
 * ones after it (quickselect, median-of-three); returns a[k]. O(n) on average, against a sort's
 * O(n log n): a 30-day report needs a median and a p90 for some 30 groups.
 */
export function selectRank(a: Float64Array, lo: number, hi: number, k: number): number {
  let l = lo;
  let r = hi - 1;
  while (r > l) {
    const m = (l + r) >>> 1;
    const x = a[l]!;
    const y = a[m]!;
    const z = a[r]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const swap = a[i]!;
        a[i] = a[j]!;
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else break;
  }
  return a[k]!;
}

/** Median (mean of the middle two for an even count) and nearest-rank p90 of a[lo, hi), which it reorders. */
export function medianAndP90(a: Float64Array, lo: number, hi: number): { median: number | null; p90: number | null } {
  const n = hi - lo;
  if (n <= 0) return { median: null, p90: null };
  const mid = n >> 1;
  const upper = selectRank(a, lo, hi, lo + mid);
  let median = upper;
  if (n % 2 === 0) {
    // Everything before lo + mid is no larger than `upper`: the lower middle is their largest.
    let lower = -Infinity;
    for (let i = lo; i < lo + mid; i++) if (a[i]! > lower) lower = a[i]!;
    median = (lower + upper) / 2;
  }
  const rank = Math.max(0, Math.ceil(0.9 * n) - 1);
  const p90 = rank === mid ? upper : selectRank(a, lo + mid, hi, lo + rank);
  return { median, p90 };
}

/**
 * One way of grouping the orders (all, per channel, per venue, per hour): per group the counts and
 * the acceptance and Seen times, from which each group's median and p90 are picked. Groups are
 * numbered as they are met.
 */
class Grouping {
  readonly orders: number[] = [];
  readonly accepted: number[] = [];
  readonly never: number[] = [];
  readonly pending: number[] = [];
  readonly waited: number[] = [];
  readonly acceptTimes: number[][] = [];
  readonly seenTimes: number[][] = [];

  private extend(g: number): void {
    while (this.orders.length <= g) {
      this.orders.push(0);
      this.accepted.push(0);
      this.never.push(0);
      this.pending.push(0);
      this.waited.push(0);
      this.acceptTimes.push([]);
      this.seenTimes.push([]);
    }
  }

  add(g: number, outcome: number, accept: number, seen: number, waited: number): void {
    if (g >= this.orders.length) this.extend(g);
    this.orders[g]!++;
    if (outcome === NO_OUTCOME) this.pending[g]!++;
    else if (outcome === ACCEPTED) this.accepted[g]!++;
    else this.never[g]!++;
    this.waited[g]! += waited;
    if (accept === accept) this.acceptTimes[g]!.push(accept);
    if (seen === seen) this.seenTimes[g]!.push(seen);
  }

  figures(g: number): Omit<ReportFigures, 'unreachableMs'> {
    const acceptTimes = new Float64Array(this.acceptTimes[g] ?? []);
    const seenTimes = new Float64Array(this.seenTimes[g] ?? []);
    const accept = medianAndP90(acceptTimes, 0, acceptTimes.length);
    const seen = medianAndP90(seenTimes, 0, seenTimes.length);
    return {
      orders: this.orders[g] ?? 0,
      accepted: this.accepted[g] ?? 0,
      neverAccepted: this.never[g] ?? 0,
      stillPending: this.pending[g] ?? 0,
      acceptMedianMs: accept.median,
      acceptP90Ms: accept.p90,
      seenMedianMs: seen.median,
      seenP90Ms: seen.p90,
      waitedOverThreshold: this.waited[g] ?? 0,
    };
  }
}

const EMPTY_FIGURES = (): Omit<ReportFigures, 'unreachableMs'> => new Grouping().figures(0);

/** The index of a key in `keys` (added when new). */
function groupIndex(index: Map<string, number>, keys: string[], key: string): number {
  let g = index.get(key);
  if (g === undefined) {
    g = keys.length;
    keys.push(key);
    index.set(key, g);
  }
  return g;
}

interface Tallies {
  totals: Grouping;
  channels: Grouping;
  venues: Grouping;
  hours: Grouping;
  channelKeys: string[];
  venueKeys: string[];
  /** Per order: NaN unless accepted. */
  accept: Float64Array;
}

/**
 * Every figure's raw material in one loop over the orders: each order's acceptance, Seen and
 * waited values, counted in every grouping (all, its channel, venue and hour). A cold start runs
 * this before the JIT has optimised anything, so it is one pass with little in it.
 */
function tally(sel: Selection, thresholdMs: number, now: number, hourOf: HourTable): Tallies {
  const n = sel.n;
  const accept = new Float64Array(n);
  const totals = new Grouping();
  const channels = new Grouping();
  const venues = new Grouping();
  const hours = new Grouping();
  const channelIndex = new Map<string, number>();
  const channelKeys: string[] = [];
  const venueIndex = new Map<string, number>();
  const venueKeys: string[] = [];
  const { books, bookOf, rowOf, creation } = sel;
  for (let k = 0; k < n; k++) {
    const book = books[bookOf[k]!]!;
    const i = rowOf[k]!;
    const created = creation[k]!;
    const outcome = book.outcome[i]!;
    const leftAt = book.leftAt[i]!;
    const ackAt = book.acknowledgedAt[i]!;
    const a = outcome === ACCEPTED && leftAt === leftAt ? Math.max(0, leftAt - created) : NaN;
    const s = ackAt === ackAt ? Math.max(0, ackAt - created) : NaN;
    const end = ackAt === ackAt ? (leftAt === leftAt && leftAt < ackAt ? leftAt : ackAt) : leftAt === leftAt ? leftAt : now;
    const w = end - created > thresholdMs ? 1 : 0;
    accept[k] = a;
    totals.add(0, outcome, a, s, w);
    channels.add(groupIndex(channelIndex, channelKeys, book.channel[i] ?? ''), outcome, a, s, w);
    venues.add(groupIndex(venueIndex, venueKeys, book.venue[i]!), outcome, a, s, w);
    hours.add(hourOf.hour(created), outcome, a, NaN, w);
  }
  return { totals, channels, venues, hours, channelKeys, venueKeys, accept };
}

/** The ten largest acceptance times, slowest first (equal times: earlier creation first). */
function slowestTen(accept: Float64Array, creation: Float64Array, n: number): number[] {
  const top: number[] = [];
  for (let k = 0; k < n; k++) {
    const a = accept[k]!;
    if (a !== a) continue;
    if (top.length === 10) {
      const last = top[9]!;
      if (a < accept[last]! || (a === accept[last]! && creation[k]! >= creation[last]!)) continue;
    }
    let at = top.length;
    while (at > 0) {
      const before = top[at - 1]!;
      if (accept[before]! > a || (accept[before]! === a && creation[before]! <= creation[k]!)) break;
      at--;
    }
    top.splice(at, 0, k);
    if (top.length > 10) top.pop();
  }
  return top;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * The hour of day of instants in [from, to) from a table of UTC-hour offsets. Offsets are asked of
 * Intl once a day and hour by hour only in a day whose two ends differ (a transition; no zone
 * changes twice within a day); an hour whose two ends differ is asked of Intl exactly per instant.
 * A cold 30-day report thus makes ~35 Intl calls instead of ~750.
 */
class HourTable {
  private readonly first: number;
  private readonly offsets: Float64Array;

  constructor(
    private readonly timeZone: string,
    from: number,
    to: number,
  ) {
    this.first = Math.floor(from / HOUR);
    const count = Math.max(0, Math.min(24 * 400, Math.floor(to / HOUR) - this.first + 2));
    this.offsets = new Float64Array(count);
    let start = offsetAt(timeZone, this.first * HOUR);
    for (let h = 0; h < count; h += 24) {
      const end = offsetAt(timeZone, (this.first + h + 24) * HOUR);
      const last = Math.min(count, h + 24);
      if (start === end) this.offsets.fill(start, h, last);
      else for (let i = h; i < last; i++) this.offsets[i] = offsetAt(timeZone, (this.first + i) * HOUR);
      start = end;
    }
  }

  hour(t: number): number {
    const h = Math.floor(t / HOUR) - this.first;
    const offset = h >= 0 && h + 1 < this.offsets.length && this.offsets[h] === this.offsets[h + 1] ? this.offsets[h]! : offsetAt(this.timeZone, t);
    const local = (((t + offset) % DAY) + DAY) % DAY;
    return Math.floor(local / HOUR);
  }
}

// ---------------------------------------------------------------------------------------------
// The report

const byOrdersThenKey = (a: ReportGroup, b: ReportGroup) => b.orders - a.orders || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The period a query asks for, in its zone, and the zone's resolved name. */
export function queryPeriod(query: ReportQuery): { from: number; to: number; timeZone: string } {
  const timeZone = resolveTimeZone(query.timeZone);
  return { ...periodOf(query.range, query.now, timeZone), timeZone };
}

export function computeReport(source: ReportSource, query: ReportQuery): ReportData {
  const { from, to, timeZone } = queryPeriod(query);
  const countFrom = Math.max(from, source.notBefore ?? -Infinity);
  const sel = selectOrders(source.books, countFrom, to);
  const t = tally(sel, query.escalationMinutes * 60_000, query.now, new HourTable(timeZone, countFrom, to));

  const lastEventBefore = source.lastEventBefore ?? lastEventIn(source.books, source.timeline);
  const intervals = outageIntervals(source.timeline, query.now, lastEventBefore);
  const whole = intervals.get('') ?? [];
  const wholeMs = unionLength(whole, countFrom, to);
  const venueMs = (venueId: string) => unionLength([...whole, ...(intervals.get(venueId) ?? [])], countFrom, to);

  const byChannel = t.channelKeys.map((key, g): ReportGroup => ({ key, ...t.channels.figures(g), unreachableMs: wholeMs }));
  const byVenue = t.venueKeys.map((key, g): ReportGroup => ({ key, ...t.venues.figures(g), unreachableMs: venueMs(key) }));
  // A venue that could not be reached in the period is listed even without orders.
  for (const [venueId, list] of intervals) {
    if (venueId === '' || t.venueKeys.includes(venueId) || unionLength(list, countFrom, to) === 0) continue;
    byVenue.push({ key: venueId, ...EMPTY_FIGURES(), unreachableMs: venueMs(venueId) });
  }

  return {
    range: query.range,
    from,
    to,
    timeZone,
    escalationMinutes: query.escalationMinutes,
    totals: { ...t.totals.figures(0), unreachableMs: wholeMs },
    byChannel: byChannel.sort(byOrdersThenKey),
    byVenue: byVenue.sort(byOrdersThenKey),
    byHour: Array.from({ length: 24 }, (_, hour): ReportHour => {
      const f = t.hours.figures(hour);
      return { hour, orders: f.orders, acceptMedianMs: f.acceptMedianMs };
    }),
    slowest: slowestTen(t.accept, sel.creation, sel.n).map((k) => sel.books[sel.bookOf[k]!]!.life(sel.rowOf[k]!)),
    ledgerWarning: source.warning,
  };
}

/** Every order created in the period, oldest first (then by first sighting, then id): the CSV. */
export function listOrders(source: Pick<ReportSource, 'books' | 'notBefore'>, query: ReportQuery): OrderLife[] {
  const { from, to } = queryPeriod(query);
  const sel = selectOrders(source.books, Math.max(from, source.notBefore ?? -Infinity), to);
  const lives: { life: OrderLife; creation: number }[] = [];
  for (let k = 0; k < sel.n; k++) lives.push({ life: sel.books[sel.bookOf[k]!]!.life(sel.rowOf[k]!), creation: sel.creation[k]! });
  lives.sort((a, b) => a.creation - b.creation || a.life.firstSeenAt - b.life.firstSeenAt || (a.life.id < b.life.id ? -1 : a.life.id > b.life.id ? 1 : 0));
  return lives.map((l) => l.life);
}

/** The report straight from a list of events (one book; the exact last-event rule): tests, small tools. */
export function reportFromEvents(events: readonly LedgerEvent[], query: ReportQuery, warning: string | null = null): ReportData {
  const book = foldEvents(events);
  const times = events.map((e) => e.at);
  return computeReport(
    {
      books: [book],
      timeline: book.timeline,
      warning,
      lastEventBefore: (t) => times.reduce<number | null>((best, at) => (at < t && (best === null || at > best) ? at : best), null),
    },
    query,
  );
}

