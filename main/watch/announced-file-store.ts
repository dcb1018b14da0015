import { createHash } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { mkdir, open as openFile, readdir, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { MAX_ANNOUNCED_ENTRIES } from './order-tracker';
import type { AnnouncedEntry, AnnouncedStore } from './types';

/** 2 added acknowledgedAt; version 1 records still load (nothing acknowledged). */
export const ANNOUNCED_FILE_VERSION = 2;
/** The name when no connection is given (tests, benchmarks). */
export const ANNOUNCED_FILE_NAME = 'announced.json';
/** A record of MAX_ANNOUNCED_ENTRIES takes well under 1 MB; anything far larger is not ours. */
export const MAX_ANNOUNCED_FILE_BYTES = 4 * 1024 * 1024;
/** Backups of unreadable files kept beside the record; older ones are deleted. */
const MAX_BACKUPS = 5;
const RENAME_ATTEMPTS = 4;
const STALE_TEMP_MS = 60_000;
const READ_CHUNK_BYTES = 64 * 1024;
/** Opening a FIFO for reading waits for a writer unless non-blocking (Windows has no FIFOs and no such flag). */
const OPEN_FOR_READING = fsConstants.O_RDONLY | ((fsConstants.O_NONBLOCK as number | undefined) ?? 0);

const epochMs = z.number().int().nonnegative();
const entryBase = z.object({ id: z.string().min(1).max(200), firstSeenAt: epochMs, leftAt: epochMs.nullable() });
const entryV1 = entryBase.transform((e) => ({ ...e, acknowledgedAt: null }));
const entryV2 = entryBase.extend({ acknowledgedAt: epochMs.nullable(), slip: z.union([z.literal('due'), epochMs]).optional() });
const fileSchema = z.object({ version: z.union([z.literal(1), z.literal(2)]), entries: z.array(z.unknown()) });

/** Which connection a record belongs to; the demo's simulator has no lasting orders to confuse. */
export type AnnouncedScope = { api: string; brand: string; baseUrl: string } | 'demo';

const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || '_';

/** Origin plus path without trailing slashes: the same server however its address was typed. */
function normalisedBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim();
  try {
    const url = new URL(trimmed);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return trimmed;
  }
}

/**
 * One record per API generation, brand and server: order ids are only unique within a brand (and a
 * test server's ids overlap production's), so a shared record could take a new order for one
 * announced before and stay silent. The server is a short hash, keeping the name short and safe.
 */
export function announcedFileName(scope: AnnouncedScope): string {
  if (scope === 'demo') return 'announced-demo.json';
  const server = createHash('sha256').update(normalisedBaseUrl(scope.baseUrl)).digest('hex').slice(0, 10);
  return `announced-${safe(scope.api)}-${safe(scope.brand)}-${server}.json`;
}

/** The name before the server was part of it; read once when upgrading so nothing is announced again. */
function legacyFileName(scope: AnnouncedScope): string | null {
  return scope === 'demo' ? null : `announced-${safe(scope.api)}-${safe(scope.brand)}.json`;
}

/**
 * What a failure to read the record means: `damaged` is moved aside (it can never become a record),
 * `denied` is left in place (the file may be fine; this user may not read it, or the disk failed).
 */
export type ReadProblem = { kind: 'missing' } | { kind: 'damaged'; reason: string } | { kind: 'denied'; reason: string };

const errorCode = (cause: unknown): string | undefined =>
  typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

export function classifyReadError(cause: unknown): ReadProblem {
  const code = errorCode(cause);
  switch (code) {
    case 'ENOENT':
      return { kind: 'missing' };
    case 'EACCES':
    case 'EPERM':
      return { kind: 'denied', reason: `permission denied (${code})` };
    case 'EISDIR':
      return { kind: 'damaged', reason: 'not a regular file (a folder)' };
    case 'ELOOP':
      return { kind: 'damaged', reason: 'not a regular file (a loop of links)' };
    case 'ENXIO':
      return { kind: 'damaged', reason: 'not a regular file (a socket or device)' };
    default:
      return { kind: 'denied', reason: describe(cause) };
  }
}

function fileKind(info: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'an unknown kind of file';
}

type ReadResult = ReadProblem | { kind: 'read'; bytes: Buffer };

/** Reads through one handle: what is checked is what is read, and never more than maxBytes + 1 bytes. */
async function readBounded(handle: FileHandle, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= maxBytes) {
    const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return total > maxBytes ? null : Buffer.concat(chunks, total);
}

