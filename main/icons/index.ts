/**
 * The project's icons, drawn in code from one mark (bell.ts) and encoded without image libraries.
 * Electron-free: the tray adapter turns these PNG buffers into native images, and
 * scripts/icons.mjs writes the installer icons from the same functions.
 */
export { drawAppIcon, renderAppIcon } from './app-icon';
export { badgeText, renderTrayIcon, type TrayIconRequest, type TrayState } from './tray-icon';
export { encodePng } from './png';
export { encodeIco } from './ico';
export { encodeIcns, ICNS_SIZES, type IcnsImage } from './icns';
