/** The application icon (window, taskbar, installers, dock) drawn from the bell mark. */
import { bell, receipt } from './bell';
import { encodePng } from './png';
import { rasterize, roundRect, type RgbaImage, type Rgba } from './raster';

const TOP: Rgba = [33, 150, 243, 1];
const BOTTOM: Rgba = [13, 71, 161, 1];

const gradient = (_x: number, y: number): Rgba => {
  const t = Math.min(1, Math.max(0, (y - 0.06) / 0.88));
  return [TOP[0] + (BOTTOM[0] - TOP[0]) * t, TOP[1] + (BOTTOM[1] - TOP[1]) * t, TOP[2] + (BOTTOM[2] - TOP[2]) * t, 1];
};

/** The app icon's pixels at `size` x `size`. */
export function drawAppIcon(size: number): RgbaImage {
  return rasterize(size, [
    { shape: roundRect(0.06, 0.06, 0.94, 0.94, 0.2), paint: gradient },
    { shape: receipt(0.5, 0.5, 0.5, 0.34), paint: [255, 255, 255, 0.35] },
    { shape: bell(0.5, 0.47, 0.56, size >= 48), paint: [255, 255, 255, 1] },
  ]);
}

/** The app icon as a square PNG of `size` pixels. */
export function renderAppIcon(size: number): Buffer {
  return encodePng(drawAppIcon(size));
}
