import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { badgeText, drawAppIcon, encodeIcns, encodeIco, encodePng, renderAppIcon, renderTrayIcon, type TrayState } from '../../../main/icons';
import { differingPixels, greyShare, readPng, redShare, type DecodedPng } from './png-reader';

const STATES: readonly TrayState[] = ['ok', 'orders', 'problem', 'paused', 'demo'];
const tray = (state: TrayState, count = 3, size = 32, template = false): DecodedPng =>
  readPng(renderTrayIcon({ state, count, size, template }));

const alphaAt = (image: DecodedPng, x: number, y: number): number => image.data[(y * image.width + x) * 4 + 3] as number;
const opaqueShare = (image: DecodedPng): number => {
  let n = 0;
  for (let i = 3; i < image.data.length; i += 4) if ((image.data[i] as number) > 0) n++;
  return n / (image.width * image.height);
};

describe('PNG encoder', () => {
  it('round-trips pixels exactly through an independent reader (CRC, zlib, filters)', () => {
    const data = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const decoded = readPng(encodePng({ width: 3, height: 2, data }));
    expect(decoded.width).toBe(3);
    expect(decoded.height).toBe(2);
    expect([...decoded.data]).toEqual([...data]);
  });

  it('refuses pixel data of the wrong length', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(15) })).toThrow(RangeError);
  });
});

describe('app icon', () => {
  it.each([16, 32, 256, 512])('renders a %i px square with a transparent corner and an opaque centre', (size) => {
    const icon = readPng(renderAppIcon(size));
    expect(icon.width).toBe(size);
    expect(icon.height).toBe(size);
    expect(alphaAt(icon, 0, 0)).toBe(0);
    expect(alphaAt(icon, size >> 1, size >> 1)).toBe(255);
  });

  it('is anti-aliased: edge pixels are partly transparent', () => {
    const icon = readPng(renderAppIcon(64));
    const partial = [...Array(64 * 64).keys()].filter((i) => {
      const a = icon.data[i * 4 + 3] as number;
      return a > 0 && a < 255;
    });
    expect(partial.length).toBeGreaterThan(20);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => renderAppIcon(0)).toThrow(RangeError);
    expect(() => renderAppIcon(12.5)).toThrow(RangeError);
  });
});

describe('tray icons', () => {
  it.each([16, 20, 24, 32, 64])('renders every state at %i px', (size) => {
    for (const state of STATES) {
      const icon = tray(state, 2, size);
      expect([icon.width, icon.height]).toEqual([size, size]);
      expect(opaqueShare(icon)).toBeGreaterThan(0.3);
    }
  });

  it('draws each state differently at 16 px', () => {
    const icons = STATES.map((state) => tray(state, 2, 16));
    for (let i = 0; i < icons.length; i++) {
      for (let j = i + 1; j < icons.length; j++) {
        expect(differingPixels(icons[i] as DecodedPng, icons[j] as DecodedPng), `${STATES[i]} vs ${STATES[j]}`).toBeGreaterThan(10);
      }
    }
  });

  it('shows the order count on the badge: a different count changes the pixels', () => {
    expect(differingPixels(tray('orders', 1), tray('orders', 2))).toBeGreaterThan(5);
    expect(differingPixels(tray('orders', 4), tray('orders', 7))).toBeGreaterThan(5);
    expect(differingPixels(tray('orders', 9), tray('orders', 12))).toBeGreaterThan(5);
  });

  it('shows counts above nine as "9+" so the badge stays legible', () => {
    expect(badgeText(3)).toBe('3');
    expect(badgeText(10)).toBe('9+');
    expect(differingPixels(tray('orders', 12), tray('orders', 250))).toBe(0);
  });

  it('makes a problem red and a pause grey', () => {
    expect(redShare(tray('problem'))).toBeGreaterThan(0.5);
    expect(redShare(tray('ok'))).toBeLessThan(0.05);
    expect(greyShare(tray('paused'))).toBeGreaterThan(0.9);
    expect(greyShare(tray('ok'))).toBeLessThan(0.5);
  });

  it('marks demo mode even without orders', () => {
    expect(differingPixels(tray('demo', 0), tray('ok', 0))).toBeGreaterThan(100);
  });

  it('renders macOS template images as black pixels with alpha only, and distinguishable', () => {
    const templates = STATES.map((state) => tray(state, 3, 32, true));
    for (const image of templates) {
      for (let i = 0; i < image.data.length; i += 4) {
        expect([image.data[i], image.data[i + 1], image.data[i + 2]]).toEqual([0, 0, 0]);
      }
      expect(opaqueShare(image)).toBeGreaterThan(0.2);
    }
    for (let i = 0; i < templates.length; i++) {
      for (let j = i + 1; j < templates.length; j++) {
        expect(differingPixels(templates[i] as DecodedPng, templates[j] as DecodedPng), `${STATES[i]} vs ${STATES[j]}`).toBeGreaterThan(10);
      }
    }
    expect(differingPixels(tray('orders', 2, 32, true), tray('orders', 5, 32, true))).toBeGreaterThan(5);
  });
});

