/**
 * The Node versions the project states are the ones it is developed and tested with: `engines`
 * admits the Node running these tests and every version .nvmrc names, @types/node types the
 * oldest Node admitted (so code cannot use an API the tests' Node lacks), and the build tools'
 * own engine ranges are inside ours.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };

describe('toolchain', () => {
  it('engines admits the Node running the tests and the one .nvmrc names', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
    const nvmrc = readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim();
    expect(semver.satisfies(semver.coerce(nvmrc)!, pkg.engines.node)).toBe(true);
  });

  it('@types/node is the oldest Node engines admits', () => {
    const oldest = semver.minVersion(pkg.engines.node)!;
    expect(semver.minVersion(pkg.devDependencies['@types/node']!)!.major).toBe(oldest.major);
    expect(semver.minVersion(pkg.devDependencies['@types/node']!)!.minor).toBeGreaterThanOrEqual(oldest.minor);
  });

  it('every Node engines admits is one the build tools (vite, vitest) accept', () => {
    for (const tool of ['vite', 'vitest']) {
      const range = lock.packages[`node_modules/${tool}`]?.engines?.node;
      expect([tool, range && semver.subset(pkg.engines.node, range)]).toEqual([tool, true]);
    }
  });
});
