// The build targets of the Electron in use, so the bundles never target an older runtime than the
// one the app ships with (nor a newer one): Chromium from electron-to-chromium's table for this
// Electron release line, Node's major from the @types/node range Electron's own package.json
// pins (Electron keeps it at the Node major it bundles). Shared by scripts/vite-targets.mjs (the
// build and `npm run dev`) and tested in test/scripts/electron-targets.test.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** @param {string} root the project folder (where node_modules/electron is) */
export function electronTargets(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const pkg = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));
  const version = String(pkg.version);
  const [major, minor] = version.split('.');
  const table = require('electron-to-chromium/versions.json');
  const chromium = table[`${major}.${minor}`];
  if (!chromium) {
    throw new Error(`electron-to-chromium does not know Electron ${version} yet: update it (npm install -D electron-to-chromium@latest).`);
  }
  const nodeRange = String(pkg.dependencies?.['@types/node'] ?? '');
  const node = /(\d+)\./.exec(nodeRange)?.[1];
  if (!node) throw new Error(`Electron ${version} does not say which Node it bundles (@types/node is "${nodeRange}").`);
  return { electron: version, chrome: `chrome${String(chromium).split('.')[0]}`, node: `node${node}` };
}
