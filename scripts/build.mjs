// Builds the three production bundles with Vite: renderer (browser), main (SSR build, only
// `electron` external so every runtime dependency is bundled), preload (one CommonJS file, as a
// sandboxed preload must be). `node scripts/build.mjs preview` builds the browser preview instead
// (renderer, preview main, preview bridge) into dist-preview/ (or NOTIFIER_PREVIEW_DIR), a folder
// electron-builder never packages.
import { build } from 'vite';
import { distDir, mainTarget, nodeTarget, preloadTarget, rendererTarget, root, targets as runtimes } from './vite-targets.mjs';
import path from 'node:path';

// Production bundles whatever environment runs the build (vitest sets NODE_ENV=test, which would
// give React's development build).
process.env.NODE_ENV = 'production';

const only = process.argv[2];
const previewDir = process.env.NOTIFIER_PREVIEW_DIR ? path.resolve(process.env.NOTIFIER_PREVIEW_DIR) : path.join(root, 'dist-preview');

/** A standalone Vite configuration: no config file, quiet. */
const standalone = (config) => ({ configFile: false, root, logLevel: 'warn', ...config });
const nodeBuild = (entry, outDir, fileName) => standalone(nodeTarget(entry, outDir, fileName));
const rendererBuild = async (outDir) => standalone(await rendererTarget(outDir));

const app = {
  renderer: () => rendererBuild(process.env.RENDERER_OUT_DIR ? path.resolve(process.env.RENDERER_OUT_DIR) : path.join(distDir, 'renderer')),
  main: async () => standalone(mainTarget()),
  preload: async () => standalone(preloadTarget()),
};

const preview = {
  'preview renderer': () => rendererBuild(path.join(previewDir, 'renderer')),
  'preview main': async () => nodeBuild(path.join(root, 'preview/main.ts'), path.join(previewDir, 'main'), 'preview.cjs'),
  // The page's bridge: one classic script (no module loader), run before the app.
  'preview bridge': async () =>
    standalone({
    build: {
      outDir: path.join(previewDir, 'bridge'),
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      // The preview shows the same renderer in a browser: the same Chromium as the app's.
      target: runtimes.chrome,
      lib: { entry: path.join(root, 'preview/browser-bridge.ts'), formats: ['iife'], name: 'notifierPreviewBridge', fileName: () => 'preview-bridge.js' },
    },
    }),
};

const targets = only === 'preview' ? preview : app;
for (const [name, config] of Object.entries(targets)) {
  if (only && only !== 'preview' && only !== name) continue;
  await build(await config());
  console.log(`built ${name}`);
}
