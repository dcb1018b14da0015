/**
 * The ledger's storage: an append-only log with a cached index, in plain Node (no Electron, no
 * native module, no SQLite).
 *
 * - Segments, one per UTC day (files.ts): one JSON event per line, appended with a synchronous
 *   write (open 'a', writeSync, close) before `record` returns, so an event is in the OS when the
 *   call ends and a SIGKILL afterwards keeps it. An order's events all go to the segment of the
 *   day it was first seen (a map of the orders seen in this session; a repeated `seen` after a
 *   restart carries the engine's kept first-seen time, so it lands on the same day); outages, app
 *   start/stop and telegram events go to the day of their own time.
 * - Books (fold.ts): a day's events folded into compact per-order columns (typed arrays of times
 *   and codes, shared strings; no per-event objects) plus the day's few other events. A book is
 *   loaded when a query or a write needs its day; at most MAX_LOADED stay in memory (least recently
 *   used out first; a changed one is indexed before it goes).
 * - Indexes: a book saved as `ledger-YYYY-MM-DD.idx.json` (temporary file + rename): a JSON header
 *   line (the segment length it covers, a hash of the segment's last bytes, the day's outage, app
 *   and telegram events), a JSON line of strings (ids, numbers, venues…) and the numeric columns
 *   as raw bytes, read back with one copy per column. Opening reads the headers only; a body is
 *   read when its day is needed. A segment longer than its index is folded on from where the
 *   index ends; a mismatch or an index that does not read means "fold the segment again",
 *   silently: the segment is the truth, the index a cache. Days the index does not cover (today
 *   after a crash, everything on the first open) are folded while opening.
 * - Crash safety: at open, a segment whose end is not a complete valid line (a write torn by a
 *   crash) is cut back to its last good line end, logged at 'info'. Any other unreadable line
 *   means the file is damaged: it is renamed aside (`<name>.damaged-<time>`, at most ten kept),
 *   that day starts anew, and `warning()` says which file and that the report misses it. A write
 *   that fails is logged and becomes the warning; `record` never throws.
 * - Retention: days older than `retentionDays` are deleted at open, once a day while recording,
 *   and by `prune`; the report never counts what is older.
 * A report over the last 30 days of a 90-day ledger of 500 orders a day reads 32 index bodies
 * (about 40 kB each) and runs report.ts over ~15,000 orders: ~60 ms cold, ~7 ms warm, under
 * 2 MB held (bench/ledger.ts, BENCHMARKS.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import type { ReportData, OrderLife } from '../../common/report';
import { OrderBook, parseTimeline } from './fold';
import {
  DAMAGED_RE,
  INDEX_RE,
  SEGMENT_RE,
  TEMP_RE,
  addDays,
  cleanEnd,
  damagedName,
  describeError,
  fingerprint,
  indexName,
  join,
  readFirstLine,
  readRange,
  segmentName,
  utcDay,
  writeAtomically,
} from './files';
import { computeReport, listOrders, queryPeriod } from './report';
import { MAX_LINE_BYTES, MAX_SEGMENT_BYTES, isOrderEvent, normaliseEvent, parseLine, type TimelineEvent } from './schema';
import type { Ledger, LedgerEvent, ReportQuery } from './types';

export type { Ledger, LedgerEvent, ReportQuery } from './types';

export type LedgerLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LedgerOptions {
  /** The folder of the ledger's files (created when missing, unless read-only). */
  dir: string;
  now: () => number;
  /** Days kept; default 90. */
  retentionDays?: number;
  log?: (level: LedgerLogLevel, message: string) => void;
  /** Reads only: nothing is written, cut, renamed or deleted (the CLI's report next to a running app). */
  readOnly?: boolean;
}

export type TelegramEvent = Extract<LedgerEvent, { kind: 'telegram' }>;

export interface FileLedger extends Ledger {
  /** The telegram messages recorded with `from` ≤ at < `to`, as written. */
  telegramEvents(from: number, to: number): TelegramEvent[];
}

