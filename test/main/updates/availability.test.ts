import { describe, expect, it } from 'vitest';
import { feedFromAppUpdateYml, updateAvailability } from '../../../main/updates';

const feed = 'https://updates.example.com/notifier/';
const env = (over: Partial<Parameters<typeof updateAvailability>[0]> = {}) => ({
  updates: { enabled: true },
  feeds: { override: null, build: feed },
  demo: false,
  packaged: true,
  ...over,
});

describe('updateAvailability', () => {
  it('allows updates from the build\'s https feed in a packaged, live app', () => {
    expect(updateAvailability(env())).toEqual({ enabled: true, feedUrl: feed });
  });

  it('takes the feed IT gives over the build\'s', () => {
    expect(updateAvailability(env({ feeds: { override: 'https://it.example.com/feed/', build: feed } }))).toEqual({
      enabled: true,
      feedUrl: 'https://it.example.com/feed/',
    });
  });

  it.each([
    ['development (unpackaged)', env({ packaged: false }), /development/],
    ['demo mode', env({ demo: true }), /demo/],
    ['turned off', env({ updates: { enabled: false } }), /turned off/],
    ['no feed in the build and none from IT', env({ feeds: { override: null, build: null } }), /no update address.*--update-feed/],
    ['the placeholder feed of the project\'s own builds', env({ feeds: { override: null, build: 'https://updates.invalid/clopos-order-notifier' } }), /no update address/],
    ['plain http from IT', env({ feeds: { override: 'http://updates.example.com/', build: null } }), /IT gave must be an https/],
    ['file URL', env({ feeds: { override: null, build: 'file:///tmp/feed' } }), /https/],
    ['credentials in URL', env({ feeds: { override: 'https://u:p@updates.example.com/', build: null } }), /user name/],
    ['garbage', env({ feeds: { override: 'not a url', build: null } }), /not a valid URL/],
  ])('is off with a reason: %s', (_name, input, reason) => {
    const result = updateAvailability(input);
    expect(result.enabled).toBe(false);
    if (!result.enabled) expect(result.reason).toMatch(reason);
  });
});

describe('the build\'s feed', () => {
  it('is read from electron-builder\'s app-update.yml', () => {
    expect(feedFromAppUpdateYml('provider: generic\nurl: https://updates.example.com/notifier\nupdaterCacheDirName: x\n')).toBe('https://updates.example.com/notifier');
    expect(feedFromAppUpdateYml("provider: generic\nurl: 'https://q.example.com/a' # quoted\n")).toBe('https://q.example.com/a');
    expect(feedFromAppUpdateYml('provider: github\nowner: x\n')).toBeNull();
  });
});
