/** What the tray shows for a snapshot: icon state, count, tooltip, and the menu's labels and toggles. */
import type { EngineSnapshot } from '../../common/engine';
import type { TrayMenuLabels } from './dictionary';
import { alertsPausedUntil, mutedUntil, trayMenuLabels, trayTooltip, type TextContext } from './messages';

export type TrayIconState = 'ok' | 'orders' | 'problem' | 'paused' | 'demo';

export interface TrayView {
  icon: { state: TrayIconState; count: number };
  tooltip: string;
  /** In the settings' language: a language change re-renders the menu. */
  menu: TrayMenuLabels;
  /** Orders waiting: the badge and the Windows overlay. */
  count: number;
  /** Reminders and escalations paused (for a stated time). */
  alertsPaused: boolean;
  /** Every sound off (at most 15 minutes). */
  muted: boolean;
  pollingPaused: boolean;
  canAcknowledge: boolean;
  startAtLogin: boolean;
}

export function trayView(snapshot: EngineSnapshot, ctx: TextContext, startAtLogin: boolean): TrayView {
  const count = snapshot.pending.length;
  const alertsPaused = alertsPausedUntil(snapshot, ctx.now) !== null;
  const muted = mutedUntil(snapshot, ctx.now) !== null;
  // A problem outranks orders: a count from a stale list would claim a calm that is not known.
  // In demo mode the icon always says so (it still carries the count).
  const state: TrayIconState =
    snapshot.health.status === 'problem'
      ? 'problem'
      : ctx.demo
        ? 'demo'
        : count > 0
          ? 'orders'
          : alertsPaused || muted || snapshot.paused
            ? 'paused'
            : 'ok';
  return {
    icon: { state, count: state === 'orders' || state === 'demo' ? count : 0 },
    tooltip: trayTooltip(snapshot, ctx),
    menu: trayMenuLabels(ctx.language),
    count,
    alertsPaused,
    muted,
    pollingPaused: snapshot.paused,
    canAcknowledge: snapshot.pending.some((t) => !t.acknowledged),
    startAtLogin,
  };
}
