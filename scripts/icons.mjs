// Writes the installer and window icons into build/icons/ from the one drawing in main/icons/:
// icon.png (1024), icon-512.png, png/<N>x<N>.png for Linux, icon.ico for Windows, icon.icns for
// macOS. Generated on every build, never committed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'build', 'icons');
const icons = await tsImport('../main/icons/index.ts', import.meta.url);

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const started = Date.now();
const pixels = new Map();
const draw = (size) => {
  if (!pixels.has(size)) pixels.set(size, icons.drawAppIcon(size));
  return pixels.get(size);
};
const png = (size) => icons.encodePng(draw(size));

rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.join(outDir, 'png'), { recursive: true });
const written = [];
const write = (name, bytes) => {
  writeFileSync(path.join(outDir, name), bytes);
  written.push(`${name} (${bytes.length} B)`);
};

write('icon.png', png(1024));
write('icon-512.png', png(512));
for (const size of LINUX_SIZES) write(path.join('png', `${size}x${size}.png`), png(size));
write('icon.ico', icons.encodeIco(ICO_SIZES.map(draw)));
write('icon.icns', icons.encodeIcns(icons.ICNS_SIZES.map((size) => ({ size, png: png(size) }))));

console.log(`icons: wrote ${written.length} files to ${path.relative(root, outDir)}/ in ${Date.now() - started} ms`);
