// `npm run dev`: the development loop (electron-vite, electron.vite.config.mjs). The renderer comes
// from Vite's dev server and reloads in place as you edit; main and the preload are rebuilt on
// change and Electron restarts. Needs the Electron binary; without it this says what to use instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
if (!electronBinary()) process.exit(1);

const cli = createRequire(import.meta.url).resolve('electron-vite/bin/electron-vite.js');
const child = spawn(process.execPath, [cli, 'dev', '--watch', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
