// `npm start [-- --demo]`: builds the production bundles, then launches them with the Electron
// binary, which Electron's package downloads on first use. Machines without internet cannot get
// it, so this says so and what to do instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Electron 45's package fetches its binary the first time it is required, not at install. */
function electronBinary() {
  try {
    return createRequire(import.meta.url)('electron');
  } catch (cause) {
    console.error(
      [
        `Cannot start the app: the Electron binary could not be installed (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}).`,
        'Electron downloads its binary on first start, which needs internet access (and Node.js 22 or later).',
        'On a machine with internet: run `npx install-electron`, then `npm start` again.',
        'Without it, `npm run smoke` runs the built main process against a fake Electron and the simulator instead.',
      ].join('\n'),
    );
    return null;
  }
}

const binary = electronBinary();
if (!binary) process.exit(1);

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
