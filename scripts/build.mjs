// Builds the three production bundles with Vite: renderer (browser), main (SSR build, only
// `electron` external so every runtime dependency is bundled), preload (one CommonJS file, as a
// sandboxed preload must be). `node scripts/build.mjs preview` builds the browser preview instead
// (renderer, preview main, preview bridge) into dist-preview/ (or NOTIFIER_PREVIEW_DIR), a folder
// electron-builder never packages.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Production bundles whatever environment runs the build (vitest sets NODE_ENV=test, which would
// give React's development build).
process.env.NODE_ENV = 'production';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv[2];
// Tests and benchmarks build into a folder of their own (NOTIFIER_DIST_DIR) so that runs in
// parallel never see another build empty the shared dist/ under them.
const distDir = process.env.NOTIFIER_DIST_DIR ? path.resolve(process.env.NOTIFIER_DIST_DIR) : path.join(root, 'dist');

const nodeBuild = (entry, outDir, fileName) => ({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    ssr: entry,
    outDir,
    emptyOutDir: true,
    target: 'node22',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

const previewDir = process.env.NOTIFIER_PREVIEW_DIR ? path.resolve(process.env.NOTIFIER_PREVIEW_DIR) : path.join(root, 'dist-preview');

const rendererBuild = async (outDir) => {
    const { default: react } = await import('@vitejs/plugin-react');
    return {
      configFile: false,
      root: path.join(root, 'renderer'),
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      build: {
        outDir,
        emptyOutDir: true,
        sourcemap: false,
        target: 'chrome130',
      },
    };
};

const app = {
  renderer: () => rendererBuild(process.env.RENDERER_OUT_DIR ? path.resolve(process.env.RENDERER_OUT_DIR) : path.join(distDir, 'renderer')),
  main: async () => nodeBuild(path.join(root, 'main/index.ts'), path.join(distDir, 'main'), 'index.cjs'),
  preload: async () => nodeBuild(path.join(root, 'preload/index.ts'), path.join(distDir, 'preload'), 'index.cjs'),
};

const preview = {
  'preview renderer': () => rendererBuild(path.join(previewDir, 'renderer')),
  'preview main': async () => nodeBuild(path.join(root, 'preview/main.ts'), path.join(previewDir, 'main'), 'preview.cjs'),
  // The page's bridge: one classic script (no module loader), run before the app.
  'preview bridge': async () => ({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: path.join(previewDir, 'bridge'),
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      target: 'chrome130',
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
