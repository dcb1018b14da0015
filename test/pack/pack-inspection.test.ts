/**
 * pack:check's inspection of an app.asar, run on small fixture archives: a clean one passes and
 * each kind of leak a release could carry is caught. (The full packaging run is `npm run
 * pack:check`, in .ci/run.)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without type declarations
import * as packCheck from '../../scripts/pack-check.mjs';

interface Inspection {
  failures: string[];
  facts: { sizeBytes: number; files: number };
}
const { inspectAsar, harvestKnownSecrets, maskSecret, unresolvableRequires } = packCheck as {
  inspectAsar(
    file: string,
    options?: { knownSecrets?: { value: string; source: string }[]; devDependencies?: string[]; budgetBytes?: number },
  ): Inspection;
  harvestKnownSecrets(dirs: string[]): { value: string; source: string }[];
  maskSecret(value: string): string;
  unresolvableRequires(code: string, from: string, has: (name: string) => boolean): string[];
};

const temp = mkdtempSync(path.join(os.tmpdir(), 'pack-inspection-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const CLEAN: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'x', version: '1.0.0', main: 'dist/main/index.cjs', dependencies: { zod: '^4' } }),
  'dist/main/index.cjs': 'const { app } = require("electron");\nconst fs = require("node:fs");\nrequire("./chunk.cjs");\n',
  'dist/main/chunk.cjs': 'module.exports = 1;\n',
  'dist/preload/index.cjs': 'const { contextBridge } = require("electron");\n',
  'dist/renderer/index.html': '<!doctype html><script type="module" crossorigin src="./assets/index-abc.js"></script><link rel="stylesheet" href="./assets/index-abc.css">',
  'dist/renderer/assets/index-abc.js': 'console.log("renderer")',
  'dist/renderer/assets/index-abc.css': 'body{}',
};

let counter = 0;
async function makeAsar(files: Record<string, string>): Promise<string> {
  counter += 1;
  const dir = path.join(temp, `app-${counter}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  const out = path.join(temp, `app-${counter}.asar`);
  await asar.createPackage(dir, out);
  return out;
}

const inspect = async (files: Record<string, string>, options = {}) => inspectAsar(await makeAsar(files), options);

describe('pack:check asar inspection', () => {
  it('passes a clean package: bundles, renderer assets and a package.json pointing at main', async () => {
    const result = await inspect(CLEAN);
    expect(result.failures).toEqual([]);
    expect(result.facts.files).toBe(Object.keys(CLEAN).length);
  });

  it.each([
    ['node_modules', { 'node_modules/zod/index.js': 'x' }, /node_modules shipped/],
    ['tests', { 'dist/main/foo.test.js': 'x' }, /test file shipped/],
    ['TypeScript sources', { 'dist/main/index.ts': 'x' }, /TypeScript source shipped/],
    ['source maps', { 'dist/main/index.cjs.map': '{}' }, /source map shipped/],
    ['stray files', { 'README.md': 'x' }, /unexpected file outside dist/],
    ['inline source maps', { 'dist/renderer/assets/index-abc.js': '//# sourceMappingURL=data:application/json;base64,e30=' }, /inline source map/],
    ['a JWT', { 'dist/main/chunk.cjs': 'const t = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";' }, /JSON Web Token/],
    ['a private key', { 'dist/main/chunk.cjs': '"-----BEGIN PRIVATE KEY-----\\nMIIB"' }, /private key/],
    ['a runtime require of a package', { 'dist/main/chunk.cjs': 'const z = require("zod");' }, /loads "zod" at run time/],
    ['a missing main', { 'package.json': JSON.stringify({ main: 'dist/main/missing.cjs' }) }, /"main" \(dist\/main\/missing.cjs\) does not point/],
    ['devDependencies', { 'package.json': JSON.stringify({ main: 'dist/main/index.cjs', devDependencies: { vitest: '4' } }) }, /devDependencies/],
    ['a renderer asset that is not there', { 'dist/renderer/index.html': '<script src="./assets/gone.js"></script>' }, /references .\/assets\/gone.js/],
    ['an absolute renderer asset path', { 'dist/renderer/index.html': '<script src="/assets/index-abc.js"></script>' }, /absolute path/],
  ])('fails on %s', async (_what, change, message) => {
    const result = await inspect({ ...CLEAN, ...change });
    expect(result.failures.join('\n')).toMatch(message);
  });

  it('fails when a missing preload or renderer entry', async () => {
    const { 'dist/preload/index.cjs': _p, ...noPreload } = CLEAN;
    expect((await inspect(noPreload)).failures.join('\n')).toMatch(/preload entry dist\/preload\/index.cjs is missing/);
  });

  it('finds a known test/demo secret and reports it without printing it', async () => {
    const secret = 'demo-secret-not-for-production';
    const result = await inspect(
      { ...CLEAN, 'dist/main/chunk.cjs': `const creds = { clientSecret: "${secret}" };` },
      { knownSecrets: [{ value: secret, source: 'sim/server.ts' }] },
    );
    expect(result.failures.join('\n')).toContain('known test/demo secret dem…(30 chars) from sim/server.ts');
    expect(result.failures.join('\n')).not.toContain(secret);
    expect(maskSecret(secret)).not.toContain('secret');
  });

  it('detects an archive whose contents do not match the header (e.g. dist changed while packing)', async () => {
    const file = await makeAsar(CLEAN);
    const bytes = readFileSync(file);
    const at = bytes.lastIndexOf(Buffer.from('console.log("renderer")'));
    bytes.write('CONSOLE', at, 'latin1');
    writeFileSync(file, bytes);
    asar.uncacheAll();
    expect(inspectAsar(file).failures.join('\n')).toMatch(/index-abc.js does not match its integrity hash/);
  });

  it('catches a dev dependency or test code bundled into main (from the bundle module comments)', async () => {
    const bundle = '// node_modules/zod/index.js\nvar z = 1;\n// node_modules/@vitest/spy/dist/index.js\nvar spy = 1;\n// test/mocks/electron.ts\nvar fake = 1;\n';
    const result = await inspect({ ...CLEAN, 'dist/main/chunk.cjs': bundle }, { devDependencies: ['@vitest/spy', 'vitest'] });
    const text = result.failures.join('\n');
    expect(text).toMatch(/bundles the dev dependency @vitest\/spy/);
    expect(text).toMatch(/bundles test code: test\/mocks\/electron.ts/);
    expect(text).not.toMatch(/zod/);
  });

  it('refuses the browser preview in the package (its loopback transport is a development tool)', async () => {
    const result = await inspect({ ...CLEAN, 'dist/main/chunk.cjs': '// preview/server.ts\nvar s = 1;\n', 'dist/renderer/preview-bridge.js': 'var b = 1;' });
    const text = result.failures.join('\n');
    expect(text).toMatch(/bundles the browser preview: preview\/server.ts/);
    expect(text).toMatch(/browser preview shipped: dist\/renderer\/preview-bridge.js/);
  });

  it('enforces the size budget', async () => {
    const result = await inspect({ ...CLEAN, 'dist/renderer/assets/big.bin': 'x'.repeat(50_000) }, { budgetBytes: 20_000 });
    expect(result.failures.join('\n')).toMatch(/over the 19.5 KB budget/);
  });
});

describe('secret harvesting', () => {
  it('collects secret-looking literals from tests and the simulator, not env-var names or URLs', () => {
    const dir = path.join(temp, 'harvest');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'a.test.ts'),
      `const a = { clientSecret: 'fixture-secret-123', token: "tok-abc-12345", secretEnv: 'CLOPOS_CLIENT_SECRET', tokenUrl: 'https://x.example/token', name: 'not-a-secret-name' };`,
    );
    expect(harvestKnownSecrets([dir]).map((s) => s.value).sort()).toEqual(['fixture-secret-123', 'tok-abc-12345']);
  });
});

describe('runtime requires', () => {
  it('ignores require() text in comments and code-generation templates', () => {
    const code = '/** @param {import("../types/index").X} x */\nconst c = _`require("ajv/dist/runtime/equal").default`;\n// require("left-pad")\n';
    expect(unresolvableRequires(code, 'dist/main/index.cjs', () => false)).toEqual([]);
  });

  it('accepts built-ins, electron and bundled relative files; reports packages', () => {
    const code = 'require("fs"); require("node:path"); require("electron"); require("./x.cjs"); import("zod"); require("electron-log")';
    expect(unresolvableRequires(code, 'dist/main/index.cjs', (name) => name === 'dist/main/x.cjs')).toEqual(['zod', 'electron-log']);
  });
});
