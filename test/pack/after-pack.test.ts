/**
 * The afterPack hook on fake packaged binaries: a binary with an Electron fuse wire gets the
 * hardened fuses (read back with @electron/fuses), a stand-in is skipped loudly, and a real
 * (non-stand-in) build without a fuse wire fails instead of shipping unhardened.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- plain ESM script without type declarations
import * as hook from '../../scripts/after-pack.mjs';

const { default: afterPack, FUSE_SENTINEL, markerFileName } = hook as {
  default(context: unknown): Promise<void>;
  FUSE_SENTINEL: string;
  markerFileName(platform: string, arch: string): string;
};

const temp = mkdtempSync(path.join(os.tmpdir(), 'after-pack-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Bytes laid out like Electron's: sentinel, wire version 1, wire length 9, then '0'/'1' per fuse. */
function fakeElectron(file: string, withWire: boolean): void {
  const padding = Buffer.alloc(4096, 0x90);
  const wire = withWire ? Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 9]), Buffer.from('101101000')]) : Buffer.from('no fuses here');
  writeFileSync(file, Buffer.concat([padding, wire, padding]));
}

let n = 0;
function context(platform: 'linux' | 'win32', options: { withWire: boolean; standIn: boolean }) {
  n += 1;
  const outDir = path.join(temp, `out-${n}`);
  const appOutDir = path.join(outDir, `${platform}-unpacked`);
  mkdirSync(appOutDir, { recursive: true });
  const binary = path.join(appOutDir, platform === 'linux' ? 'clopos-order-notifier' : 'Clopos Order Notifier.exe');
  fakeElectron(binary, options.withWire);
  return {
    binary,
    outDir,
    ctx: {
      appOutDir,
      outDir,
      arch: 1,
      electronPlatformName: platform,
      packager: {
        executableName: 'clopos-order-notifier',
        appInfo: { productFilename: 'Clopos Order Notifier' },
        config: options.standIn ? { electronDist: '/stand-in' } : {},
      },
    },
  };
}

const readMarker = (outDir: string, platform: string) => JSON.parse(readFileSync(path.join(outDir, markerFileName(platform, 'x64')), 'utf8'));

describe('afterPack hook', () => {
  it('flips the hardened fuses (incl. asar integrity on Windows) and records them', async () => {
    const { binary, outDir, ctx } = context('win32', { withWire: true, standIn: false });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await afterPack(ctx);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    const marker = readMarker(outDir, 'win32');
    expect(marker.fusesApplied).toBe(true);
    expect(marker.fuses.RunAsNode).toBe('DISABLE');
  });

  it('leaves asar integrity alone on Linux, where Electron does not enforce it', async () => {
    const { binary, ctx } = context('linux', { withWire: true, standIn: false });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await afterPack(ctx);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.DISABLE);
  });

  it('skips a stand-in binary with a clear message and says so in the marker', async () => {
    const { binary, outDir, ctx } = context('linux', { withWire: false, standIn: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const before = readFileSync(binary);
    await afterPack(ctx);
    expect(warn.mock.calls.flat().join(' ')).toContain('stand-in Electron binary: fuses NOT applied');
    expect(readFileSync(binary).equals(before)).toBe(true);
    expect(readMarker(outDir, 'linux')).toMatchObject({ fusesApplied: false, reason: expect.stringContaining('stand-in') });
  });

  it('fails a real build whose binary has no fuse wire instead of shipping it unhardened', async () => {
    const { ctx } = context('win32', { withWire: false, standIn: false });
    await expect(afterPack(ctx)).rejects.toThrow(/no Electron fuse wire/);
  });
});
