/**
 * The ledger's files and the low-level reads and writes on them. Names, per UTC day:
 *   ledger-YYYY-MM-DD.jsonl                      the segment (the truth): one event per line
 *   ledger-YYYY-MM-DD.idx.json                   the index (a cache): header line, body line
 *   ledger-YYYY-MM-DD.jsonl.damaged-<iso time>   a segment that could not be read, kept aside
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_LINE_BYTES } from './schema';

const DAY_MS = 86_400_000;

export const SEGMENT_RE = /^ledger-(\d{4}-\d{2}-\d{2})\.jsonl$/;
export const INDEX_RE = /^ledger-(\d{4}-\d{2}-\d{2})\.idx\.json$/;
export const DAMAGED_RE = /^ledger-(\d{4}-\d{2}-\d{2})\.jsonl\.damaged-(.+)$/;
export const TEMP_RE = /^ledger-\d{4}-\d{2}-\d{2}\.idx\.json\.tmp-/;

export const segmentName = (day: string): string => `ledger-${day}.jsonl`;
export const indexName = (day: string): string => `ledger-${day}.idx.json`;
export const damagedName = (day: string, at: number): string => `${segmentName(day)}.damaged-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;

/** The UTC day of an instant, as YYYY-MM-DD. */
export const utcDay = (t: number): string => new Date(t).toISOString().slice(0, 10);
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);
export const addDays = (day: string, days: number): string => utcDay(dayStart(day) + days * DAY_MS);

/** 32-bit FNV-1a of some bytes, as hex. */
function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i]!;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export function readRange(file: string, position: number, length: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = fs.readSync(fd, buffer, read, length - read, position + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** What an index remembers of its segment: the hash of the 256 bytes before `size` (with `size` itself, enough to tell the same file). */
export function fingerprint(file: string, size: number): string {
  const start = Math.max(0, size - 256);
  const bytes = readRange(file, start, size - start);
  return bytes.length === size - start ? fnv1a(bytes) : 'short';
}

/**
 * Where a segment's readable part ends: after its last '\n', and before its last line when that
 * line is not a valid event (a write torn by a crash). Reads only the end of the file.
 */
export function cleanEnd(file: string, size: number, valid: (line: string) => boolean): number {
  if (size === 0) return 0;
  const chunk = Math.min(size, 4 * MAX_LINE_BYTES);
  const tail = readRange(file, size - chunk, chunk);
  const base = size - tail.length;
  let lastNewline = tail.lastIndexOf(10);
  if (lastNewline < 0) {
    // No line end in the last 64 KB: at most the start of the file is a line.
    return chunk === size ? 0 : findLastNewlineBefore(file, base) + 1;
  }
  let end = base + lastNewline + 1;
  // The last complete line: a torn write can also end in a '\n' that belonged to garbage.
  const previous = lastNewline > 0 ? tail.lastIndexOf(10, lastNewline - 1) : -1;
  if (previous < 0 && base > 0) return end; // a last line longer than the chunk is left to the full read to judge
  const line = tail.toString('utf8', previous + 1, lastNewline);
  if (line.length > 0 && !valid(line)) {
    end = base + previous + 1;
    lastNewline = previous;
  }
  return end;
}

function findLastNewlineBefore(file: string, before: number): number {
  let end = before;
  while (end > 0) {
    const start = Math.max(0, end - 64 * 1024);
    const bytes = readRange(file, start, end - start);
    const at = bytes.lastIndexOf(10);
    if (at >= 0) return start + at;
    end = start;
  }
  return -1;
}

/** Writes a file whole or not at all: a temporary file renamed over it. */
export function writeAtomically(file: string, content: string | Uint8Array): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (cause) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to do
    }
    throw cause;
  }
}

/** Reads the first line of a file (the index header) without reading the rest when it is short. */
export function readFirstLine(file: string): { line: string; size: number } | null {
  const head = readRange(file, 0, 16 * 1024);
  let at = head.indexOf(10);
  if (at >= 0) return { line: head.toString('utf8', 0, at), size: at + 1 };
  if (head.length < 16 * 1024) return null;
  const whole = fs.readFileSync(file);
  at = whole.indexOf(10);
  return at >= 0 ? { line: whole.toString('utf8', 0, at), size: at + 1 } : null;
}

export const join = (dir: string, name: string): string => path.join(dir, name);

/** The error's code and message, for a log line or a warning. */
export function describeError(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code && !cause.message.startsWith(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
