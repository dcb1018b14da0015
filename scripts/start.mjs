// `npm start [-- --demo]`: builds the production bundles, then launches them with the Electron
// binary. Machines without internet have no binary (Electron 45's package does not download one
// on install), so this says so instead of failing inside electron's own downloader.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = path.join(electronDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
if (!binary) {
  console.error(
    [
      'Cannot start the app: the Electron binary is not installed (node_modules/electron/dist is missing).',
      'This machine cannot download it (no internet access beyond the npm registry), so Electron cannot run here.',
      'On a machine with internet: run `npx install-electron`, then `npm start` again.',
      'Here, `npm run smoke` runs the built main process against a fake Electron and the simulator instead.',
    ].join('\n'),
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
