/**
 * Whether the app may look for updates at all, and where. Off in development (unpackaged) builds,
 * in demo mode, when turned off in settings, and without a valid https:// feed.
 */
import type { Settings } from '../../common/settings';

export type UpdateAvailability = { enabled: true; feedUrl: string } | { enabled: false; reason: string };

export interface UpdateEnvironment {
  updates: Settings['updates'];
  /** Demo mode: from settings.mode or the --demo flag. */
  demo: boolean;
  /** app.isPackaged: false when running from sources (npm start). */
  packaged: boolean;
}

export function updateAvailability({ updates, demo, packaged }: UpdateEnvironment): UpdateAvailability {
  if (!packaged) return { enabled: false, reason: 'Updates are off in development builds.' };
  if (demo) return { enabled: false, reason: 'Updates are off in demo mode.' };
  if (!updates.enabled) return { enabled: false, reason: 'Updates are turned off in settings.' };
  const feed = updates.feedUrl.trim();
  if (feed === '') return { enabled: false, reason: 'No update feed is configured.' };
  let url: URL;
  try {
    url = new URL(feed);
  } catch {
    return { enabled: false, reason: 'The update feed address is not a valid URL.' };
  }
  if (url.protocol !== 'https:') return { enabled: false, reason: 'The update feed must be an https:// address.' };
  if (url.username || url.password) return { enabled: false, reason: 'The update feed address must not contain a user name or password.' };
  return { enabled: true, feedUrl: url.href };
}
