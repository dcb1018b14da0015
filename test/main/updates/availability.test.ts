import { describe, expect, it } from 'vitest';
import { updateAvailability } from '../../../main/updates';

const feed = 'https://updates.example.com/notifier/';
const env = (over: Partial<Parameters<typeof updateAvailability>[0]> = {}) => ({
  updates: { enabled: true, feedUrl: feed },
  demo: false,
  packaged: true,
  ...over,
});

describe('updateAvailability', () => {
  it('allows updates from an https feed in a packaged, live app', () => {
    expect(updateAvailability(env())).toEqual({ enabled: true, feedUrl: feed });
  });

  it.each([
    ['development (unpackaged)', env({ packaged: false }), /development/],
    ['demo mode', env({ demo: true }), /demo/],
    ['turned off', env({ updates: { enabled: false, feedUrl: feed } }), /turned off/],
    ['no feed', env({ updates: { enabled: true, feedUrl: '  ' } }), /No update feed/],
    ['plain http', env({ updates: { enabled: true, feedUrl: 'http://updates.example.com/' } }), /https/],
    ['file URL', env({ updates: { enabled: true, feedUrl: 'file:///tmp/feed' } }), /https/],
    ['credentials in URL', env({ updates: { enabled: true, feedUrl: 'https://u:p@updates.example.com/' } }), /user name/],
    ['garbage', env({ updates: { enabled: true, feedUrl: 'not a url' } }), /not a valid URL/],
  ])('is off with a reason: %s', (_name, input, reason) => {
    const result = updateAvailability(input);
    expect(result.enabled).toBe(false);
    if (!result.enabled) expect(result.reason).toMatch(reason);
  });
});
