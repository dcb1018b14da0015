import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redactPatterns, redactServerText } from '../../main/redact';

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

describe('what a server might do to a secret before echoing it', () => {
  // A secret with characters each encoder treats differently: RFC 3986 reserved marks, `~`, `*`,
  // a space, a slash and a letter outside ASCII.
  const secret = "S3cret!(x)'~y*z/é w";
  const hex = (ch: string) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;
  const encodings: [string, string][] = [
    ['encodeURIComponent', encodeURIComponent(secret)],
    ['encodeURIComponent with lower-case hex', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['form encoding (URLSearchParams)', new URLSearchParams({ s: secret }).toString().slice(2)],
    ['RFC 3986 (PHP rawurlencode, Python quote)', encodeURIComponent(secret).replace(/[!'()*]/g, hex)],
    ['PHP urlencode (only -_. kept, space as +)', encodeURIComponent(secret).replace(/[!'()*~]/g, hex).replace(/%20/g, '+')],
    ['JSON with escaped slashes and non-ASCII (PHP json_encode)', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/').replace(/é/g, '\\u00e9')],
    ['JSON with upper-case \\u escapes (Python json.dumps)', JSON.stringify(secret).slice(1, -1).replace(/é/g, '\\u00E9')],
  ];

  it.each(encodings)('removes it %s', (_name, encoded) => {
    expect(createRedactor([secret]).redact(`you sent "${encoded}" here`)).toBe(`you sent "${REDACTED}" here`);
  });

  it('removes both of two secrets that overlap without one containing the other', () => {
    const r = createRedactor(['abcdefgh', 'efghijkl']);
    expect(r.redact('xx abcdefghijkl yy')).toBe(`xx ${REDACTED} yy`);
  });

  it('does not mangle a key whose secret value it already removed', () => {
    expect(createRedactor(['form-secret-99']).redact('client_secret=form-secret-99&brand=b')).toBe(`client_secret=${REDACTED}&brand=b`);
  });
});

describe('secrets shorter than 4 characters', () => {
  it('are removed where they stand alone, but ids and words that merely contain them are kept', () => {
    const r = createRedactor(['ab']);
    const reply = { id: 'ab-1001', number: 'ab12', name: 'Abbas Kabab', message: 'Clopos said: you sent "ab" (client_id:ab)' };
    expect(r.redactDeep(reply)).toEqual({ ...reply, message: `Clopos said: you sent "${REDACTED}" (client_id:${REDACTED})` });
  });

  it('are removed anywhere in the server text quoted for the call that sent them', () => {
    expect(redactServerText('refused xab1 for client', ['ab1'])).toBe(`refused x${REDACTED} for client`);
  });
});

describe('how many secrets a long-running app keeps', () => {
  it('forgets the oldest of more than it can search cheaply, never one registered again since', () => {
    const r = createRedactor(['the-client-secret']);
    // Every sign-in reads the client secret again and is issued a new token (months of renewals).
    for (let i = 0; i < 1000; i += 1) {
      r.register('the-client-secret');
      r.register(`issued-token-${String(i).padStart(4, '0')}`);
    }
    expect(r.redact('the-client-secret issued-token-0999 issued-token-0990')).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
    expect(r.redact('issued-token-0000')).toBe('issued-token-0000');
  });
});

describe('server text quoted in a message', () => {
  it('is cut to a length a message can carry without leaving half a secret the app knows elsewhere', () => {
    const token = 'tok123456abc';
    // The token straddles the cut: the client quoting the text does not know it, the app's redactor does.
    const text = `${'word '.repeat(38)}x ${token} more`;
    const quoted = redactServerText(text);
    expect(quoted.length).toBeLessThanOrEqual(201);
    expect(quoted.startsWith('word word')).toBe(true);
    expect(createRedactor([token]).redact(quoted)).not.toContain('tok1');
  });
});
