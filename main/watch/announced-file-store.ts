import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { MAX_ANNOUNCED_ENTRIES } from './order-tracker';
import type { AnnouncedEntry, AnnouncedStore } from './types';

export const ANNOUNCED_FILE_VERSION = 1;
export const ANNOUNCED_FILE_NAME = 'announced.json';
/** A record of MAX_ANNOUNCED_ENTRIES takes well under 1 MB; anything far larger is not ours. */
export const MAX_ANNOUNCED_FILE_BYTES = 4 * 1024 * 1024;
/** Backups of unreadable files kept beside the record; older ones are deleted. */
const MAX_BACKUPS = 5;
const RENAME_ATTEMPTS = 4;
const STALE_TEMP_MS = 60_000;

const epochMs = z.number().int().nonnegative();
const entrySchema = z.object({ id: z.string().min(1).max(200), firstSeenAt: epochMs, leftAt: epochMs.nullable() });
const fileSchema = z.object({ version: z.literal(ANNOUNCED_FILE_VERSION), entries: z.array(z.unknown()) });

/**
 * One record per API generation and brand: order ids are only unique within a brand, so a record
 * shared across brands could take a new brand's order for one announced before and stay silent.
 */
export function announcedFileName(scope: { api: string; brand: string } | 'demo'): string {
  if (scope === 'demo') return 'announced-demo.json';
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || '_';
  return `announced-${safe(scope.api)}-${safe(scope.brand)}.json`;
}

export interface AnnouncedFileStoreOptions {
  /** Folder that holds the record (created on first save). */
  dir: string;
  fileName?: string;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errorCode = (cause: unknown): string | undefined =>
  typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/** Keeps the most recently active entries when there are too many. */
function bounded(entries: Iterable<[string, AnnouncedEntry]>, max: number): [string, AnnouncedEntry][] {
  const list = [...entries];
  if (list.length <= max) return list;
  const activity = ([, e]: [string, AnnouncedEntry]) => (e.leftAt === null ? Infinity : Math.max(e.leftAt, e.firstSeenAt));
  return list.sort((a, b) => activity(b) - activity(a)).slice(0, max);
}

/**
 * The announced-orders record as a JSON file. Writes are atomic (temp file, fsync, rename), so a
 * crash leaves the old or the new record, never half of one. An unreadable file is kept as a
 * backup and the watch starts with an empty record: at worst, orders still pending are announced once more.
 */
export function createAnnouncedFileStore(options: AnnouncedFileStoreOptions): AnnouncedStore & { readonly path: string } {
  const fileName = options.fileName ?? ANNOUNCED_FILE_NAME;
  const path = join(options.dir, fileName);
  const maxEntries = options.maxEntries ?? MAX_ANNOUNCED_ENTRIES;
  const maxBytes = options.maxBytes ?? MAX_ANNOUNCED_FILE_BYTES;
  const now = options.now ?? Date.now;

  async function keepAsBackup(reason: string): Promise<string> {
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    const backup = `${path}.bad-${stamp}`;
    try {
      await rename(path, backup);
    } catch (cause) {
      return `The announced-orders record ${path} is unreadable (${reason}) and could not be moved aside (${describe(cause)}). Orders still pending may be announced once more.`;
    }
    await pruneBackups();
    return `The announced-orders record ${path} was unreadable (${reason}); it was kept as ${basename(backup)}. Orders still pending may be announced once more.`;
  }

  async function pruneBackups(): Promise<void> {
    const prefix = `${fileName}.bad-`;
    const names = (await readdir(options.dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix)).sort();
    for (const old of names.slice(0, Math.max(0, names.length - MAX_BACKUPS))) {
      await rm(join(options.dir, old), { force: true }).catch(() => undefined);
    }
  }

  /** Temp files of a write that crashed before its rename (old enough not to be a write in progress). */
  async function removeStaleTempFiles(): Promise<void> {
    const prefix = `${fileName}.tmp-`;
    const names = await readdir(options.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(prefix))) {
      const file = join(options.dir, name);
      const modified = await stat(file).then((s) => s.mtimeMs, () => null);
      if (modified !== null && now() - modified > STALE_TEMP_MS) await rm(file, { force: true }).catch(() => undefined);
    }
  }

  async function load(): Promise<{ entries: Map<string, AnnouncedEntry>; warning: string | null }> {
    const empty = new Map<string, AnnouncedEntry>();
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (cause) {
      if (errorCode(cause) === 'ENOENT') return { entries: empty, warning: null };
      return { entries: empty, warning: `Cannot read the announced-orders record ${path}: ${describe(cause)}. Orders still pending may be announced once more.` };
    }
    await removeStaleTempFiles();
    if (size > maxBytes) return { entries: empty, warning: await keepAsBackup(`${size} bytes, more than ${maxBytes}`) };

    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch (cause) {
      return { entries: empty, warning: await keepAsBackup(`not valid JSON: ${describe(cause)}`) };
    }
    const file = fileSchema.safeParse(parsed);
    if (!file.success) return { entries: empty, warning: await keepAsBackup(`not a version ${ANNOUNCED_FILE_VERSION} record`) };

    const valid: [string, AnnouncedEntry][] = [];
    let invalid = 0;
    for (const raw of file.data.entries) {
      const entry = entrySchema.safeParse(raw);
      if (entry.success) valid.push([entry.data.id, { firstSeenAt: entry.data.firstSeenAt, leftAt: entry.data.leftAt }]);
      else invalid += 1;
    }
    const entries = new Map(bounded(valid, maxEntries));
    if (invalid > 0) {
      const warning = await keepAsBackup(`${invalid} invalid entr${invalid === 1 ? 'y' : 'ies'} dropped, ${entries.size} kept`);
      return { entries, warning };
    }
    return { entries, warning: null };
  }

  async function save(entries: ReadonlyMap<string, AnnouncedEntry>): Promise<void> {
    const body = JSON.stringify({
      version: ANNOUNCED_FILE_VERSION,
      savedAt: new Date(now()).toISOString(),
      entries: bounded(entries, maxEntries).map(([id, e]) => ({ id, firstSeenAt: e.firstSeenAt, leftAt: e.leftAt })),
    });
    await mkdir(options.dir, { recursive: true });
    const temp = `${path}.tmp-${process.pid}-${now()}-${Math.random().toString(36).slice(2, 8)}`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(body, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await renameWithRetry(temp, path);
    } catch (cause) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw cause;
    }
    await syncDirectory(dirname(path));
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
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    return;
  }
}
