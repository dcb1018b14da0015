/**
 * Anti-aliased rasterising of shapes given as signed distance functions. Shapes live in a unit
 * square (0..1, y down), so one drawing renders crisply at any pixel size: a pixel's coverage is
 * its distance to the edge measured in pixels.
 */

/** Signed distance to a shape's edge in unit coordinates: negative inside. */
export type Sdf = (x: number, y: number) => number;
/** r, g, b in 0..255, a in 0..1. */
export type Rgba = readonly [number, number, number, number];

export interface Layer {
  shape: Sdf;
  /** A colour, or a function of the position (gradients). Ignored when erasing. */
  paint?: Rgba | ((x: number, y: number) => Rgba);
  /** Punch the shape out of everything painted below (destination-out). */
  erase?: boolean;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** Straight (not premultiplied) RGBA, row by row. */
  data: Uint8Array;
}

export function rasterize(size: number, layers: readonly Layer[]): RgbaImage {
  if (!Number.isInteger(size) || size < 1 || size > 4096) throw new RangeError(`Icon size must be an integer 1..4096, got ${size}`);
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    const y = (py + 0.5) / size;
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      // Premultiplied accumulation, 0..1.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        const coverage = Math.min(1, Math.max(0, 0.5 - layer.shape(x, y) * size));
        if (coverage === 0) continue;
        if (layer.erase) {
          const keep = 1 - coverage;
          r *= keep;
          g *= keep;
          b *= keep;
          a *= keep;
          continue;
        }
        const paint = layer.paint ?? ([0, 0, 0, 1] as const);
        const [cr, cg, cb, ca] = typeof paint === 'function' ? paint(x, y) : paint;
        const alpha = ca * coverage;
        r = (cr / 255) * alpha + r * (1 - alpha);
        g = (cg / 255) * alpha + g * (1 - alpha);
        b = (cb / 255) * alpha + b * (1 - alpha);
        a = alpha + a * (1 - alpha);
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        data[i] = Math.round((r / a) * 255);
        data[i + 1] = Math.round((g / a) * 255);
        data[i + 2] = Math.round((b / a) * 255);
        data[i + 3] = Math.round(a * 255);
      }
    }
  }
  return { width: size, height: size, data };
}

export const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

export function roundRect(x0: number, y0: number, x1: number, y1: number, radius: number): Sdf {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hw = (x1 - x0) / 2;
  const hh = (y1 - y0) / 2;
  const r = Math.min(radius, hw, hh);
  return (x, y) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** A stroke from a to b with round caps, `r` being half the stroke width. */
export function segment(ax: number, ay: number, bx: number, by: number, r: number): Sdf {
  const ex = bx - ax;
  const ey = by - ay;
  const len2 = ex * ex + ey * ey;
  return (x, y) => {
    const wx = x - ax;
    const wy = y - ay;
    const h = len2 === 0 ? 0 : Math.min(1, Math.max(0, (wx * ex + wy * ey) / len2));
    return Math.hypot(wx - ex * h, wy - ey * h) - r;
  };
}

/** Any simple polygon; `round` grows it outward with rounded corners. */
export function polygon(points: readonly (readonly [number, number])[], round = 0): Sdf {
  if (points.length < 3) throw new RangeError('A polygon needs at least 3 points');
  return (x, y) => {
    const first = points[0] as readonly [number, number];
    let d = (x - first[0]) ** 2 + (y - first[1]) ** 2;
    let sign = 1;
    for (let i = 0, j = points.length - 1; i < points.length; j = i, i++) {
      const [vix, viy] = points[i] as readonly [number, number];
      const [vjx, vjy] = points[j] as readonly [number, number];
      const ex = vjx - vix;
      const ey = vjy - viy;
      const wx = x - vix;
      const wy = y - viy;
      const h = Math.min(1, Math.max(0, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
      d = Math.min(d, (wx - ex * h) ** 2 + (wy - ey * h) ** 2);
      const above = y >= viy;
      const below = y < vjy;
      const left = ex * wy > ey * wx;
      if ((above && below && left) || (!above && !below && !left)) sign = -sign;
    }
    return sign * Math.sqrt(d) - round;
  };
}

/** A stroke `width` wide along the shape's edge. */
export const outline =
  (shape: Sdf, width: number): Sdf =>
  (x, y) =>
    Math.abs(shape(x, y) + width / 2) - width / 2;

export const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) => {
    let d = Infinity;
    for (const shape of shapes) d = Math.min(d, shape(x, y));
    return d;
  };

export const subtract =
  (shape: Sdf, hole: Sdf): Sdf =>
  (x, y) =>
    Math.max(shape(x, y), -hole(x, y));

/** The shape scaled by `scale` about the origin, then moved to (cx, cy). */
export const place =
  (shape: Sdf, cx: number, cy: number, scale: number): Sdf =>
  (x, y) =>
    shape((x - cx) / scale, (y - cy) / scale) * scale;
