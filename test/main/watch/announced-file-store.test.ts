import { execFileSync } from 'node:child_process';
import { closeSync, constants as fsConstants, openSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ANNOUNCED_FILE_NAME,
  announcedFileName,
  classifyReadError,
  createAnnouncedFileStore,
  type AnnouncedFileStoreOptions,
} from '../../../main/watch/announced-file-store';
import type { AnnouncedEntry } from '../../../main/watch/types';

let dir: string;
const NOW = Date.UTC(2025, 0, 6, 12, 0, 0);
const BACKUP = 'announced.json.bad-2025-01-06T12-00-00-000Z';
const POSIX = process.platform !== 'win32';
/** Root reads a file whatever its mode, so a chmod 000 file proves nothing when the tests run as root. */
const ROOT = process.getuid?.() === 0;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'announced-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const store = (extra: Partial<AnnouncedFileStoreOptions> = {}) => createAnnouncedFileStore({ dir, now: () => NOW, ...extra });
const sample = new Map<string, AnnouncedEntry>([
  ['101', { firstSeenAt: NOW - 5_000, leftAt: null, acknowledgedAt: NOW - 2_000 }],
  ['ORD-7', { firstSeenAt: NOW - 90_000, leftAt: NOW - 30_000, acknowledgedAt: null }],
]);
const files = async () => (await readdir(dir)).sort();
const recordPath = () => join(dir, ANNOUNCED_FILE_NAME);
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated failure`), { code });

/** Resolves with the promise's value, or rejects when it takes longer than `ms` (a hang, not slowness). */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('announced file store', () => {
  it('starts empty without a warning when there is no file yet', async () => {
    expect(await createAnnouncedFileStore({ dir: join(dir, 'not-yet') }).load()).toEqual({ entries: new Map(), warning: null });
  });

  it('round-trips entries, acknowledgements included, through a version 2 file and leaves no temp file', async () => {
    await store().save(sample);
    expect(await files()).toEqual([ANNOUNCED_FILE_NAME]);
    const json = JSON.parse(await readFile(recordPath(), 'utf8'));
    expect(json.version).toBe(2);
    expect(json.entries).toContainEqual({ id: '101', firstSeenAt: NOW - 5_000, leftAt: null, acknowledgedAt: NOW - 2_000 });
    expect(await store().load()).toEqual({ entries: sample, warning: null });
  });

  it('keeps each order\'s slip with its entry: due, printed at, or none', async () => {
    const withSlips = new Map<string, AnnouncedEntry>([
      ['1', { firstSeenAt: NOW - 5_000, leftAt: null, acknowledgedAt: null, slip: 'due' }],
      ['2', { firstSeenAt: NOW - 5_000, leftAt: null, acknowledgedAt: null, slip: NOW - 1_000 }],
      ['3', { firstSeenAt: NOW - 5_000, leftAt: null, acknowledgedAt: null }],
    ]);
    await store().save(withSlips);
    expect(await store().load()).toEqual({ entries: withSlips, warning: null });
    // A slip that is neither "due" nor a time is a damaged entry: dropped, never printed twice by guess.
    const json = JSON.parse(await readFile(recordPath(), 'utf8'));
    json.entries[0].slip = 'printed?';
    await writeFile(recordPath(), JSON.stringify(json));
    const loaded = await store().load();
    expect([...loaded.entries.keys()].sort()).toEqual(['2', '3']);
    expect(loaded.warning).toMatch(/damaged entries/);
  });

  it('loads a version 1 record (before acknowledgements were kept) with nothing acknowledged', async () => {
    await writeFile(
      recordPath(),
      JSON.stringify({ version: 1, savedAt: '2025-01-06T11:00:00.000Z', entries: [{ id: '101', firstSeenAt: NOW - 5_000, leftAt: null }] }),
    );
    expect(await store().load()).toEqual({
      entries: new Map([['101', { firstSeenAt: NOW - 5_000, leftAt: null, acknowledgedAt: null }]]),
      warning: null,
    });
  });

  it('creates the state folder on first save', async () => {
    const nested = createAnnouncedFileStore({ dir: join(dir, 'a', 'b') });
    await nested.save(sample);
    expect((await nested.load()).entries).toEqual(sample);
  });

  it('replaces the old record in one step: a crashed write leaves the old record readable', async () => {
    await store().save(sample);
    // What a crash between writing the temp file and renaming it leaves behind.
    const temp = join(dir, `${ANNOUNCED_FILE_NAME}.tmp-999-1-abc`);
    await writeFile(temp, '{"version":2,"entr');
    const old = new Date(NOW - 10 * 60_000);
    await utimes(temp, old, old);
    expect(await store().load()).toEqual({ entries: sample, warning: null });
    expect(await files()).toEqual([ANNOUNCED_FILE_NAME]);
  });

  it('keeps a fresh temp file that may belong to a write in progress', async () => {
    await store().save(sample);
    const temp = join(dir, `${ANNOUNCED_FILE_NAME}.tmp-999-1-abc`);
    await writeFile(temp, '{}');
    await createAnnouncedFileStore({ dir }).load();
    expect(await files()).toContain(`${ANNOUNCED_FILE_NAME}.tmp-999-1-abc`);
  });

  const corrupt: [string, string | Buffer][] = [
    ['truncated', '{"version":2,"entries":[{"id":"1","firstSe'],
    ['garbage', '\u0000\u0001not json at all'],
    ['empty', ''],
    ['wrong-typed', '{"version":2,"entries":"101"}'],
    ['a future version', '{"version":3,"entries":[]}'],
    ['a JSON array', '[1,2,3]'],
    ['invalid UTF-8', Buffer.concat([Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('{"version":2,"entries":[]}')])],
  ];
  it.each(corrupt)('starts empty from a %s file, keeps it as a backup and warns', async (_name, content) => {
    await writeFile(recordPath(), content);
    const { entries, warning } = await store().load();
    expect(entries.size).toBe(0);
    expect(warning).toContain(`was unreadable`);
    expect(warning).toContain(`moved aside to ${join(dir, BACKUP)}`);
    expect(warning).toMatch(/announced once more/);
    expect(await files()).toEqual([BACKUP]);
    expect(await readFile(join(dir, BACKUP))).toEqual(Buffer.from(content));
    await store().save(sample);
    expect((await store().load()).entries).toEqual(sample);
  });

  it('says so when a file is not valid UTF-8, rather than reading it as something else', async () => {
    await writeFile(recordPath(), Buffer.concat([Buffer.from('{"version":2,"entries":[], "x":"'), Buffer.from([0xff]), Buffer.from('"}')]));
    const { entries, warning } = await store().load();
    expect(entries.size).toBe(0);
    expect(warning).toMatch(/not valid UTF-8/);
  });

  describe('a record with some invalid entries', () => {
    const content = JSON.stringify({
      version: 2,
      entries: [{ id: '1', firstSeenAt: NOW, leftAt: null, acknowledgedAt: NOW + 1 }, { id: 2, firstSeenAt: 'yesterday' }, null],
    });
    const kept = new Map([['1', { firstSeenAt: NOW, leftAt: null, acknowledgedAt: NOW + 1 }]]);

    it('keeps the valid entries and says how many were dropped and where the original is', async () => {
      await writeFile(recordPath(), content);
      const { entries, warning } = await store().load();
      expect(entries).toEqual(kept);
      expect(warning).toMatch(/2 invalid entries dropped, 1 kept/);
      expect(warning).toContain(join(dir, BACKUP));
      expect(await readFile(join(dir, BACKUP), 'utf8')).toBe(content);
    });

    it('writes the valid entries back at once, so a restart right after neither warns again nor forgets them', async () => {
      await writeFile(recordPath(), content);
      await store().load();
      // A crash before the engine's first save: the next start must still know order 1 and when it was first seen.
      expect(await store({ now: () => NOW + 60_000 }).load()).toEqual({ entries: kept, warning: null });
      expect(await files()).toEqual([ANNOUNCED_FILE_NAME, BACKUP]);
    });

    it('a v2 entry without acknowledgedAt is invalid, a v1 entry never has one', async () => {
      await writeFile(recordPath(), JSON.stringify({ version: 2, entries: [{ id: '1', firstSeenAt: NOW, leftAt: null }] }));
      expect((await store().load()).warning).toMatch(/1 invalid entry dropped, 0 kept/);
    });
  });

  it('refuses a huge file without reading it', async () => {
    await writeFile(recordPath(), JSON.stringify({ version: 2, entries: [], pad: 'x'.repeat(2_000) }));
    const { entries, warning } = await store({ maxBytes: 1_000 }).load();
    expect(entries.size).toBe(0);
    expect(warning).toMatch(/more than 1000 bytes/);
    expect(await files()).toEqual([BACKUP]);
  });

  it.skipIf(process.platform !== 'linux')('stops reading at the size bound even when the file claims to be empty', async () => {
    // /proc files are regular files of size 0 whatever they hold: only the bounded read stops there.
    await symlink('/proc/self/status', recordPath());
    const { entries, warning } = await store({ maxBytes: 100 }).load();
    expect(entries.size).toBe(0);
    expect(warning).toMatch(/unreadable \(more than 100 bytes\)/);
  });

  it('bounds the record, keeping the most recent entries', async () => {
    const many = new Map<string, AnnouncedEntry>();
    for (let i = 0; i < 10; i += 1) many.set(`id-${i}`, { firstSeenAt: NOW - 100_000 + i, leftAt: NOW - 50_000 + i, acknowledgedAt: null });
    many.set('still-pending', { firstSeenAt: NOW - 999_999, leftAt: null, acknowledgedAt: null });
    await store({ maxEntries: 4 }).save(many);
    const loaded = (await store({ maxEntries: 100 }).load()).entries;
    expect([...loaded.keys()].sort()).toEqual(['id-7', 'id-8', 'id-9', 'still-pending']);
  });

  it('keeps no more than five backups of bad files', async () => {
    for (let i = 0; i < 7; i += 1) {
      await writeFile(recordPath(), 'garbage');
      await createAnnouncedFileStore({ dir, now: () => NOW + i * 1000 }).load();
    }
    const backups = (await files()).filter((f) => f.includes('.bad-'));
    expect(backups).toHaveLength(5);
    expect(backups[0]).toContain('12-00-02');
  });

  describe('something other than a regular file at the record path', () => {
    it.skipIf(!POSIX)('refuses a FIFO at once instead of waiting for a writer, and moves it aside', async () => {
      const fifo = recordPath();
      execFileSync('mkfifo', [fifo]);
      const loading = store().load();
      try {
        const { entries, warning } = await within(500, loading);
        expect(entries.size).toBe(0);
        expect(warning).toMatch(/not a regular file \(a FIFO\)/);
        expect(warning).toContain(`moved aside to ${join(dir, BACKUP)}`);
        expect(await files()).toEqual([BACKUP]);
      } finally {
        // Before the fix the reader blocks in open(); a writer lets it go so the test run can end.
        try {
          closeSync(openSync(fifo, fsConstants.O_WRONLY | fsConstants.O_NONBLOCK));
        } catch {
          // No reader waiting: nothing to release.
        }
      }
      await store().save(sample);
      expect((await store().load()).entries).toEqual(sample);
    });

    it.skipIf(!POSIX).each(['/dev/null', '/dev/zero', '/dev/urandom'])(
      'refuses a link to the character device %s at once without reading it, and moves the link aside',
      async (device) => {
        await symlink(device, recordPath());
        const { entries, warning } = await within(500, store().load());
        expect(entries.size).toBe(0);
        expect(warning).toMatch(/not a regular file \(a character device\)/);
        expect(await files()).toEqual([BACKUP]);
        await store().save(sample);
        expect((await store().load()).entries).toEqual(sample);
      },
    );

    it('moves a folder at the record path aside, so saving works again', async () => {
      await mkdir(recordPath());
      await writeFile(join(recordPath(), 'inside.txt'), 'kept');
      const { warning } = await store().load();
      expect(warning).toMatch(/not a regular file \(a folder\)/);
      expect(await readFile(join(dir, BACKUP, 'inside.txt'), 'utf8')).toBe('kept');
      await store().save(sample);
      expect((await store().load()).entries).toEqual(sample);
    });

    it.skipIf(!POSIX)('reads a record reached through a link to a regular file', async () => {
      await store().save(sample);
      await rename(recordPath(), join(dir, 'elsewhere.json'));
      await symlink(join(dir, 'elsewhere.json'), recordPath());
      expect(await store().load()).toEqual({ entries: sample, warning: null });
    });
  });

  describe('a record this user may not read', () => {
    const readDenied = (code: string): typeof open =>
      (async (...args: Parameters<typeof open>) => {
        if (typeof args[1] === 'number' && (args[1] & (fsConstants.O_WRONLY | fsConstants.O_RDWR)) === 0) throw fsError(code);
        return open(...args);
      }) as typeof open;

    it.each(['EACCES', 'EPERM'])('reports %s as permission denied, not as damage, and leaves the file in place', async (code) => {
      await store().save(sample);
      const before = await readFile(recordPath());
      const { entries, warning } = await store({ open: readDenied(code) }).load();
      expect(entries.size).toBe(0);
      expect(warning).toContain(`cannot be read: permission denied (${code})`);
      expect(warning).not.toMatch(/JSON|unreadable|moved aside/);
      expect(await files()).toEqual([ANNOUNCED_FILE_NAME]);
      expect(await readFile(recordPath())).toEqual(before);
    });

    it.skipIf(!POSIX || ROOT)('reports a real chmod 000 file as permission denied (skipped as root: root reads any file)', async () => {
      await store().save(sample);
      await chmod(recordPath(), 0o000);
      const { warning } = await store().load();
      expect(warning).toContain('cannot be read: permission denied (EACCES)');
      expect(await files()).toEqual([ANNOUNCED_FILE_NAME]);
    });

    it('replaces the unreadable file at the next save, so the following start reads this run’s record', async () => {
      await store().save(new Map([['old', { firstSeenAt: NOW - 1, leftAt: null, acknowledgedAt: null }]]));
      await store({ open: readDenied('EACCES') }).load();
      await store().save(sample);
      expect(await store().load()).toEqual({ entries: sample, warning: null });
    });
  });

  describe('a failing save', () => {
    const failingHandle = (method: 'writeFile' | 'sync' | 'close'): typeof open =>
      (async (...args: Parameters<typeof open>) => {
        const handle = await open(...args);
        if (typeof args[1] === 'string' && args[1].includes('w')) {
          const real = handle.close.bind(handle);
          const fail = async () => {
            if (method === 'close') await real();
            throw fsError('ENOSPC');
          };
          if (method === 'close') handle.close = fail;
          else handle[method] = fail;
        }
        return handle;
      }) as typeof open;

    it.each(['writeFile', 'sync', 'close'] as const)('leaves no temp file behind when %s fails, however often', async (method) => {
      const failing = store({ open: failingHandle(method) });
      for (let i = 0; i < 20; i += 1) await expect(failing.save(sample)).rejects.toThrow(/ENOSPC/);
      expect(await files()).toEqual([]);
    });

    it('leaves no temp file behind when the rename fails, and the old record stays readable', async () => {
      await mkdir(recordPath());
      await writeFile(join(recordPath(), 'blocks-the-rename'), '');
      for (let i = 0; i < 20; i += 1) await expect(store().save(sample)).rejects.toThrow();
      expect((await files()).filter((f) => f.includes('.tmp-'))).toEqual([]);
    });
  });
});

describe('classifyReadError', () => {
  it('tells a missing file, a permission problem, something that is not a file, and other failures apart', () => {
    expect(classifyReadError(fsError('ENOENT'))).toEqual({ kind: 'missing' });
    expect(classifyReadError(fsError('EACCES'))).toEqual({ kind: 'denied', reason: 'permission denied (EACCES)' });
    expect(classifyReadError(fsError('EPERM'))).toEqual({ kind: 'denied', reason: 'permission denied (EPERM)' });
    expect(classifyReadError(fsError('EISDIR'))).toEqual({ kind: 'damaged', reason: 'not a regular file (a folder)' });
    expect(classifyReadError(fsError('ELOOP'))).toEqual({ kind: 'damaged', reason: 'not a regular file (a loop of links)' });
    expect(classifyReadError(fsError('EIO'))).toEqual({ kind: 'denied', reason: 'EIO: simulated failure' });
    expect(classifyReadError('odd')).toEqual({ kind: 'denied', reason: 'odd' });
  });
});

describe('announcedFileName', () => {
  const prod = { api: 'v2', brand: 'openapitest', baseUrl: 'https://integrations.clopos.com/open-api' };

  it('keeps one record per API generation, brand and server, readable by api and brand', () => {
    expect(announcedFileName(prod)).toMatch(/^announced-v2-openapitest-[0-9a-f]{10}\.json$/);
    expect(announcedFileName({ ...prod, brand: 'other' })).not.toBe(announcedFileName(prod));
    expect(announcedFileName({ ...prod, api: 'v1' })).not.toBe(announcedFileName(prod));
    expect(announcedFileName('demo')).toBe('announced-demo.json');
  });

  it('gives a test server and the production server of the same brand separate records', () => {
    expect(announcedFileName({ ...prod, baseUrl: 'https://test.clopos.com/open-api' })).not.toBe(announcedFileName(prod));
    expect(announcedFileName({ ...prod, baseUrl: 'http://127.0.0.1:4010' })).not.toBe(announcedFileName({ ...prod, baseUrl: 'http://127.0.0.1:4011' }));
    expect(announcedFileName({ ...prod, baseUrl: 'https://integrations.clopos.com/other-api' })).not.toBe(announcedFileName(prod));
  });

  it('names the same server the same however its address is written', () => {
    for (const baseUrl of ['https://INTEGRATIONS.clopos.com/open-api/', 'https://integrations.clopos.com:443/open-api', ' https://integrations.clopos.com/open-api?x=1 ']) {
      expect(announcedFileName({ ...prod, baseUrl })).toBe(announcedFileName(prod));
    }
  });

  it('cannot be steered outside the folder by a hostile brand or address', () => {
    for (const brand of ['../../etc/passwd', '..', 'a/b\\c', '', 'x'.repeat(500)]) {
      const name = announcedFileName({ api: 'v2', brand, baseUrl: '../../x' });
      expect(name).toMatch(/^announced-v2-[A-Za-z0-9_-]+\.json$/);
      expect(name).not.toContain('/');
      expect(name).not.toContain('..');
      expect(name.length).toBeLessThan(120);
    }
  });
});

describe('upgrading from a record named without the server', () => {
  const scope = { api: 'v2', brand: 'openapitest', baseUrl: 'https://integrations.clopos.com/open-api' };
  const legacy = () => join(dir, 'announced-v2-openapitest.json');
  const v1 = JSON.stringify({ version: 1, entries: [{ id: '101', firstSeenAt: NOW - 5_000, leftAt: null }] });
  const fromV1 = new Map([['101', { firstSeenAt: NOW - 5_000, leftAt: null, acknowledgedAt: null }]]);

  it('loads the old record once, so the upgrade announces nothing again, then saves under the new name and removes the old', async () => {
    await writeFile(legacy(), v1);
    const upgraded = store({ scope });
    expect(await upgraded.load()).toEqual({ entries: fromV1, warning: null });
    await upgraded.save(sample);
    expect(await files()).toEqual([announcedFileName(scope)]);
    expect(await store({ scope }).load()).toEqual({ entries: sample, warning: null });
  });

  it('keeps the old record while the new one could not be saved', async () => {
    await writeFile(legacy(), v1);
    const upgraded = store({
      scope,
      open: (async (...args: Parameters<typeof open>) => {
        if (typeof args[1] === 'string') throw fsError('ENOSPC');
        return open(...args);
      }) as typeof open,
    });
    await upgraded.load();
    await expect(upgraded.save(sample)).rejects.toThrow(/ENOSPC/);
    expect(await files()).toEqual(['announced-v2-openapitest.json']);
    expect((await store({ scope }).load()).entries).toEqual(fromV1);
  });

  it('prefers the new record and leaves an old one it did not read alone', async () => {
    await writeFile(legacy(), v1);
    await writeFile(join(dir, announcedFileName(scope)), JSON.stringify({ version: 2, entries: [] }));
    const current = store({ scope });
    expect(await current.load()).toEqual({ entries: new Map(), warning: null });
    await current.save(sample);
    expect(await files()).toEqual([announcedFileName(scope), 'announced-v2-openapitest.json'].sort());
  });

  it('has no old name for the demo, whose name did not change', async () => {
    await writeFile(join(dir, 'announced-demo.json'), v1);
    expect((await store({ scope: 'demo' }).load()).entries).toEqual(fromV1);
  });
});
