/**
 * An independent PNG reader for the icon tests: validates the signature, every chunk's CRC (with
 * zlib's own crc32, not the encoder's), inflates IDAT and undoes all five row filters.
 */
import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  data: Uint8Array;
}

const SIGNATURE = '89504e470d0a1a0a';

export function readPng(png: Buffer): DecodedPng {
  if (png.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    const type = typeAndData.subarray(0, 4).toString('latin1');
    const storedCrc = png.readUInt32BE(offset + 8 + length);
    if (crc32(typeAndData) !== storedCrc) throw new Error(`bad CRC in ${type}`);
    const data = typeAndData.subarray(4);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('expected 8-bit RGBA, not interlaced');
    } else if (type === 'IDAT') {
      idat.push(Buffer.from(data));
    } else if (type === 'IEND') {
      ended = true;
    }
    offset += 12 + length;
  }
  if (!ended || offset !== png.length) throw new Error('PNG does not end with IEND exactly');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  if (raw.length !== (stride + 1) * height) throw new Error(`IDAT holds ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] as number;
      const left = x >= 4 ? (out[y * stride + x - 4] as number) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] as number) : 0;
      const upLeft = x >= 4 && y > 0 ? (out[(y - 1) * stride + x - 4] as number) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (filter !== 0) throw new Error(`unknown filter ${filter}`);
      out[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, data: out };
}

/** How many pixels differ between two same-sized images. */
export function differingPixels(a: DecodedPng, b: DecodedPng): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('sizes differ');
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2] || a.data[i + 3] !== b.data[i + 3]) n++;
  }
  return n;
}

/** Share of visible pixels that are strongly red (r high, g and b low). */
export function redShare(image: DecodedPng): number {
  let visible = 0;
  let red = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if ((image.data[i + 3] as number) < 128) continue;
    visible++;
    const [r, g, b] = [image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number];
    if (r > 150 && g < 90 && b < 90) red++;
  }
  return visible === 0 ? 0 : red / visible;
}

/** True when r, g and b differ by at most `spread` (a grey). */
export function greyShare(image: DecodedPng, spread = 12): number {
  let visible = 0;
  let grey = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if ((image.data[i + 3] as number) < 128) continue;
    visible++;
    const [r, g, b] = [image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number];
    if (Math.max(r, g, b) - Math.min(r, g, b) <= spread) grey++;
  }
  return visible === 0 ? 0 : grey / visible;
}
