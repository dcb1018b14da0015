/**
 * Windows .ico writer. Sizes below 256 are stored as 32-bit DIBs (every Windows and NSIS version
 * reads those); 256 px is stored as PNG, as Windows Vista and later expect.
 */
import { encodePng } from './png';
import type { RgbaImage } from './raster';

function dib({ width: size, height, data }: RgbaImage): Buffer {
  if (height !== size) throw new RangeError(`ICO images are square, got ${size}x${height}`);
  const maskStride = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  // Height counts the colour rows and the AND-mask rows.
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskStride * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskStride * size);
  for (let y = 0; y < size; y++) {
    // DIB rows run bottom-up and pixels are BGRA.
    const row = size - 1 - y;
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = (row * size + x) * 4;
      pixels[d] = data[s + 2] as number;
      pixels[d + 1] = data[s + 1] as number;
      pixels[d + 2] = data[s] as number;
      pixels[d + 3] = data[s + 3] as number;
      if (data[s + 3] === 0) {
        const byte = row * maskStride + (x >> 3);
        mask[byte] = (mask[byte] as number) | (0x80 >> (x & 7));
      }
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

export function encodeIco(images: readonly RgbaImage[]): Buffer {
  if (images.length === 0) throw new RangeError('An ICO needs at least one image');
  const payloads = images.map((image) => {
    if (image.width < 1 || image.width > 256) throw new RangeError(`ICO images are 1..256 px, got ${image.width}`);
    return image.width === 256 ? encodePng(image) : dib(image);
  });
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ width: size }, i) => {
    const entry = i * 16;
    const payload = payloads[i] as Buffer;
    // 0 in the width and height bytes means 256.
    directory[entry] = size % 256;
    directory[entry + 1] = size % 256;
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(payload.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += payload.length;
  });
  return Buffer.concat([header, directory, ...payloads]);
}
