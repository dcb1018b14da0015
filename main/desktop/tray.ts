/** The tray icon, tooltip and menu; renders a TrayView and hands menu clicks to the actions. */
import type { TrayActions } from '../app/ports';
import type { TrayIconState, TrayView } from '../app/tray-view';

export type { TrayActions };

export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
  submenu?: TrayMenuItem[];
}

interface TrayLike<I, M> {
  setImage(image: I): void;
  setToolTip(tooltip: string): void;
  setContextMenu(menu: M): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayApi<I, M> {
  Tray: new (image: I) => TrayLike<I, M>;
  Menu: { buildFromTemplate(template: TrayMenuItem[]): M };
  nativeImage: { createFromBuffer(buffer: Buffer, options?: { scaleFactor?: number }): I };
}

export type IconRenderer = (input: { state: TrayIconState; count: number; size: number; template?: boolean }) => Buffer;

export interface AppTray {
  render(view: TrayView): void;
  destroy(): void;
}

/** Drawn at 2x so it stays sharp on high-density screens. */
const ICON_SIZE = 32;

export function trayMenu(view: TrayView, actions: TrayActions): TrayMenuItem[] {
  const labels = view.menu;
  const alerts: TrayMenuItem[] =
    view.alertsPaused || view.muted
      ? [{ label: labels.resumeAlerts, click: () => actions.resumeAlerts() }]
      : [
          {
            label: labels.pauseAlerts,
            submenu: [
              { label: labels.pause15, click: () => actions.pauseAlerts(15) },
              { label: labels.pause60, click: () => actions.pauseAlerts(60) },
            ],
          },
          {
            label: labels.muteAlerts,
            submenu: [
              { label: labels.mute5, click: () => actions.muteAlerts(5) },
              { label: labels.mute15, click: () => actions.muteAlerts(15) },
            ],
          },
        ];
  return [
    { label: labels.open, click: () => actions.open() },
    { label: labels.checkNow, click: () => actions.checkNow() },
    { label: labels.acknowledgeAll, enabled: view.canAcknowledge, click: () => actions.acknowledgeAll() },
    ...alerts,
    { type: 'separator' },
    { label: labels.startAtLogin, type: 'checkbox', checked: view.startAtLogin, click: () => actions.setStartAtLogin(!view.startAtLogin) },
    { label: labels.openLogFolder, click: () => actions.openLogFolder() },
    { type: 'separator' },
    { label: labels.quit, click: () => actions.quit() },
  ];
}

export function createAppTray<I, M>(
  api: TrayApi<I, M>,
  deps: { renderIcon: IconRenderer; actions: TrayActions; platform: NodeJS.Platform; initial: TrayView },
): AppTray {
  const image = (view: TrayView): I => {
    // macOS tints template images for light and dark menu bars; they carry the state in shape.
    const template = deps.platform === 'darwin';
    const png = deps.renderIcon({ ...view.icon, size: ICON_SIZE, template });
    return api.nativeImage.createFromBuffer(png, { scaleFactor: 2 });
  };
  const tray = new api.Tray(image(deps.initial));
  tray.on('click', () => deps.actions.open());
  let shown: TrayView | null = null;

  const render = (view: TrayView): void => {
    if (shown && JSON.stringify(shown.icon) !== JSON.stringify(view.icon)) tray.setImage(image(view));
    if (!shown || shown.tooltip !== view.tooltip) tray.setToolTip(view.tooltip);
    const menuChanged =
      !shown ||
      JSON.stringify(shown.menu) !== JSON.stringify(view.menu) ||
      shown.alertsPaused !== view.alertsPaused ||
      shown.muted !== view.muted ||
      shown.canAcknowledge !== view.canAcknowledge ||
      shown.startAtLogin !== view.startAtLogin;
    if (menuChanged) tray.setContextMenu(api.Menu.buildFromTemplate(trayMenu(view, deps.actions)));
    shown = view;
  };
  render(deps.initial);

  return { render, destroy: () => tray.destroy() };
}
