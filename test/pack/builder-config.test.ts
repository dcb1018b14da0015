/**
 * electron-builder.yml holds promises other code depends on: the appId Windows matches against
 * main's AppUserModelID (no toasts otherwise), per-user NSIS with a Start Menu shortcut, hardened
 * macOS, the Linux desktop entry, only dist/ and package.json in the asar, and the afterPack hook.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
// @ts-expect-error -- js-yaml comes with electron-builder (which reads this file with it) and has no bundled types
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../main/desktop/lifecycle';

const root = path.resolve(__dirname, '../..');
type Config = Record<string, unknown> & {
  files: string[];
  nsis: Record<string, unknown>;
  mac: Record<string, unknown>;
  linux: { desktop: { entry: Record<string, string> } } & Record<string, unknown>;
};
const config = (load as (text: string) => unknown)(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { productName: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it('uses the AppUserModelID main sets as appId, and the package productName', () => {
    expect(config.appId).toBe('az.clopos.notifier');
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe(pkg.productName);
  });

  it('ships only the built output and package.json, in an asar, hardened after packing', () => {
    expect(config.asar).toBe(true);
    expect(config.files.filter((f) => !f.startsWith('!'))).toEqual(['dist/**', 'package.json']);
    expect(config.files).toContain('!**/node_modules/**');
    expect(existsSync(path.join(root, config.afterPack as string))).toBe(true);
  });

  it('installs per user on Windows with the Start Menu shortcut toasts need, and starts the app', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, createStartMenuShortcut: true, runAfterFinish: true });
  });

  it('builds a hardened macOS app with an entitlements file that exists', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, category: 'public.app-category.business' });
    const entitlements = readFileSync(path.join(root, config.mac.entitlements as string), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
  });

  it('gives Linux a desktop entry with name, comment and categories', () => {
    expect(config.linux.desktop.entry).toMatchObject({ Name: pkg.productName, Categories: expect.stringMatching(/Office;/) });
    expect(config.linux.desktop.entry.Comment).toBeTruthy();
  });

  it('generates the icons as part of the build, dist and pack:check', () => {
    expect(pkg.scripts.build).toContain('scripts/icons.mjs');
    expect(pkg.scripts.dist).toMatch(/npm run build && electron-builder/);
    expect(pkg.scripts['pack:check']).toBe('node scripts/pack-check.mjs');
  });
});
