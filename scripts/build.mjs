// Builds the three production bundles with Vite: renderer (browser), main (SSR build, only
// `electron` external so every runtime dependency is bundled), preload (one CommonJS file, as a
// sandboxed preload must be).
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

const targets = {
  renderer: async () => {
    const { default: react } = await import('@vitejs/plugin-react');
    return {
      configFile: false,
      root: path.join(root, 'renderer'),
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      build: {
        outDir: process.env.RENDERER_OUT_DIR ? path.resolve(process.env.RENDERER_OUT_DIR) : path.join(distDir, 'renderer'),
        emptyOutDir: true,
        sourcemap: false,
        target: 'chrome130',
      },
    };
  },
  main: async () => nodeBuild(path.join(root, 'main/index.ts'), path.join(distDir, 'main'), 'index.cjs'),
  preload: async () => nodeBuild(path.join(root, 'preload/index.ts'), path.join(distDir, 'preload'), 'index.cjs'),
};

for (const [name, config] of Object.entries(targets)) {
  if (only && only !== name) continue;
  await build(await config());
  console.log(`built ${name}`);
}
