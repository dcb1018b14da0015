// `npm run preview [-- --demo] [-- --port=N]`: the whole app without Electron. Builds the browser
// preview (renderer, preview main, bridge) into dist-preview/, then runs its main process in Node;
// it prints the address to open in a browser (127.0.0.1 only, with a per-run token).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = process.env.NOTIFIER_PREVIEW_DIR ? path.resolve(process.env.NOTIFIER_PREVIEW_DIR) : path.join(root, 'dist-preview');

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'preview'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(process.execPath, [path.join(dir, 'main', 'preview.cjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
