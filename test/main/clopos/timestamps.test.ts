/** Every documented timestamp form reads as the same instant; zone-less times use the configured zone. */
import { describe, expect, it } from 'vitest';
import { createTimestampParser } from '../../../main/clopos/timestamps';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('timestamps', () => {
  const utc = createTimestampParser('UTC');

  it('reads ISO "Z", microseconds, offsets, epoch seconds and epoch ms', () => {
    const expected = '2026-02-02T13:45:53.000Z';
    for (const value of [
      '2026-02-02T13:45:53Z',
      '2026-02-02T13:45:53.000000Z',
      '2026-02-02T17:45:53+04:00',
      '2026-02-02T17:45:53+0400',
      1770039953,
      1770039953000,
      '1770039953',
    ]) {
      expect(iso(utc(value)), String(value)).toBe(expected);
    }
    expect(iso(utc('2026-02-02T13:45:53.123456Z'))).toBe('2026-02-02T13:45:53.123Z');
  });

  it('reads zone-less text in the configured zone, across daylight-saving changes', () => {
    expect(iso(createTimestampParser('Asia/Baku')('2025-08-18 13:44:10'))).toBe('2025-08-18T09:44:10.000Z');
    const berlin = createTimestampParser('Europe/Berlin');
    expect(iso(berlin('2025-07-01 12:00:00'))).toBe('2025-07-01T10:00:00.000Z');
    expect(iso(berlin('2025-01-15 12:00:00'))).toBe('2025-01-15T11:00:00.000Z');
    expect(iso(berlin('2025-10-26 04:00:00'))).toBe('2025-10-26T03:00:00.000Z');
  });

  it('without a configured zone, zone-less text is the process zone', () => {
    const local = createTimestampParser();
    expect(local('2025-08-18 13:44:10')).toBe(new Date(2025, 7, 18, 13, 44, 10).getTime());
  });

  it('rejects what is not a timestamp', () => {
    for (const value of ['', 'yesterday', '2025-02-31 10:00:00', '2025-08-18 25:00:00', -5, null, {}, Number.NaN]) {
      expect(utc(value), JSON.stringify(value)).toBeNull();
    }
  });

  it('rejects instants a Date cannot hold, so every timestamp converts to ISO text', () => {
    for (const value of [Number.MAX_SAFE_INTEGER, '9007199254740993', 8.64e15 + 1, '9'.repeat(400), Number.POSITIVE_INFINITY]) {
      expect(utc(value), String(value)).toBeNull();
    }
    expect(iso(utc(8.64e15))).toBe('+275760-09-13T00:00:00.000Z');
  });

  it('an unknown zone is refused', () => {
    expect(() => createTimestampParser('Mars/Olympus')).toThrow(RangeError);
  });
});
