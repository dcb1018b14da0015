/**
 * Source comments cite the API facts by section (`docs/clopos-api.md "Statuses"`): every cited
 * section exists in docs/clopos-api.md, so a contributor following a comment finds the fact.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const DOC = readFileSync(path.join(ROOT, 'docs', 'clopos-api.md'), 'utf8');
const headings = new Set([...DOC.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]!.trim()));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full);
    return /\.(ts|tsx|mjs)$/.test(name) ? [full] : [];
  });
}

describe('docs/clopos-api.md', () => {
  it('has every section a source comment cites', () => {
    const cited: { file: string; section: string }[] = [];
    for (const file of ['main', 'sim', 'common', 'test', 'preview'].flatMap((dir) => sources(path.join(ROOT, dir)))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/clopos-api\.md:? "([^"\n]+)"/g)) cited.push({ file: path.relative(ROOT, file), section: m[1]! });
    }
    expect(cited.length).toBeGreaterThan(5);
    expect(cited.filter((c) => !headings.has(c.section))).toEqual([]);
  });

  it('comments point at the file in the repository', () => {
    const bare = ['main', 'sim', 'test']
      .flatMap((dir) => sources(path.join(ROOT, dir)))
      .filter((file) => /(?<!docs\/)clopos-api\.md/.test(readFileSync(file, 'utf8')) && !file.endsWith('api-citations.test.ts'));
    expect(bare.map((file) => path.relative(ROOT, file))).toEqual([]);
  });
});
