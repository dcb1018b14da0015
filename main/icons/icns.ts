/** macOS .icns writer: every entry is a PNG under the type code macOS looks up for that size. */

export interface IcnsImage {
  size: number;
  png: Buffer;
}

/** Type codes for PNG-backed entries; the @2x codes let one PNG serve two logical sizes. */
const TYPES_BY_SIZE: Record<number, readonly string[]> = {
  16: ['icp4'],
  32: ['icp5', 'ic11'],
  64: ['icp6', 'ic12'],
  128: ['ic07'],
  256: ['ic08', 'ic13'],
  512: ['ic09', 'ic14'],
  1024: ['ic10'],
};

export const ICNS_SIZES = Object.keys(TYPES_BY_SIZE).map(Number);

export function encodeIcns(images: readonly IcnsImage[]): Buffer {
  const entries: Buffer[] = [];
  for (const { size, png } of images) {
    const types = TYPES_BY_SIZE[size];
    if (!types) throw new RangeError(`ICNS has no entry type for ${size}px; use one of ${ICNS_SIZES.join(', ')}`);
    for (const type of types) {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32BE(8 + png.length, 4);
      entries.push(head, png);
    }
  }
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}
