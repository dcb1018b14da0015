import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redactPatterns } from '../../main/redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMiLCJicmFuZCI6Im9wZW5hcGl0ZXN0In0.c2lnbmF0dXJlLXBhcnQ';

describe('redactPatterns', () => {
  it.each([
    ['x-token header', 'GET /orders x-token: oauth_abc123XYZ', 'oauth_abc123XYZ'],
    ['x-token in a headers object', '{"x-token":"plain-token-value-42","x-brand":"openapitest"}', 'plain-token-value-42'],
    ['client_secret in a JSON body', '{"client_id":"id-1","client_secret":"s3cr3t-value","brand":"b"}', 's3cr3t-value'],
    ['clientSecret in a JS object dump', "{ clientSecret: 'another-secret-value' }", 'another-secret-value'],
    ['form encoded secret', 'client_secret=form-secret-99&brand=b', 'form-secret-99'],
    ['v1 token anywhere', 'auth ok, got oauth_7f3a9c2e1b0d for venue 1', 'oauth_7f3a9c2e1b0d'],
    ['a JWT anywhere', `renewed ${JWT} expires 3600`, JWT],
    ['authorization bearer', 'Authorization: Bearer abcdefghijklmnop', 'abcdefghijklmnop'],
    ['token field of an auth reply', '{"success":true,"token":"tok-abc-123","expires_in":3600}', 'tok-abc-123'],
  ])('removes %s', (_name, line, secret) => {
    const out = redactPatterns(line);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('keeps ordinary lines readable', () => {
    const line = 'poll ok: 2 pending orders for brand openapitest venue 1 in 120 ms';
    expect(redactPatterns(line)).toBe(line);
  });

  it('keeps the key so a reader knows what was removed', () => {
    expect(redactPatterns('{"client_secret":"abc-def"}')).toBe(`{"client_secret":"${REDACTED}"}`);
  });
});

describe('createRedactor', () => {
  it('removes a registered secret that has no recognisable shape', () => {
    const redactor = createRedactor();
    redactor.register('horse battery staple');
    expect(redactor.redact('failed with horse battery staple in body')).toBe(`failed with ${REDACTED} in body`);
  });

  it('removes the URL-encoded and JSON-escaped forms of a registered secret', () => {
    const redactor = createRedactor();
    const secret = 'p@ss w/"quote"';
    redactor.register(secret);
    const out = redactor.redact(`url=${encodeURIComponent(secret)} json=${JSON.stringify({ v: secret })}`);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
  });

  it('removes the longer of two overlapping secrets whole', () => {
    const redactor = createRedactor();
    redactor.register('abcd');
    redactor.register('abcdefgh');
    expect(redactor.redact('x abcdefgh y')).toBe(`x ${REDACTED} y`);
  });

  it('ignores an empty registration instead of redacting everything', () => {
    const redactor = createRedactor();
    redactor.register('');
    expect(redactor.redact('nothing secret here')).toBe('nothing secret here');
  });
});

describe('every spelling of a registered secret', () => {
  const secret = 'Sekr3t/with+odd=chars';
  const b64 = (value: string) => Buffer.from(value).toString('base64');
  const b64url = (value: string) => Buffer.from(value).toString('base64url');

  it('removes it form-encoded, URL-encoded and JSON-escaped', () => {
    const r = createRedactor([secret]);
    const text = `a=${encodeURIComponent(secret)}&b=${encodeURIComponent(secret).replace(/%20/g, '+')} ${JSON.stringify({ s: secret })}`;
    expect(r.redact(text)).not.toContain(encodeURIComponent(secret));
    expect(r.redact(`q=${new URLSearchParams({ s: 'hello world ' + secret }).toString()}`)).not.toContain('Sekr3t');
  });

  it('removes it base64-encoded alone and inside a longer base64 run, at every byte alignment, in both alphabets', () => {
    const r = createRedactor([secret]);
    for (const prefix of ['', 'a', 'ab', 'abc', 'client-id:', 'x:']) {
      for (const encode of [b64, b64url]) {
        const encoded = encode(`${prefix}${secret}tail`);
        const out = r.redact(`Authorization: Basic-ish ${encoded}`);
        // What is left cannot be decoded back to the secret.
        const leftovers = out.split(/[^A-Za-z0-9+/_=-]+/).filter((w) => w.length > 0);
        for (const word of leftovers) expect(Buffer.from(word, 'base64').toString('latin1')).not.toContain('Sekr3t');
      }
    }
  });

  it('leaves ordinary text alone and walks a whole value (reply, event, notification)', () => {
    const r = createRedactor(['tok123456']);
    expect(r.redact('nothing to see here')).toBe('nothing to see here');
    const value = { ok: true, value: { health: { error: { message: `echo tok123456 and ${b64('tok123456')}` } }, list: ['tok123456', 3, null] } };
    expect(JSON.stringify(r.redactDeep(value))).not.toMatch(/tok123456|dG9rMTIzNDU2/);
    expect(r.redactDeep(value).value.list[1]).toBe(3);
  });
});
