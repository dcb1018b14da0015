import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The Electron executable `npm install` placed, or null where it could not be downloaded. */
export function findElectronBinary(root = process.cwd()): string | null {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