describe('ICO writer', () => {
  it('stores small sizes as 32-bit DIBs with the pixels bottom-up and 256 px as PNG', () => {
    const sizes = [16, 32, 256];
    const ico = encodeIco(sizes.map((size) => drawAppIcon(size)));
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(3);
    const entries = sizes.map((size, i) => ({
      size,
      width: ico[6 + i * 16] as number,
      bytes: ico.readUInt32LE(6 + i * 16 + 8),
      offset: ico.readUInt32LE(6 + i * 16 + 12),
    }));
    expect(entries.map((e) => e.width)).toEqual([16, 32, 0]);
    const last = entries[2]!;
    expect(last.offset + last.bytes).toBe(ico.length);
    const png = readPng(ico.subarray(last.offset, last.offset + last.bytes));
    expect(png.width).toBe(256);

    const first = entries[0]!;
    expect(ico.readUInt32LE(first.offset)).toBe(40);
    expect(ico.readInt32LE(first.offset + 8)).toBe(32);
    const source = drawAppIcon(16);
    // Top-left source pixel is the last DIB row's first pixel, stored BGRA.
    const dibTopLeft = first.offset + 40 + 15 * 16 * 4;
    const centre = (8 * 16 + 8) * 4;
    const dibCentre = first.offset + 40 + (15 - 8) * 16 * 4 + 8 * 4;
    expect(ico[dibTopLeft + 3]).toBe(source.data[3]);
    expect([ico[dibCentre + 2], ico[dibCentre + 1], ico[dibCentre], ico[dibCentre + 3]]).toEqual([...source.data.subarray(centre, centre + 4)]);
  });
});

describe('ICNS writer', () => {
  it('writes PNG entries under the type codes macOS uses, with consistent lengths', () => {
    const icns = encodeIcns([16, 32, 1024].map((size) => ({ size, png: renderAppIcon(size) })));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      types.push(icns.toString('latin1', offset, offset + 4));
      const png = readPng(icns.subarray(offset + 8, offset + icns.readUInt32BE(offset + 4)));
      expect(png.width).toBeGreaterThan(0);
    }
    expect(types).toEqual(['icp4', 'icp5', 'ic11', 'ic10']);
    expect(() => encodeIcns([{ size: 48, png: renderAppIcon(48) }])).toThrow(/48px/);
  });

  it('keeps one source: its 1024 px entry inflates to the same pixels as the app icon', { timeout: 60_000 }, () => {
    const png = renderAppIcon(1024);
    const icns = encodeIcns([{ size: 1024, png }]);
    expect(inflateSync(readIdat(icns.subarray(16))).equals(inflateSync(readIdat(png)))).toBe(true);
  });
});

function readIdat(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 8; offset < png.length; offset += 12 + png.readUInt32BE(offset)) {
    if (png.toString('latin1', offset + 4, offset + 8) === 'IDAT') parts.push(png.subarray(offset + 8, offset + 8 + png.readUInt32BE(offset)));
  }
  return Buffer.concat(parts);
}
