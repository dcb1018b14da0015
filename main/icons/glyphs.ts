/**
 * A tiny stroke font for the tray badge (digits, "+", "!", "D"): each glyph is polylines in a box
 * 0.6 wide and 1 tall, drawn as round-capped strokes so it stays legible at a few pixels.
 */
import { segment, union, type Sdf } from './raster';

type Polyline = readonly (readonly [number, number])[];

const GLYPH_WIDTH = 0.6;
const GLYPH_GAP = 0.35;

const GLYPHS: Record<string, readonly Polyline[]> = {
  '0': [[[0, 0], [0.6, 0], [0.6, 1], [0, 1], [0, 0]]],
  '1': [[[0.1, 0.2], [0.35, 0], [0.35, 1]]],
  '2': [[[0, 0], [0.6, 0], [0.6, 0.5], [0, 0.5], [0, 1], [0.6, 1]]],
  '3': [[[0, 0], [0.6, 0], [0.6, 1], [0, 1]], [[0.05, 0.5], [0.6, 0.5]]],
  '4': [[[0, 0], [0, 0.55], [0.6, 0.55]], [[0.6, 0], [0.6, 1]]],
  '5': [[[0.6, 0], [0, 0], [0, 0.5], [0.6, 0.5], [0.6, 1], [0, 1]]],
  '6': [[[0.6, 0], [0, 0], [0, 1], [0.6, 1], [0.6, 0.5], [0, 0.5]]],
  '7': [[[0, 0], [0.6, 0], [0.25, 1]]],
  '8': [[[0, 0], [0.6, 0], [0.6, 1], [0, 1], [0, 0]], [[0, 0.5], [0.6, 0.5]]],
  '9': [[[0.6, 0.5], [0, 0.5], [0, 0], [0.6, 0], [0.6, 1], [0, 1]]],
  '+': [[[0.3, 0.2], [0.3, 0.8]], [[0, 0.5], [0.6, 0.5]]],
  '!': [[[0.3, 0], [0.3, 0.6]], [[0.3, 0.97], [0.3, 0.97]]],
  D: [[[0, 0], [0, 1], [0.3, 1], [0.6, 0.72], [0.6, 0.28], [0.3, 0], [0, 0]]],
};

export const SUPPORTED_GLYPHS = Object.keys(GLYPHS).join('');

/**
 * The text centred on (cx, cy), `height` tall in unit coordinates, strokes `weight` x height wide.
 * Throws on a character the font lacks, so a caller's mistake is not silently blank.
 */
export function text(value: string, cx: number, cy: number, height: number, weight = 0.2): Sdf {
  const chars = [...value];
  const advance = GLYPH_WIDTH + GLYPH_GAP;
  const width = chars.length * advance - GLYPH_GAP;
  const left = cx - (width * height) / 2;
  const top = cy - height / 2;
  const radius = (weight * height) / 2;
  const strokes: Sdf[] = [];
  chars.forEach((char, index) => {
    const glyph = GLYPHS[char];
    if (!glyph) throw new RangeError(`The badge font has no glyph for ${JSON.stringify(char)}`);
    const ox = left + index * advance * height;
    for (const line of glyph) {
      for (let i = 0; i < Math.max(1, line.length - 1); i++) {
        const [ax, ay] = line[i] as readonly [number, number];
        const [bx, by] = (line[i + 1] ?? line[i]) as readonly [number, number];
        strokes.push(segment(ox + ax * height, top + ay * height, ox + bx * height, top + by * height, radius));
      }
    }
  });
  return union(...strokes);
}
