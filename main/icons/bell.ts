/**
 * The app's mark — a service bell over a receipt edge — as one shape. Every icon (app icon,
 * installer icons, tray states, macOS template images) is drawn from this single source.
 * Local coordinates: the mark is centred on the origin and about 1 unit tall.
 */
import { circle, place, polygon, roundRect, subtract, union, type Sdf } from './raster';

const bellBody: Sdf = union(
  // knob
  circle(0, -0.42, 0.075),
  // dome
  circle(0, -0.1, 0.3),
  // skirt flaring out towards the rim
  polygon(
    [
      [-0.3, -0.1],
      [0.3, -0.1],
      [0.33, 0.12],
      [0.44, 0.22],
      [-0.44, 0.22],
      [-0.33, 0.12],
    ],
    0.01,
  ),
  // rim
  roundRect(-0.48, 0.2, 0.48, 0.3, 0.05),
);

/** A clapper under the rim, with a visible gap. */
const clapper: Sdf = circle(0, 0.405, 0.075);

/** A highlight cut out of the dome so the bell reads as a bell, not a blob, at large sizes. */
const shine: Sdf = polygon(
  [
    [-0.19, -0.02],
    [-0.13, -0.02],
    [-0.05, -0.26],
    [-0.1, -0.27],
  ],
  0.012,
);

/** The bell; `detailed` adds the highlight, which only blurs at tray sizes. */
export function bell(cx: number, cy: number, height: number, detailed: boolean): Sdf {
  const shape = union(detailed ? subtract(bellBody, shine) : bellBody, clapper);
  return place(shape, cx, cy, height);
}

/** The receipt the bell stands on: a strip with a torn (zigzag) lower edge. */
export function receipt(cx: number, top: number, width: number, height: number): Sdf {
  const teeth = 7;
  const left = cx - width / 2;
  const tooth = width / teeth;
  const points: [number, number][] = [
    [left, top],
    [left + width, top],
    [left + width, top + height],
  ];
  for (let i = teeth; i > 0; i--) {
    points.push([left + (i - 0.5) * tooth, top + height - tooth * 0.6]);
    points.push([left + (i - 1) * tooth, top + height]);
  }
  return polygon(points, width * 0.01);
}
