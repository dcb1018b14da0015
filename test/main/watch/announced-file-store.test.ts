import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOUNCED_FILE_NAME, announcedFileName, createAnnouncedFileStore } from '../../../main/watch/announced-file-store';
import type { AnnouncedEntry } from '../../../main/watch/types';

let dir: string;
const NOW = Date.UTC(2025, 0, 6, 12, 0, 0);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'announced-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const store = (extra: { maxEntries?: number; maxBytes?: number } = {}) => createAnnouncedFileStore({ dir, now: () => NOW, ...extra });
const sample = new Map<string, AnnouncedEntry>([
  ['101', { firstSeenAt: NOW - 5_000, leftAt: null }],
  ['ORD-7', { firstSeenAt: NOW - 90_000, leftAt: NOW - 30_000 }],
]);
const files = async () => (await readdir(dir)).sort();

describe('announced file store', () => {
  it('starts empty without a warning when there is no file yet', async () => {
    expect(await createAnnouncedFileStore({ dir: join(dir, 'not-yet') }).load()).toEqual({ entries: new Map(), warning: null });
  });

  it('round-trips entries through a versioned JSON file and leaves no temp file', async () => {
    await store().save(sample);
    expect(await files()).toEqual([ANNOUNCED_FILE_NAME]);
    const json = JSON.parse(await readFile(join(dir, ANNOUNCED_FILE_NAME), 'utf8'));
    expect(json.version).toBe(1);
    expect(await store().load()).toEqual({ entries: sample, warning: null });
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
    await writeFile(temp, '{"version":1,"entr');
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

  const corrupt: [string, string][] = [
    ['truncated', '{"version":1,"entries":[{"id":"1","firstSe'],
    ['garbage', '\u0000\u0001not json at all'],
    ['empty', ''],
    ['wrong-typed', '{"version":1,"entries":"101"}'],
    ['a future version', '{"version":2,"entries":[]}'],
    ['a JSON array', '[1,2,3]'],
  ];
  it.each(corrupt)('starts empty from a %s file, keeps it as a backup and warns', async (_name, content) => {
    await writeFile(join(dir, ANNOUNCED_FILE_NAME), content);
    const { entries, warning } = await store().load();
    expect(entries.size).toBe(0);
    expect(warning).toMatch(/unreadable.*kept as announced\.json\.bad-2025-01-06T12-00-00-000Z.*announced once more/);
    expect(await files()).toEqual(['announced.json.bad-2025-01-06T12-00-00-000Z']);
    expect(await readFile(join(dir, 'announced.json.bad-2025-01-06T12-00-00-000Z'), 'utf8')).toBe(content);
    await store().save(sample);
    expect((await store().load()).entries).toEqual(sample);
  });

  it('keeps the valid entries of a file with some wrong-typed ones', async () => {
    const content = JSON.stringify({
      version: 1,
      entries: [{ id: '1', firstSeenAt: NOW, leftAt: null }, { id: 2, firstSeenAt: 'yesterday' }, null],
    });
    await writeFile(join(dir, ANNOUNCED_FILE_NAME), content);
    const { entries, warning } = await store().load();
    expect(entries).toEqual(new Map([['1', { firstSeenAt: NOW, leftAt: null }]]));
    expect(warning).toMatch(/2 invalid entries dropped, 1 kept/);
  });

  it('refuses a huge file without reading it', async () => {
    await writeFile(join(dir, ANNOUNCED_FILE_NAME), JSON.stringify({ version: 1, entries: [], pad: 'x'.repeat(2_000) }));
    const { entries, warning } = await store({ maxBytes: 1_000 }).load();
    expect(entries.size).toBe(0);
    expect(warning).toMatch(/more than 1000/);
  });

  it('bounds the record, keeping the most recent entries', async () => {
    const many = new Map<string, AnnouncedEntry>();
    for (let i = 0; i < 10; i += 1) many.set(`id-${i}`, { firstSeenAt: NOW - 100_000 + i, leftAt: NOW - 50_000 + i });
    many.set('still-pending', { firstSeenAt: NOW - 999_999, leftAt: null });
    await store({ maxEntries: 4 }).save(many);
    const loaded = (await store({ maxEntries: 100 }).load()).entries;
    expect([...loaded.keys()].sort()).toEqual(['id-7', 'id-8', 'id-9', 'still-pending']);
  });

  it('keeps no more than five backups of bad files', async () => {
    for (let i = 0; i < 7; i += 1) {
      await writeFile(join(dir, ANNOUNCED_FILE_NAME), 'garbage');
      await createAnnouncedFileStore({ dir, now: () => NOW + i * 1000 }).load();
    }
    const backups = (await files()).filter((f) => f.includes('.bad-'));
    expect(backups).toHaveLength(5);
    expect(backups[0]).toContain('12-00-02');
  });
});

describe('announcedFileName', () => {
  it('keeps one record per API generation and brand, so a new brand never inherits announced ids', () => {
    expect(announcedFileName({ api: 'v2', brand: 'openapitest' })).toBe('announced-v2-openapitest.json');
    expect(announcedFileName({ api: 'v2', brand: 'other' })).not.toBe(announcedFileName({ api: 'v2', brand: 'openapitest' }));
    expect(announcedFileName({ api: 'v1', brand: 'openapitest' })).not.toBe(announcedFileName({ api: 'v2', brand: 'openapitest' }));
    expect(announcedFileName('demo')).toBe('announced-demo.json');
  });

  it('cannot be steered outside the folder by a hostile brand', () => {
    for (const brand of ['../../etc/passwd', '..', 'a/b\\c', '', 'x'.repeat(500)]) {
      const name = announcedFileName({ api: 'v2', brand });
      expect(name).toMatch(/^announced-v2-[A-Za-z0-9_-]+\.json$/);
      expect(name).not.toContain('/');
      expect(name).not.toContain('..');
      expect(name.length).toBeLessThan(120);
    }
  });
});
