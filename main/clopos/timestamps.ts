/**
 * Clopos timestamps come in five forms (docs/clopos-api.md "Dates and money"): "2025-08-18 13:44:10"
 * (no zone), ISO with "Z" or an offset, ISO with microseconds, epoch seconds and epoch ms.
 * Everything becomes epoch ms here; the rest of the app only sees ISO 8601 UTC.
 */

/** Below this a number is epoch seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_SECONDS_LIMIT = 1e11;
/** The largest epoch ms a Date can hold (ECMA-262 TimeClip); beyond it toISOString throws. */
const MAX_DATE_MS = 8.64e15;

const ZONELESS_OR_ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Offset of the formatter's zone from UTC at instant `utcMs`, in ms (positive east of Greenwich). */
function zoneOffsetMs(formatter: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    offsetFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields in `timeZone` → epoch ms. Two passes settle DST transitions. */
function wallClockToEpoch(wallAsUtc: number, formatter: Intl.DateTimeFormat): number {
  const first = wallAsUtc - zoneOffsetMs(formatter, wallAsUtc);
  return wallAsUtc - zoneOffsetMs(formatter, first);
}

export type TimestampParser = (value: unknown) => number | null;

/**
 * A parser for every documented timestamp form, giving epoch ms or null when the value is not a
 * timestamp. `timeZone` (IANA) applies to zone-less text only; undefined means the process' zone.
 * Throws RangeError for an unknown zone.
 */
export function createTimestampParser(timeZone?: string): TimestampParser {
  const formatter = timeZone ? offsetFormatter(timeZone) : null;
  return (value) => representable(parseTimestamp(value, formatter));
}

/** Only instants a Date can hold count as timestamps, so every parsed value converts to ISO text. */
function representable(ms: number | null): number | null {
  return ms !== null && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : null;
}

function parseTimestamp(value: unknown, formatter: Intl.DateTimeFormat | null): number | null {
  if (typeof value === 'number') return epochNumber(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return epochNumber(Number(text));
  const m = ZONELESS_OR_ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (!validFields(wall, Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s))) return null;
  if (zone) {
    if (zone.toUpperCase() === 'Z') return wall;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
    return wall - offset;
  }
  if (formatter) return wallClockToEpoch(wall, formatter);
  // Local wall clock of this process: the Date constructor applies the process' zone and DST.
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms).getTime();
}

function epochNumber(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  return n < EPOCH_SECONDS_LIMIT ? Math.round(n * 1000) : Math.round(n);
}

/** Rejects "2025-02-31" and "25:00", which Date.UTC would silently roll over. */
function validFields(wall: number, y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  const date = new Date(wall);
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60
  );
}

export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
