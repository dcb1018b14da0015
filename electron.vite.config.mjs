// `npm run dev` (electron-vite): the renderer from Vite's dev server with hot reload; main and the
// preload rebuilt on change, and Electron restarted when main changes. The same targets as the
// production build (scripts/vite-targets.mjs). Needs the Electron binary (not on every machine:
// see the README); `npm start` keeps running the production build.
import { defineConfig } from 'electron-vite';
import path from 'node:path';
import { distDir, mainTarget, preloadTarget, rendererTarget } from './scripts/vite-targets.mjs';

/**
 * A node target as electron-vite takes it: the entry as the input (electron-vite makes the Node
 * build itself), and every dependency bundled as in the production build.
 */
const bundled = (target) => {
  const { ssr: entry, ...build } = target.build;
  return { build: { ...build, externalizeDeps: false, rollupOptions: { ...build.rollupOptions, input: entry } } };
};

export default defineConfig(async () => ({
  main: bundled(mainTarget()),
  preload: bundled(preloadTarget()),
  renderer: await rendererTarget(path.join(distDir, 'renderer')),
}));