type Parsed = { kind: 'damaged'; reason: string } | { kind: 'parsed'; valid: [string, AnnouncedEntry][]; invalid: number };

function parseRecord(bytes: Buffer): Parsed {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'damaged', reason: 'not valid UTF-8' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return { kind: 'damaged', reason: `not valid JSON: ${describe(cause)}` };
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) return { kind: 'damaged', reason: `not a version 1 or ${ANNOUNCED_FILE_VERSION} record` };
  const valid: [string, AnnouncedEntry][] = [];
  let invalid = 0;
  for (const raw of file.data.entries) {
    const entry = file.data.version === 1 ? entryV1.safeParse(raw) : entryV2.safeParse(raw);
    if (!entry.success) invalid += 1;
    else {
      const { id, firstSeenAt, leftAt, acknowledgedAt } = entry.data;
      const slip = 'slip' in entry.data ? entry.data.slip : undefined;
      valid.push([id, { firstSeenAt, leftAt, acknowledgedAt, ...(slip !== undefined ? { slip } : {}) }]);
    }
  }
  return { kind: 'parsed', valid, invalid };
}

export interface AnnouncedFileStoreOptions {
  /** Folder that holds the record (created on first save). */
  dir: string;
  /** The connection the record belongs to, which names the file; without it, ANNOUNCED_FILE_NAME. */
  scope?: AnnouncedScope;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
  /** Replaced by tests to simulate a full disk or a file this user may not read (root reads any file). */
  open?: typeof openFile;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Keeps the most recently active entries when there are too many. */
function bounded(entries: Iterable<[string, AnnouncedEntry]>, max: number): [string, AnnouncedEntry][] {
  const list = [...entries];
  if (list.length <= max) return list;
  const activity = ([, e]: [string, AnnouncedEntry]) => (e.leftAt === null ? Infinity : Math.max(e.leftAt, e.firstSeenAt));
  return list.sort((a, b) => activity(b) - activity(a)).slice(0, max);
}

const mayBeAnnouncedAgain = 'Orders still pending may be announced once more.';

/**
 * The announced-orders record as a JSON file. Writes are atomic (temp file, fsync, rename), so a
 * crash leaves the old or the new record, never half of one; a failed write removes its temp file.
 * A file that can never be a record (damaged, too large, not a regular file) is moved aside as a
 * backup and the watch starts empty; one with some invalid entries is backed up and its valid
 * entries written back at once; one this user may not read is left in place and replaced by the
 * next save. At worst, orders still pending are announced once more.
 */
export function createAnnouncedFileStore(options: AnnouncedFileStoreOptions): AnnouncedStore & { readonly path: string } {
  const { dir } = options;
  const fileName = options.scope ? announcedFileName(options.scope) : ANNOUNCED_FILE_NAME;
  const path = join(dir, fileName);
  const legacy = options.scope ? legacyFileName(options.scope) : null;
  const maxEntries = options.maxEntries ?? MAX_ANNOUNCED_ENTRIES;
  const maxBytes = options.maxBytes ?? MAX_ANNOUNCED_FILE_BYTES;
  const now = options.now ?? Date.now;
  const open = options.open ?? openFile;
  /** The old-named record this run loaded; removed once the record is saved under the new name. */
  let migratedFrom: string | null = null;

  const backupPath = (file: string) => `${file}.bad-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;

  async function moveAside(file: string, reason: string): Promise<string> {
    const backup = backupPath(file);
    try {
      await rename(file, backup);
    } catch (cause) {
      return `The announced-orders record ${file} is unreadable (${reason}) and could not be moved aside (${describe(cause)}). ${mayBeAnnouncedAgain}`;
    }
    await pruneBackups(basename(file));
    return `The announced-orders record ${file} was unreadable (${reason}); it was moved aside to ${backup}. ${mayBeAnnouncedAgain}`;
  }

  async function pruneBackups(name: string): Promise<void> {
    const prefix = `${name}.bad-`;
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix)).sort();
    for (const old of names.slice(0, Math.max(0, names.length - MAX_BACKUPS))) {
      await rm(join(dir, old), { force: true }).catch(() => undefined);
    }
  }

  /** Temp files of a write that crashed before its rename (old enough not to be a write in progress). */
  async function removeStaleTempFiles(): Promise<void> {
    const prefix = `${fileName}.tmp-`;
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(prefix))) {
      const file = join(dir, name);
      const modified = await stat(file).then((s) => s.mtimeMs, () => null);
      if (modified !== null && now() - modified > STALE_TEMP_MS) await rm(file, { force: true }).catch(() => undefined);
    }
  }

  async function readFileAt(file: string): Promise<ReadResult> {
    let handle: FileHandle;
    try {
      handle = await open(file, OPEN_FOR_READING);
    } catch (cause) {
      return classifyReadError(cause);
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { kind: 'damaged', reason: `not a regular file (${fileKind(info)})` };
      if (info.size > maxBytes) return { kind: 'damaged', reason: `${info.size} bytes, more than ${maxBytes} bytes` };
      const bytes = await readBounded(handle, maxBytes);
      return bytes ? { kind: 'read', bytes } : { kind: 'damaged', reason: `more than ${maxBytes} bytes` };
    } catch (cause) {
      return classifyReadError(cause);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** Keeps the original beside the record and writes the valid entries back, so a restart does not lose them. */
  async function repair(file: string, bytes: Buffer, entries: Map<string, AnnouncedEntry>, invalid: number): Promise<string> {
    const dropped = `${invalid} invalid entr${invalid === 1 ? 'y' : 'ies'} dropped, ${entries.size} kept`;
    const backup = backupPath(file);
    const kept = await writeFile(backup, bytes, { mode: 0o600 }).then(
      async () => {
        await pruneBackups(basename(file));
        return `the original was kept as ${backup}`;
      },
      (cause: unknown) => `the original could not be kept (${describe(cause)})`,
    );
    const written = await save(entries).then(
      () => 'written back',
      (cause: unknown) => `not written back (${describe(cause)}); they are saved with the next change`,
    );
    return `The announced-orders record ${file} had damaged entries: ${dropped} and ${written}; ${kept}.`;
  }

  async function load(): Promise<{ entries: Map<string, AnnouncedEntry>; warning: string | null }> {
    const empty = new Map<string, AnnouncedEntry>();
    await removeStaleTempFiles();
    let file = path;
    let read = await readFileAt(path);
    if (read.kind === 'missing' && legacy) {
      file = join(dir, legacy);
      read = await readFileAt(file);
    }
    switch (read.kind) {
      case 'missing':
        return { entries: empty, warning: null };
      case 'denied':
        return {
          entries: empty,
          warning: `The announced-orders record ${file} cannot be read: ${read.reason}. It was left in place; the next save ${file === path ? 'replaces it' : `writes ${path} instead`}. ${mayBeAnnouncedAgain}`,
        };
      case 'damaged':
        return { entries: empty, warning: await moveAside(file, read.reason) };
    }
    const parsed = parseRecord(read.bytes);
    if (parsed.kind === 'damaged') return { entries: empty, warning: await moveAside(file, parsed.reason) };
    if (file !== path) migratedFrom = file;
    const entries = new Map(bounded(parsed.valid, maxEntries));
    if (parsed.invalid === 0) return { entries, warning: null };
    return { entries, warning: await repair(file, read.bytes, entries, parsed.invalid) };
  }

  async function save(entries: ReadonlyMap<string, AnnouncedEntry>): Promise<void> {
    const body = JSON.stringify({
      version: ANNOUNCED_FILE_VERSION,
      savedAt: new Date(now()).toISOString(),
      entries: bounded(entries, maxEntries).map(([id, e]) => ({
        id,
        firstSeenAt: e.firstSeenAt,
        leftAt: e.leftAt,
        acknowledgedAt: e.acknowledgedAt,
        ...(e.slip !== undefined ? { slip: e.slip } : {}),
      })),
    });
    await mkdir(dir, { recursive: true });
    const temp = `${path}.tmp-${process.pid}-${now()}-${Math.random().toString(36).slice(2, 8)}`;
    // Exclusive: the name is new, so a failure below removes only a file this save created.
    const handle = await open(temp, 'wx', 0o600);
    try {
      try {
        await handle.writeFile(body, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await renameWithRetry(temp, path);
    } catch (cause) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw cause;
    }
    await syncDirectory(dir);
    if (migratedFrom) {
      const old = migratedFrom;
      await rm(old, { force: true }).then(() => {
        if (migratedFrom === old) migratedFrom = null;
      }, () => undefined);
    }
  }

  return { path, load, save };
}

/** Windows refuses a rename while a scanner holds the target open for a moment; retry briefly with backoff. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (cause) {
      const code = errorCode(cause);
      if (attempt >= RENAME_ATTEMPTS || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw cause;
      await sleep(25 * 2 ** attempt);
    }
  }
}

/** Makes the rename itself durable on POSIX; Windows cannot open a folder for fsync and needs no such step. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await openFile(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    return;
  }
}
