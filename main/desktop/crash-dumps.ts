/**
 * Crash dumps kept on this PC for support, never uploaded: Electron's crash reporter writes a
 * minidump when a process of the app crashes, into a folder inside the log folder that the tray's
 * "Open log folder" opens, so the installer sends the logs and the dumps together.
 *
 * What a dump holds: the crashed process's threads and stack memory. No secret is added to it (the
 * annotations are the app's version and platform only); the main process holds a decrypted secret
 * only while a sign-in request is being made, which is the one window in which one could be on a
 * stack. Renderer dumps never hold one (secrets never reach the window).
 */
import fs from 'node:fs';
import path from 'node:path';

export const CRASH_DUMPS_FOLDER = 'crash-dumps';
/** The newest dumps kept; older ones are deleted at start. */
export const KEEP_CRASH_DUMPS = 10;
/** Crashpad nests its database a level or two (reports/, completed/, pending/). */
const MAX_DEPTH = 3;
const MAX_ENTRIES = 500;

export interface CrashReporterApi {
  start(options: { uploadToServer: false; submitURL: string; compress: boolean; ignoreSystemCrashHandler: boolean; rateLimit: boolean; globalExtra: Record<string, string> }): void;
}

export interface CrashDumpApp {
  setPath(name: 'crashDumps', value: string): void;
}

/** Points the crash reporter at `<logFolder>/crash-dumps` and starts it without uploading. Returns the folder. */
export function keepCrashDumpsLocally(app: CrashDumpApp, reporter: CrashReporterApi, logFolder: string, info: { version: string; platform: string }): string {
  const folder = path.join(logFolder, CRASH_DUMPS_FOLDER);
  app.setPath('crashDumps', folder);
  reporter.start({
    uploadToServer: false,
    submitURL: '',
    compress: true,
    // The OS's own crash dialog / Windows Error Reporting stay as the PC has them.
    ignoreSystemCrashHandler: false,
    rateLimit: false,
    globalExtra: { _productName: 'Clopos Order Notifier', _version: info.version, platform: info.platform },
  });
  return folder;
}

export interface CrashDump {
  file: string;
  mtimeMs: number;
}

/** The dumps in `folder`, newest first (bounded walk; a missing folder is none). */
export function listCrashDumps(folder: string): CrashDump[] {
  const found: CrashDump[] = [];
  let visited = 0;
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++visited > MAX_ENTRIES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) walk(full, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.dmp')) {
        try {
          found.push({ file: full, mtimeMs: fs.statSync(full).mtimeMs });
        } catch {
          // Gone meanwhile.
        }
      }
    }
  };
  walk(folder, 0);
  return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/** Deletes all but the newest `keep` dumps; says what is left, for the log. */
export function tidyCrashDumps(folder: string, keep = KEEP_CRASH_DUMPS): { kept: CrashDump[]; removed: number } {
  const dumps = listCrashDumps(folder);
  let removed = 0;
  for (const old of dumps.slice(keep)) {
    try {
      fs.rmSync(old.file, { force: true });
      removed += 1;
    } catch {
      // Left for the next start.
    }
  }
  return { kept: dumps.slice(0, keep), removed };
}
