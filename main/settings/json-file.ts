/**
 * Reading the app's small JSON files without ever throwing, and moving a damaged one aside so the
 * store can start fresh without destroying what was there. electron-store throws on a file it
 * cannot parse, so the stores check the file with these first.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The app's JSON files are a few kilobytes; anything this big is not ours and is not parsed. */
export const MAX_JSON_FILE_BYTES = 1024 * 1024;

export type JsonFileRead = { kind: 'missing' } | { kind: 'unreadable'; why: string } | { kind: 'parsed'; raw: unknown };

export function readJsonFile(file: string, maxBytes = MAX_JSON_FILE_BYTES): JsonFileRead {
  try {
    if (fs.statSync(file).size > maxBytes) return { kind: 'unreadable', why: 'it is far too large' };
    const text = fs.readFileSync(file, 'utf8');
    try {
      return { kind: 'parsed', raw: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'unreadable', why: 'it is damaged or incomplete' };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', why: 'it could not be read' };
  }
}

/**
 * Renames `<dir>/<name>.json` to `<dir>/<name>.corrupt-<time>.json` (time made safe for Windows
 * file names). Returns the backup's file name, or null when even that failed.
 */
export function keepAside(file: string, now: number): string | null {
  const { dir, name } = path.parse(file);
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const backup = path.join(dir, `${name}.corrupt-${stamp}.json`);
  try {
    fs.renameSync(file, backup);
    return path.basename(backup);
  } catch {
    return null;
  }
}