const DAY_MS = 86_400_000;
const INDEX_VERSION = 2;
/** Index columns are raw numbers in this machine's byte order; another order means "fold again". */
const ENDIAN = os.endianness();
/** Books kept in memory at most (a 30-day report needs 32). */
const MAX_LOADED = 40;
/** Damaged files kept aside at most. */
const MAX_DAMAGED = 10;
/** Orders remembered as "seen in this session" at most (normally only those still pending). */
const MAX_LIVE = 20_000;

interface Day {
  day: string;
  /** The segment's length as far as this process knows (what it read, cut or wrote). */
  size: number;
  /** The length of the segment the index file on disk describes; -1 without a usable index. */
  indexedSize: number;
  /** The day's timeline: the loaded book's, or (unloaded) the index header's or the evicted book's. */
  timeline: TimelineEvent[];
  /** The segment length `timeline` is complete for, while no book is loaded. */
  timelineSize: number;
  book: OrderBook | null;
  /** The loaded book holds what its index file does not. */
  dirty: boolean;
  lastUsed: number;
}

interface DamagedFile {
  day: string;
  name: string;
  /** The segment it was. */
  segment: string;
}

export function openLedger(options: LedgerOptions): FileLedger {
  const { dir, now } = options;
  const retentionDays = options.retentionDays ?? 90;
  const readOnly = options.readOnly === true;
  const log = options.log ?? (() => undefined);

  const days = new Map<string, Day>();
  const live = new Map<string, string>();
  const damaged: DamagedFile[] = [];
  const partlyRead = new Set<string>();
  /** Segments that could not be read at all, with why. */
  const unreadable = new Map<string, string>();
  let writeFailure: { since: number; detail: string } | null = null;
  let maintainedDay = '';
  let useCounter = 0;
  let closed = false;

  const cutoffDay = (at: number) => utcDay(at - retentionDays * DAY_MS);
  const segmentPath = (day: string) => join(dir, segmentName(day));
  const indexPath = (day: string) => join(dir, indexName(day));

  function remove(file: string): void {
    if (readOnly) return;
    try {
      fs.rmSync(file, { force: true });
    } catch (cause) {
      log('warn', `Ledger: could not delete ${file}: ${describeError(cause)}`);
    }
  }

  // --- the index files -----------------------------------------------------------------------

  interface Header {
    size: number;
    fp: string;
    timeline: TimelineEvent[];
  }

  function readHeader(day: string): Header | null {
    try {
      const first = readFirstLine(indexPath(day));
      if (!first) return null;
      const header = JSON.parse(first.line) as Record<string, unknown>;
      if (header.v !== INDEX_VERSION || header.day !== day) return null;
      const { size, fp } = header;
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || typeof fp !== 'string') return null;
      const timeline = parseTimeline(header.timeline);
      return timeline ? { size, fp, timeline } : null;
    } catch {
      return null;
    }
  }

  /** The book an index holds, when it still describes the segment's first `indexedSize` bytes. */
  function readIndexBook(entry: Day): OrderBook | null {
    try {
      const bytes = fs.readFileSync(indexPath(entry.day));
      const first = bytes.indexOf(10);
      const second = first < 0 ? -1 : bytes.indexOf(10, first + 1);
      if (second < 0) return null;
      const header = JSON.parse(bytes.toString('utf8', 0, first)) as Record<string, unknown>;
      if (header.v !== INDEX_VERSION || header.day !== entry.day || header.size !== entry.indexedSize || header.endian !== ENDIAN) return null;
      const timeline = parseTimeline(header.timeline);
      if (!timeline || typeof header.n !== 'number') return null;
      return OrderBook.fromIndex(header.n, bytes.toString('utf8', first + 1, second), bytes.subarray(second + 1), timeline);
    } catch {
      return null;
    }
  }

  function writeIndex(entry: Day): void {
    if (readOnly || !entry.book) return;
    try {
      const fp = fingerprint(segmentPath(entry.day), entry.size);
      const { strings, columns } = entry.book.toIndex();
      const header = { v: INDEX_VERSION, day: entry.day, size: entry.size, fp, n: entry.book.n, endian: ENDIAN, timeline: entry.book.timeline };
      writeAtomically(indexPath(entry.day), Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n${strings}\n`), columns]));
      entry.indexedSize = entry.size;
      entry.dirty = false;
    } catch (cause) {
      // Only a cache: the next open folds the segment again.
      log('debug', `Ledger: index for ${entry.day} not written: ${describeError(cause)}`);
    }
  }

  // --- damaged files -------------------------------------------------------------------------

  /** Renames a damaged segment aside; false when it stays (read-only, or the rename failed): then only its unreadable lines are left out. */
  function keepAside(entry: Day, detail: string): boolean {
    const segment = segmentName(entry.day);
    if (readOnly) {
      partlyRead.add(segment);
      log('warn', `Ledger: ${segment} is damaged (${detail}); its unreadable lines are left out.`);
      return false;
    }
    const name = damagedName(entry.day, now());
    try {
      fs.renameSync(segmentPath(entry.day), join(dir, name));
      damaged.push({ day: entry.day, name, segment });
      log('warn', `Ledger: ${segment} is damaged (${detail}); kept aside as ${name}, the day starts anew.`);
    } catch (cause) {
      partlyRead.add(segment);
      log('error', `Ledger: ${segment} is damaged (${detail}) and could not be kept aside: ${describeError(cause)}`);
      return false;
    }
    remove(indexPath(entry.day));
    entry.size = 0;
    entry.indexedSize = -1;
    entry.dirty = false;
    limitDamaged();
    return true;
  }

  function limitDamaged(): void {
    // Oldest first by the time it was kept aside (the ISO suffix sorts as time).
    damaged.sort((a, b) => (a.name.replace(DAMAGED_RE, '$2') < b.name.replace(DAMAGED_RE, '$2') ? -1 : 1));
    while (damaged.length > MAX_DAMAGED) {
      const oldest = damaged.shift()!;
      remove(join(dir, oldest.name));
    }
  }

  // --- folding segments ----------------------------------------------------------------------

  /**
   * Folds the segment from byte `start` onto `book`. Returns false when the file is damaged (a bad
   * line that is not the last one, or a file too large to be the ledger's). The torn end of a file
   * (a last line without '\n' or not valid) is left out, and cut off unless read-only.
   */
  function foldSegment(entry: Day, book: OrderBook, start: number): boolean {
    const file = segmentPath(entry.day);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      entry.size = 0;
      return true;
    }
    if (size > MAX_SEGMENT_BYTES) {
      if (keepAside(entry, `${size} bytes, more than the ledger writes`)) return false;
      entry.size = size;
      return true;
    }
    if (size < start) return false;
    const bytes = readRange(file, start, size - start);
    let pos = 0;
    let bad = 0;
    let firstBad = -1;
    let end = start;
    while (pos < bytes.length) {
      const newline = bytes.indexOf(10, pos);
      if (newline < 0) break; // torn: no line end
      const event = newline - pos <= MAX_LINE_BYTES && newline > pos ? parseLine(bytes.toString('utf8', pos, newline)) : null;
      if (event) {
        book.apply(event);
        end = start + newline + 1;
      } else if (newline === pos) {
        end = start + newline + 1; // an empty line: harmless
      } else if (newline + 1 === bytes.length) {
        break; // the last line does not read: torn
      } else {
        bad++;
        if (firstBad < 0) firstBad = start + pos;
        end = start + newline + 1;
      }
      pos = newline + 1;
    }
    if (bad > 0 && keepAside(entry, `${bad} unreadable line(s), the first at byte ${firstBad}`)) return false;
    if (end < size) cutTail(entry, end, size);
    entry.size = end;
    return true;
  }

  function cutTail(entry: Day, end: number, size: number): void {
    if (readOnly) return;
    try {
      fs.truncateSync(segmentPath(entry.day), end);
      log('info', `Ledger: ${segmentName(entry.day)} ended in a partly written line (${size - end} bytes, the app stopped while writing it); cut off.`);
    } catch (cause) {
      log('warn', `Ledger: could not cut the partly written end of ${segmentName(entry.day)}: ${describeError(cause)}`);
    }
  }

  /** The day's book, loaded from its index (and the segment's newer lines) or folded from the segment. */
  function load(entry: Day): OrderBook {
    entry.lastUsed = ++useCounter;
    if (entry.book) return entry.book;
    let book: OrderBook | null = null;
    let folded = false;
    try {
      if (entry.indexedSize >= 0) {
        book = readIndexBook(entry);
        // A segment longer than its index: fold on from where the index ends.
        if (book && entry.indexedSize !== entry.size && !(folded = foldSegment(entry, book, entry.indexedSize))) book = null;
      }
      if (!book) {
        entry.indexedSize = -1;
        book = new OrderBook();
        folded = true;
        if (!foldSegment(entry, book, 0)) book = new OrderBook(); // damaged and kept aside: the day starts anew
      }
    } catch (cause) {
      // Not readable at all (permissions, a folder in its place): the report goes on without it.
      const segment = segmentName(entry.day);
      unreadable.set(segment, describeError(cause));
      log('error', `Ledger: ${segment} could not be read: ${describeError(cause)}`);
      book = new OrderBook();
      folded = false;
      entry.indexedSize = entry.size; // nothing to index: never write an index for what was not read
    }
    entry.book = book;
    entry.timeline = book.timeline;
    entry.dirty = entry.indexedSize !== entry.size;
    if (folded && entry.dirty && entry.size > 0) writeIndex(entry);
    evict();
    return book;
  }

  function evict(): void {
    const loaded = [...days.values()].filter((d) => d.book !== null);
    if (loaded.length <= MAX_LOADED) return;
    const today = utcDay(now());
    loaded.sort((a, b) => a.lastUsed - b.lastUsed);
    for (const entry of loaded.slice(0, loaded.length - MAX_LOADED)) {
      if (entry.day === today) continue;
      if (entry.dirty) writeIndex(entry);
      entry.timeline = entry.book!.timeline;
      entry.timelineSize = entry.size;
      entry.book = null;
    }
  }

  /** Every day's timeline complete (a day whose index lags behind its segment is folded). */
  function allTimelines(): TimelineEvent[] {
    const timeline: TimelineEvent[] = [];
    for (const entry of sortedDays()) {
      if (!entry.book && entry.timelineSize !== entry.size) load(entry);
      for (const event of entry.timeline) timeline.push(event);
    }
    return timeline;
  }

  const sortedDays = () => [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));

  // --- opening -------------------------------------------------------------------------------

  function newDay(day: string): Day {
    const entry: Day = { day, size: 0, indexedSize: -1, timeline: [], timelineSize: 0, book: null, dirty: false, lastUsed: 0 };
    days.set(day, entry);
    return entry;
  }

  function open(): void {
    if (!readOnly) {
      try {
        fs.mkdirSync(dir, { recursive: true });
      } catch (cause) {
        log('error', `Ledger: could not create ${dir}: ${describeError(cause)}`);
      }
    }
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') log('error', `Ledger: could not list ${dir}: ${describeError(cause)}`);
    }
    const cutoff = cutoffDay(now());
    const indexes = new Set<string>();
    for (const name of names) {
      const match = INDEX_RE.exec(name);
      if (match) indexes.add(match[1]!);
    }
    for (const name of names) {
      let match: RegExpExecArray | null;
      if (TEMP_RE.test(name)) {
        remove(join(dir, name));
      } else if ((match = DAMAGED_RE.exec(name))) {
        if (match[1]! < cutoff) remove(join(dir, name));
        else damaged.push({ day: match[1]!, name, segment: segmentName(match[1]!) });
      } else if ((match = INDEX_RE.exec(name))) {
        if (match[1]! < cutoff) remove(join(dir, name));
      } else if ((match = SEGMENT_RE.exec(name))) {
        const day = match[1]!;
        if (day < cutoff) {
          remove(join(dir, name));
          continue;
        }
        let size: number;
        try {
          const stat = fs.statSync(join(dir, name));
          if (!stat.isFile()) continue;
          size = stat.size;
        } catch {
          continue;
        }
        const entry = newDay(day);
        entry.size = size;
        openSegment(entry, indexes.has(day));
      }
    }
    for (const day of indexes) if (day >= cutoff && !days.has(day)) remove(indexPath(day));
    limitDamaged();
    maintainedDay = readOnly ? '' : utcDay(now());
    // Days the index does not cover (today after a crash, a first open) are folded now, so that a
    // damaged file is known to `warning()` from the start and every day's outages are at hand.
    allTimelines();
  }

  /** Checks a segment against its index; when they differ, cuts a torn end. */
  function openSegment(entry: Day, hasIndex: boolean): void {
    const file = segmentPath(entry.day);
    const header = hasIndex ? readHeader(entry.day) : null;
    try {
      if (header && header.size <= entry.size && fingerprint(file, header.size) === header.fp) {
        entry.indexedSize = header.size;
        entry.timeline = header.timeline;
        entry.timelineSize = header.size;
        if (header.size === entry.size) return;
      }
      const end = cleanEnd(file, entry.size, (line) => parseLine(line) !== null);
      if (end < entry.size) {
        cutTail(entry, end, entry.size);
        entry.size = end;
        if (entry.indexedSize > end) entry.indexedSize = -1;
      }
    } catch (cause) {
      log('warn', `Ledger: could not check ${segmentName(entry.day)}: ${describeError(cause)}`);
    }
  }

  // --- writing -------------------------------------------------------------------------------

  function dayFor(event: LedgerEvent): string {
    const at = now();
    const today = utcDay(at);
    const oldest = cutoffDay(at);
    const clamp = (day: string) => (day > today ? today : day < oldest ? oldest : day);
    if (!isOrderEvent(event)) return clamp(utcDay(event.at));
    const key = `${event.venueId}\u0000${event.orderId}`;
    let day = live.get(key);
    if (day === undefined || day < oldest) {
      day = clamp(utcDay(event.at));
      if (live.size >= MAX_LIVE) live.delete(live.keys().next().value!);
      live.set(key, day);
    }
    if (event.kind === 'left') live.delete(key);
    return day;
  }

  function maintain(): void {
    const today = utcDay(now());
    if (today === maintainedDay) return;
    maintainedDay = today;
    prune(now());
    for (const entry of days.values()) if (entry.dirty && entry.day < today) writeIndex(entry);
  }

  function record(event: LedgerEvent): void {
    let target = '';
    try {
      if (closed) {
        log('debug', `Ledger: closed, ${event.kind} event not recorded.`);
        return;
      }
      if (readOnly) {
        log('warn', `Ledger: opened read-only, ${event.kind} event not recorded.`);
        return;
      }
      const clean = normaliseEvent(event);
      if (!clean) {
        log('warn', `Ledger: refused an invalid ${String((event as { kind?: unknown }).kind)} event.`);
        return;
      }
      maintain();
      const day = dayFor(clean);
      target = `${segmentName(day)}: `;
      const entry = days.get(day) ?? newDay(day);
      const book = load(entry);
      const line = `${JSON.stringify(clean)}\n`;
      const bytes = Buffer.byteLength(line);
      if (bytes > MAX_LINE_BYTES || entry.size + bytes > MAX_SEGMENT_BYTES) {
        failed(`${segmentName(day)} is full`);
        return;
      }
      if (!append(entry, line)) return;
      book.apply(clean);
      entry.dirty = true;
    } catch (cause) {
      // Never throws: whatever went wrong is logged and shown.
      failed(`${target}${describeError(cause)}`);
    }
  }

  function append(entry: Day, line: string): boolean {
    const file = segmentPath(entry.day);
    let fd: number | null = null;
    try {
      fd = fs.openSync(file, 'a');
      const bytes = Buffer.from(line);
      for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written);
      entry.size = fs.fstatSync(fd).size;
      return true;
    } catch (cause) {
      failed(`${segmentName(entry.day)}: ${describeError(cause)}`);
      // A write cut short must not leave half a line for the next one to follow.
      try {
        if (fd !== null && fs.fstatSync(fd).size > entry.size) fs.ftruncateSync(fd, entry.size);
      } catch {
        // the open's check cuts it
      }
      return false;
    } finally {
      if (fd !== null) {
        try {
          fs.closeSync(fd);
        } catch {
          // nothing more to do
        }
      }
    }
  }

  function failed(detail: string): void {
    log('error', `Ledger: an event could not be written (${detail}).`);
    writeFailure ??= { since: now(), detail };
    writeFailure.detail = detail;
  }

  // --- the API -------------------------------------------------------------------------------

  function prune(at: number): void {
    const cutoff = cutoffDay(at);
    for (const entry of [...days.values()]) {
      if (entry.day >= cutoff) continue;
      remove(segmentPath(entry.day));
      remove(indexPath(entry.day));
      days.delete(entry.day);
    }
    for (const file of damaged.filter((d) => d.day < cutoff)) remove(join(dir, file.name));
    const kept = damaged.filter((d) => d.day >= cutoff);
    damaged.length = 0;
    damaged.push(...kept);
    for (const [key, day] of live) if (day < cutoff) live.delete(key);
  }

  function warning(): string | null {
    const sentences: string[] = [];
    // Damaged days a report can still reach (its longest period is 30 days).
    const recent = utcDay(now() - 31 * DAY_MS);
    const aside = damaged.filter((d) => d.day >= recent);
    if (aside.length === 1) {
      sentences.push(`The order history file ${aside[0]!.segment} could not be read and was kept aside as ${aside[0]!.name}; the report misses what it held.`);
    } else if (aside.length > 1) {
      sentences.push(`${aside.length} order history files could not be read and were kept aside (${aside.map((d) => d.name).join(', ')}); the report misses what they held.`);
    }
    for (const [segment, detail] of unreadable) sentences.push(`The order history file ${segment} could not be read (${detail}); the report misses what it holds.`);
    for (const segment of partlyRead) sentences.push(`The order history file ${segment} is damaged; the report leaves out the lines that could not be read.`);
    if (writeFailure) {
      sentences.push(`Some events could not be written to the order history since ${new Date(writeFailure.since).toISOString()} (${writeFailure.detail}); the report misses them.`);
    }
    return sentences.length > 0 ? sentences.join(' ') : null;
  }

  /** The books that can hold orders created from `from` on (an order's book is the day it was first seen, at most a day before its creation when clocks disagree). */
  function booksFrom(from: number): OrderBook[] {
    const first = addDays(utcDay(from), -1);
    return sortedDays()
      .filter((d) => d.day >= first)
      .map(load);
  }

  function source(query: ReportQuery) {
    const notBefore = query.now - retentionDays * DAY_MS;
    const { from } = queryPeriod(query);
    const timeline = allTimelines();
    return { books: booksFrom(Math.max(from, notBefore)), timeline, warning: warning(), notBefore };
  }

  function report(query: ReportQuery): ReportData {
    return computeReport(source(query), query);
  }

  function orders(query: ReportQuery): OrderLife[] {
    return listOrders(source(query), query);
  }

  function telegramEvents(from: number, to: number): TelegramEvent[] {
    return allTimelines().filter((e): e is TelegramEvent => e.kind === 'telegram' && e.at >= from && e.at < to);
  }

  function close(): void {
    if (closed) return;
    for (const entry of days.values()) if (entry.dirty) writeIndex(entry);
    closed = true;
    days.clear();
    live.clear();
  }

  open();
  return {
    record,
    report,
    orders,
    warning,
    prune: (at) => {
      try {
        prune(at);
      } catch (cause) {
        log('warn', `Ledger: pruning failed: ${describeError(cause)}`);
      }
    },
    close,
    telegramEvents,
  };
}
