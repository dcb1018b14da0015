// The Vite configurations of the three bundles, shared by the production build (scripts/build.mjs)
// and the development loop (electron.vite.config.mjs, `npm run dev`), so both build the same thing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronTargets } from './electron-targets.mjs';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The runtimes the Electron in use ships: the bundles target exactly these. */
export const targets = electronTargets(root);

/** Where builds go: dist/, or a folder of the caller's (tests and benchmarks build in parallel). */
export const distDir = process.env.NOTIFIER_DIST_DIR ? path.resolve(process.env.NOTIFIER_DIST_DIR) : path.join(root, 'dist');

/** main and preload: one CommonJS file each, only `electron` external, so every runtime dependency is bundled. */
export const nodeTarget = (entry, outDir, fileName) => ({
  build: {
    ssr: entry,
    outDir,
    emptyOutDir: true,
    target: targets.node,
    sourcemap: false,
    minify: false,
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

export const mainTarget = () => nodeTarget(path.join(root, 'main/index.ts'), path.join(distDir, 'main'), 'index.cjs');
export const preloadTarget = () => nodeTarget(path.join(root, 'preload/index.ts'), path.join(distDir, 'preload'), 'index.cjs');

/**
 * The development server's page: Vite's hot reload needs an inline preamble and a websocket, which
 * the app's CSP refuses. Only the dev server serves this (`apply: 'serve'`); builds keep the CSP as
 * written, and the packaged app never loads a dev server (main/app/launch.ts `devServerUrlFrom`).
 */
export function devServerCsp() {
  return {
    name: 'notifier-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'none'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

export async function rendererTarget(outDir) {
  const { default: react } = await import('@vitejs/plugin-react');
  return {
    root: path.join(root, 'renderer'),
    base: './',
    plugins: [react(), devServerCsp()],
    server: { host: '127.0.0.1', strictPort: false },
    build: { outDir, emptyOutDir: true, sourcemap: false, target: targets.chrome, rollupOptions: { input: path.join(root, 'renderer/index.html') } },
  };
}
