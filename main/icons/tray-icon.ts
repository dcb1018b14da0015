/**
 * Tray icons for each state of the notifier, drawn from the bell mark. Colour icons carry the state
 * in their background and badge; macOS template images (black + alpha, tinted by the OS) carry it
 * in shape only: a badge with the count, "!" or "D" knocked out, a dimmed bell when paused and an
 * outlined bell in demo mode.
 */
import { bell } from './bell';
import { text } from './glyphs';
import { encodePng } from './png';
import { circle, outline, rasterize, roundRect, segment, union, type Layer, type Rgba, type Sdf } from './raster';

export type TrayState = 'ok' | 'orders' | 'problem' | 'paused' | 'demo';

export interface TrayIconRequest {
  state: TrayState;
  /** Orders waiting; shown on the badge in the `orders` state (and `demo` when above 0). */
  count: number;
  /** Pixels; render 16 and 32 (2x) for the tray, 16 for the Windows overlay badge. */
  size: number;
  /** macOS menu-bar template image: black pixels with alpha only. */
  template?: boolean;
}

const WHITE: Rgba = [255, 255, 255, 1];
const BLACK: Rgba = [0, 0, 0, 1];
const BADGE_RED: Rgba = [229, 57, 53, 1];

const BACKGROUND: Record<TrayState, Rgba> = {
  ok: [25, 118, 210, 1],
  orders: [25, 118, 210, 1],
  problem: [198, 40, 40, 1],
  paused: [117, 117, 117, 1],
  demo: [123, 31, 162, 1],
};

/** "1".."9", then "9+": wider text would not fit a 16 px badge. */
export function badgeText(count: number): string {
  const n = Math.max(0, Math.floor(count));
  return n > 9 ? '9+' : String(n);
}

interface Badge {
  /** The badge disc. */
  disc: Sdf;
  /** The mark drawn in (or knocked out of) the disc. */
  mark: Sdf | null;
  colour: Rgba;
}

const BADGE_X = 0.72;
const BADGE_Y = 0.28;
const BADGE_R = 0.28;

function badgeFor(state: TrayState, count: number): Badge | null {
  const disc = circle(BADGE_X, BADGE_Y, BADGE_R);
  const label = (value: string): Sdf => text(value, BADGE_X, BADGE_Y, value.length > 1 ? 0.26 : 0.3, 0.22);
  switch (state) {
    case 'ok':
    case 'problem':
      return null;
    case 'orders':
      return { disc, mark: count > 0 ? label(badgeText(count)) : null, colour: BADGE_RED };
    case 'demo':
      return count > 0
        ? { disc, mark: label(badgeText(count)), colour: BADGE_RED }
        : { disc, mark: label('D'), colour: [255, 160, 0, 1] };
    case 'paused':
      return {
        disc,
        mark: union(
          segment(BADGE_X - 0.06, BADGE_Y - 0.11, BADGE_X - 0.06, BADGE_Y + 0.11, 0.035),
          segment(BADGE_X + 0.06, BADGE_Y - 0.11, BADGE_X + 0.06, BADGE_Y + 0.11, 0.035),
        ),
        colour: [66, 66, 66, 1],
      };
  }
}

/** A ring of transparency around the badge so it reads as separate from what is under it. */
const badgeGap = (): Sdf => circle(BADGE_X, BADGE_Y, BADGE_R + 0.06);

function colourLayers(state: TrayState, badge: Badge | null, detailed: boolean): Layer[] {
  const layers: Layer[] = [{ shape: roundRect(0.02, 0.02, 0.98, 0.98, 0.22), paint: BACKGROUND[state] }];
  if (state === 'problem') {
    layers.push({ shape: text('!', 0.5, 0.5, 0.66, 0.24), paint: WHITE });
    return layers;
  }
  layers.push({ shape: bell(0.46, 0.54, 0.74, detailed), paint: WHITE });
  if (badge) {
    layers.push({ shape: badgeGap(), erase: true });
    layers.push({ shape: badge.disc, paint: badge.colour });
    if (badge.mark) layers.push({ shape: badge.mark, paint: WHITE });
  }
  return layers;
}

function templateLayers(state: TrayState, badge: Badge | null): Layer[] {
  const dimmed: Rgba = [0, 0, 0, 0.45];
  const mark = bell(0.46, 0.52, 0.9, false);
  const layers: Layer[] = [
    { shape: state === 'demo' ? outline(mark, 0.09) : mark, paint: state === 'paused' ? dimmed : BLACK },
  ];
  const shown = state === 'problem' ? { disc: circle(BADGE_X, BADGE_Y, BADGE_R), mark: text('!', BADGE_X, BADGE_Y, 0.32, 0.24) } : badge;
  if (shown) {
    layers.push({ shape: badgeGap(), erase: true });
    layers.push({ shape: shown.disc, paint: BLACK });
    if (shown.mark) layers.push({ shape: shown.mark, erase: true });
  }
  return layers;
}

/** The tray icon for a state as a square PNG. */
export function renderTrayIcon(request: TrayIconRequest): Buffer {
  const { state, count, size, template = false } = request;
  const badge = badgeFor(state, count);
  return encodePng(rasterize(size, template ? templateLayers(state, badge) : colourLayers(state, badge, size >= 48)));
}
