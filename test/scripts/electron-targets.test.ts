/**
 * The build targets follow the Electron in use (scripts/electron-targets.mjs): the installed
 * Electron's Chromium per electron-to-chromium, and the Node major Electron's package pins; every
 * bundle's Vite configuration uses them, and an Electron the table does not know stops the build.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without type declarations
import * as targetsScript from '../../scripts/electron-targets.mjs';
// @ts-expect-error -- plain ESM script without type declarations
import * as viteTargets from '../../scripts/vite-targets.mjs';

interface Targets {
  electron: string;
  chrome: string;
  node: string;
}
type ViteConfig = { build: { target: string } };
const { electronTargets } = targetsScript as { electronTargets(root: string): Targets };
const { mainTarget, preloadTarget, rendererTarget, targets } = viteTargets as {
  mainTarget(): ViteConfig;
  preloadTarget(): ViteConfig;
  rendererTarget(outDir: string): Promise<ViteConfig>;
  targets: Targets;
};

const ROOT = path.resolve(__dirname, '..', '..');
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('build targets', () => {
  it('are the Chromium and Node of the installed Electron', () => {
    const electron = json(path.join(ROOT, 'node_modules/electron/package.json'));
    const [major, minor] = String(electron.version).split('.');
    const chromium = (json(path.join(ROOT, 'node_modules/electron-to-chromium/versions.json')) as Record<string, string>)[`${major}.${minor}`];
    const nodeMajor = /(\d+)\./.exec(String((electron.dependencies as Record<string, string>)['@types/node']))![1];
    expect(electronTargets(ROOT)).toEqual({ electron: electron.version, chrome: `chrome${chromium}`, node: `node${nodeMajor}` });
    // The pin in package.json is the release installed (the newest 45 patch at the time of writing).
    expect(String(electron.version)).toMatch(/^45\./);
  });

  it('every bundle uses them: main and preload the Node, the renderer the Chromium', async () => {
    expect(mainTarget().build.target).toBe(targets.node);
    expect(preloadTarget().build.target).toBe(targets.node);
    expect((await rendererTarget(os.tmpdir())).build.target).toBe(targets.chrome);
    expect(readFileSync(path.join(ROOT, 'scripts/build.mjs'), 'utf8')).not.toMatch(/target: '(chrome|node)\d+'/);
  });

  it('an Electron the table does not know yet stops the build with what to do', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'targets-'));
    try {
      mkdirSync(path.join(root, 'node_modules/electron'), { recursive: true });
      writeFileSync(path.join(root, 'package.json'), '{}');
      writeFileSync(path.join(root, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', version: '999.1.0', dependencies: { '@types/node': '^40.0.0' } }));
      symlinkSync(path.join(ROOT, 'node_modules/electron-to-chromium'), path.join(root, 'node_modules/electron-to-chromium'));
      expect(() => electronTargets(root)).toThrow(/does not know Electron 999\.1\.0 yet: update it/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
