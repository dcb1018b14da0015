/**
 * Whether the app may look for updates at all, and where. Off in development (unpackaged) builds,
 * in demo mode, when turned off in settings, and without a valid https:// feed. The feed is the
 * build's own (electron-builder's `publish`, shipped as app-update.yml) or one IT gives on the
 * command line or in the environment — never one the window sets: that would let a script in the
 * window make the app install code from anywhere.
 */
import type { Settings } from '../../common/settings';

export type UpdateAvailability = { enabled: true; feedUrl: string } | { enabled: false; reason: string };

export interface UpdateFeeds {
  /** `--update-feed=…` or CLOPOS_NOTIFIER_UPDATE_FEED, null when IT gave none. */
  override: string | null;
  /** The feed the build was made with (app-update.yml), null when it has none. */
  build: string | null;
}

export interface UpdateEnvironment {
  updates: Settings['updates'];
  feeds: UpdateFeeds;
  /** Demo mode: from settings.mode or the --demo flag. */
  demo: boolean;
  /** app.isPackaged: false when running from sources (npm start). */
  packaged: boolean;
}

/** The placeholder domain the project's own builds publish to: no real feed. */
const PLACEHOLDER_HOST = /\.invalid$/i;

export function updateAvailability({ updates, feeds, demo, packaged }: UpdateEnvironment): UpdateAvailability {
  if (!packaged) return { enabled: false, reason: 'Updates are off in development builds.' };
  if (demo) return { enabled: false, reason: 'Updates are off in demo mode.' };
  if (!updates.enabled) return { enabled: false, reason: 'Updates are turned off in settings.' };
  const from = feeds.override !== null ? 'The update address IT gave' : 'The update address of this build';
  const feed = (feeds.override ?? feeds.build ?? '').trim();
  if (feed === '') return { enabled: false, reason: 'This build has no update address; IT can give one with --update-feed=https://….' };
  let url: URL;
  try {
    url = new URL(feed);
  } catch {
    return { enabled: false, reason: `${from} is not a valid URL.` };
  }
  if (url.protocol !== 'https:') return { enabled: false, reason: `${from} must be an https:// address.` };
  if (url.username || url.password) return { enabled: false, reason: `${from} must not contain a user name or password.` };
  if (feeds.override === null && PLACEHOLDER_HOST.test(url.hostname)) {
    return { enabled: false, reason: 'This build has no update address; IT can give one with --update-feed=https://….' };
  }
  return { enabled: true, feedUrl: url.href };
}

/** The `url` of a generic provider in electron-updater's app-update.yml, null when there is none. */
export function feedFromAppUpdateYml(text: string): string | null {
  const match = /^url:\s*['"]?([^'"\s#]+)['"]?\s*(?:#.*)?$/m.exec(text);
  return match?.[1] ?? null;
}
