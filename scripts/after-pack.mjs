// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before signing,
// and leaves a marker JSON in the output folder saying what it did (pack-check reads it).
// With a stand-in Electron (electronDist pointing at a fake binary, as on machines without the
// real Electron) there is no fuse wire: the hook says so loudly and skips. With a real Electron
// download (no electronDist) a missing fuse wire is an error, so a release is never unhardened.
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire, pathToFuseFile } from '@electron/fuses';

/** The marker Electron puts in front of its fuse wire (from @electron/fuses' constants). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export const markerFileName = (platform, arch) => `after-pack-${platform}-${arch}.json`;

/** The fuses this app ships with. Asar integrity is only enforced by Electron on macOS and Windows. */
export function fuseSettings(platform) {
  return {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    OnlyLoadAppFromAsar: true,
    ...(platform === 'darwin' || platform === 'win32' || platform === 'mas' ? { EnableEmbeddedAsarIntegrityValidation: true } : {}),
  };
}

export function packagedBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return path.join(appOutDir, packager.executableName);
  const ext = electronPlatformName === 'win32' ? '.exe' : '.app';
  return path.join(appOutDir, `${packager.appInfo.productFilename}${ext}`);
}

/** Streams the file looking for the sentinel, so a 150 MB binary is never held in memory. */
export async function containsFuseSentinel(file) {
  const needle = Buffer.from(FUSE_SENTINEL);
  const chunkSize = 4 * 1024 * 1024;
  const buffer = Buffer.alloc(chunkSize + needle.length - 1);
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    for (let start = 0; start < size; start += chunkSize) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      if (buffer.subarray(0, bytesRead).includes(needle)) return true;
    }
    return false;
  } finally {
    await handle.close();
  }
}

const stateName = (value) => FuseState[value] ?? `unknown(${value})`;

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const binary = packagedBinaryPath(context);
  const fuseFile = pathToFuseFile(binary);
  const wanted = fuseSettings(platform);
  const standInAllowed = Boolean(context.packager.config.electronDist);
  const marker = {
    hook: 'after-pack',
    platform,
    arch,
    binary: path.relative(context.outDir, binary),
    time: new Date().toISOString(),
    fusesApplied: false,
    reason: '',
    wanted,
    fuses: {},
  };

  if (!(await containsFuseSentinel(fuseFile))) {
    if (!standInAllowed) {
      throw new Error(`afterPack: ${fuseFile} has no Electron fuse wire; refusing to ship an unhardened binary`);
    }
    marker.reason = 'stand-in Electron binary (no fuse sentinel)';
    console.warn(`  • afterPack: stand-in Electron binary: fuses NOT applied (${platform}-${arch}, ${path.basename(fuseFile)} has no fuse sentinel)`);
  } else {
    const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64' };
    for (const [name, enabled] of Object.entries(wanted)) config[FuseV1Options[name]] = enabled;
    await flipFuses(binary, config);
    const wire = await getCurrentFuseWire(binary);
    for (const name of Object.keys(wanted)) marker.fuses[name] = stateName(wire[FuseV1Options[name]]);
    const wrong = Object.entries(wanted).filter(([name, enabled]) => marker.fuses[name] !== (enabled ? 'ENABLE' : 'DISABLE'));
    if (wrong.length > 0) throw new Error(`afterPack: fuses not as configured after flipping: ${wrong.map(([n]) => n).join(', ')}`);
    marker.fusesApplied = true;
    marker.reason = 'fuses flipped and read back';
    console.log(`  • afterPack: fuses applied to ${path.basename(binary)} (${platform}-${arch})`);
  }
  await writeFile(path.join(context.outDir, markerFileName(platform, arch)), `${JSON.stringify(marker, null, 2)}\n`);
}
