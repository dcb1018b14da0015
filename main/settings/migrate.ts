/**
 * Turns whatever is in the settings file into valid current settings, without ever throwing: a
 * clerk must get a working notifier even when the file was hand-edited, half-written, or written
 * by another version. Old versions are migrated step by step; every field that is present but
 * invalid is replaced by its default on its own, so one bad value does not cost the user the rest.
 */
import { z } from 'zod';
import { isLoopbackHost } from '../../common/server-address';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, settingsSchema, type Settings } from '../../common/settings';

export interface MigrationResult {
  settings: Settings;
  /** A sentence for the user when something was dropped or reset; null when the file was fine. */
  warning: string | null;
}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 0 is the flat shape of the first prototype (no `version` key):
 * `{ apiVersion, baseUrl, brand, venueId, clientId, integratorId, pollInterval, soundEnabled,
 *    volume (0–100), language, startAtLogin, currency }`.
 * Fields are moved to where version 1 keeps them; their values are checked afterwards like any other.
 */
function fromV0(raw: Plain): Plain {
  const connection: Plain = {};
  if (raw.apiVersion !== undefined) connection.api = raw.apiVersion;
  if (raw.baseUrl !== undefined) connection.baseUrl = raw.baseUrl;
  if (raw.brand !== undefined) connection.brand = raw.brand;
  if (raw.venueId !== undefined) {
    connection.venues = typeof raw.venueId === 'number' || typeof raw.venueId === 'string' ? [String(raw.venueId)] : raw.venueId;
  }
  if (raw.clientId !== undefined) connection.clientId = raw.clientId;
  if (raw.integratorId !== undefined) connection.integratorId = raw.integratorId;

  const alerts: Plain = {};
  if (raw.soundEnabled !== undefined) alerts.sound = raw.soundEnabled;
  if (raw.volume !== undefined) alerts.volume = typeof raw.volume === 'number' ? raw.volume / 100 : raw.volume;

  const next: Plain = { version: SETTINGS_VERSION, connection, alerts };
  // A v0 user who had a brand configured had been through setup already.
  if (typeof raw.brand === 'string' && raw.brand.trim() !== '') next.onboarded = true;
  if (raw.pollInterval !== undefined) next.pollIntervalSeconds = raw.pollInterval;
  if (raw.language !== undefined) next.language = raw.language;
  if (raw.startAtLogin !== undefined) next.startAtLogin = raw.startAtLogin;
  if (raw.currency !== undefined) next.currency = { label: raw.currency };
  return next;
}

/**
 * The value if it is valid; else, for objects, each field repaired on its own and, for lists, the
 * valid entries kept; else the default. Missing fields take their default silently (a newer
 * release adding a setting is not a problem to report); invalid ones are listed in `replaced`.
 */
function repair(schema: z.ZodType, value: unknown, fallback: unknown, path: string, replaced: string[]): unknown {
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (schema instanceof z.ZodObject && isPlain(value) && isPlain(fallback)) {
    const out: Plain = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      out[key] = repair(field, value[key], fallback[key], path ? `${path}.${key}` : key, replaced);
    }
    return out;
  }
  replaced.push(path || 'all settings');
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    const element = schema.element as z.ZodType;
    const kept = value.flatMap((item) => {
      const one = element.safeParse(item);
      return one.success ? [one.data] : [];
    });
    const list = schema.safeParse(kept);
    if (list.success) return list.data;
  }
  return fallback;
}

/**
 * Credentials go only over https now (http only to this PC itself): a saved plain-http server
 * address keeps its host and moves to https, so the secret entered for it still goes to it.
 */
function upgradeToHttps(candidate: Plain): string | null {
  const connection = candidate.connection;
  if (!isPlain(connection) || typeof connection.baseUrl !== 'string') return null;
  let url: URL;
  try {
    url = new URL(connection.baseUrl.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return null;
  url.protocol = 'https:';
  connection.baseUrl = url.href.replace(/\/$/, '');
  return `The server address now uses https (${connection.baseUrl}): the app no longer sends credentials in clear text.`;
}

/**
 * The update address is no longer a setting the window can change: it comes from the build, or
 * from an IT override on the command line or in the environment.
 */
function dropUpdateFeed(candidate: Plain): string | null {
  const updates = candidate.updates;
  if (!isPlain(updates) || !('feedUrl' in updates)) return null;
  const feed = typeof updates.feedUrl === 'string' ? updates.feedUrl.trim() : '';
  delete updates.feedUrl;
  return feed
    ? `The update address ${feed} is no longer taken from the settings; IT can give it with --update-feed=${feed} or CLOPOS_NOTIFIER_UPDATE_FEED.`
    : null;
}

function describeVersion(version: unknown): string | null {
  if (version === undefined || version === 0 || version === SETTINGS_VERSION) return null;
  if (typeof version === 'number' && Number.isInteger(version) && version > SETTINGS_VERSION) {
    return `The settings were saved by a newer version of the app (format ${version}); settings this version does not know were dropped.`;
  }
  return 'The settings file had an unknown format version; it was read as the current format.';
}

export function migrate(raw: unknown): MigrationResult {
  if (!isPlain(raw)) {
    return {
      settings: structuredClone(DEFAULT_SETTINGS),
      warning: 'The settings file did not contain settings; the defaults are used.',
    };
  }
  const notes: string[] = [];
  const versionNote = describeVersion(raw.version);
  if (versionNote) notes.push(versionNote);

  const candidate = raw.version === undefined || raw.version === 0 ? fromV0(raw) : { ...raw, version: SETTINGS_VERSION };
  const upgraded = upgradeToHttps(candidate);
  if (upgraded) notes.push(upgraded);
  const feedNote = dropUpdateFeed(candidate);
  if (feedNote) notes.push(feedNote);
  const replaced: string[] = [];
  const repaired = repair(settingsSchema, candidate, DEFAULT_SETTINGS, '', replaced);
  if (replaced.length > 0) {
    notes.push(`Some settings were invalid and were reset to their defaults: ${replaced.join(', ')}.`);
  }
  // Field-by-field repair yields a valid object by construction; checking again keeps that promise
  // even if the schema later gains rules that span fields.
  const final = settingsSchema.safeParse(repaired);
  if (!final.success) {
    return {
      settings: structuredClone(DEFAULT_SETTINGS),
      warning: 'The settings could not be repaired; the defaults are used.',
    };
  }
  return { settings: final.data, warning: notes.length > 0 ? notes.join(' ') : null };
}
