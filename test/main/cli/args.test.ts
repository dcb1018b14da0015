import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, parseCli, secretValues } from '../../../main/cli/args';

const v2env = {
  CLOPOS_BRAND: 'openapitest',
  CLOPOS_VENUE: '1',
  CLOPOS_CLIENT_ID: 'cid',
  CLOPOS_CLIENT_SECRET: 'S3cr3t-value',
  CLOPOS_INTEGRATOR_ID: 'integ',
};

const usageError = (argv: string[], env: Record<string, string> = v2env) => {
  const parsed = parseCli(argv, env);
  if (parsed.kind !== 'usage-error') throw new Error(`expected a usage error, got ${parsed.kind}`);
  return parsed.message;
};

describe('parseCli', () => {
  it('reads the whole configuration from the environment with defaults', () => {
    expect(parseCli(['watch'], v2env)).toEqual({
      kind: 'run',
      command: { name: 'watch', json: false },
      config: {
        client: { api: 'v2', baseUrl: DEFAULT_BASE_URL, brand: 'openapitest', venues: ['1'], clientId: 'cid', integratorId: 'integ' },
        credentials: { clientSecret: 'S3cr3t-value' },
        intervalSeconds: null,
        stateDir: '.state',
      },
    });
  });

  it('lets flags override the environment, in both --flag value and --flag=value forms', () => {
    const parsed = parseCli(
      ['poll', '--once', '--json', '--api', 'v1', '--base-url=http://127.0.0.1:9/open-api', '--brand', 'b2', '--client-id=x', '--client-secret', 'other'],
      v2env,
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      command: { name: 'poll', json: true },
      config: { client: { api: 'v1', baseUrl: 'http://127.0.0.1:9/open-api', brand: 'b2', clientId: 'x' }, credentials: { clientSecret: 'other' } },
    });
  });

  it('collects venues from repeated flags and comma lists, without duplicates', () => {
    const parsed = parseCli(['check', '--venue', '1,2', '--venue', ' 3 ', '--venue=2'], v2env);
    expect(parsed.kind === 'run' && parsed.config.client.venues).toEqual(['1', '2', '3']);
    const fromEnv = parseCli(['check'], { ...v2env, CLOPOS_VENUE: '7, 8' });
    expect(fromEnv.kind === 'run' && fromEnv.config.client.venues).toEqual(['7', '8']);
  });

  it('accepts a token instead of client credentials', () => {
    const parsed = parseCli(['check'], { CLOPOS_BRAND: 'b', CLOPOS_VENUE: '1', CLOPOS_TOKEN: 'tok' });
    expect(parsed.kind === 'run' && parsed.config.credentials).toEqual({ token: 'tok' });
  });

  it('answers --help and help without needing any configuration', () => {
    expect(parseCli(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCli(['watch', '-h'], {})).toEqual({ kind: 'help' });
    expect(parseCli(['help'], {})).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /Name a command/],
    [['serve'], /Unknown command "serve"/],
    [['poll'], /poll needs --once/],
    [['watch', '--once'], /--once only applies to poll/],
    [['watch', 'extra'], /Unexpected extra argument/],
    [['watch', '--interval', '2'], /--interval must be a number of seconds from 3 to 300/],
    [['watch', '--interval', '301'], /from 3 to 300/],
    [['watch', '--interval', 'ten'], /from 3 to 300/],
    [['watch', '--api', 'v3'], /must be v1 or v2/],
    [['watch', '--base-url', 'ftp://x'], /https:\/\//],
    // The secret would cross the network in clear text.
    [['watch', '--base-url', 'http://integrations.clopos.com/open-api'], /https:\/\/ address \(http:\/\/ only for this computer itself\)/],
    [['watch', '--base-url', 'https://u:p@host'], /user name or password/],
    [['watch', '--brand'], /--brand needs a value/],
    [['watch', '--brand', 'a', '--brand', 'b'], /more than once/],
    [['watch', '--venue', 'a b'], /Venue id "a b"/],
    [['watch', '--json=yes'], /--json takes no value/],
  ])('rejects %j', (argv, message) => {
    expect(usageError(argv as string[])).toMatch(message);
  });

  it('names every missing setting with its flag and environment variable', () => {
    const message = usageError(['check'], {});
    expect(message).toContain('--brand or CLOPOS_BRAND');
    expect(message).toContain('--venue or CLOPOS_VENUE');
    expect(message).toContain('CLOPOS_CLIENT_SECRET');
    expect(usageError(['check'], { ...v2env, CLOPOS_INTEGRATOR_ID: '' })).toMatch(/integrator id for v2/);
    expect(usageError(['check'], { ...v2env, CLOPOS_CLIENT_ID: '' })).toMatch(/client id/);
    expect(parseCli(['check'], { ...v2env, CLOPOS_API: 'v1', CLOPOS_INTEGRATOR_ID: '' }).kind).toBe('run');
  });

  it('never repeats a secret in an error message', () => {
    const messages = [
      usageError(['watch', '--client-secrt=S3cr3t-value']),
      usageError(['S3cr3t-value', 'watch']),
      usageError(['watch', 'S3cr3t-value']),
      usageError(['watch', '--token=S3cr3t-value', '--interval', 'x']),
    ];
    for (const m of messages) expect(m).not.toContain('S3cr3t');
  });
});

describe('secretValues', () => {
  it('finds secrets in the environment and in both flag forms', () => {
    expect(
      secretValues(['--client-secret', 'a-secret', '--token=a-token'], { CLOPOS_CLIENT_SECRET: 'env-secret', CLOPOS_TOKEN: ' ' }).sort(),
    ).toEqual(['a-secret', 'a-token', 'env-secret']);
  });
});
