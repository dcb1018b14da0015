import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppLogger, openLogFolder, rotateLogFile } from '../../../main/desktop/log';
import { createRedactor, type Redactor } from '../../../main/redact';
import { recorder, shell } from '../../mocks/electron';

const CLIENT_SECRET = 'Zx9!client-secret-value-77';
const PASTED_TOKEN = 'a1b2c3d4e5f6-pasted-token';
const ISSUED_V1 = 'oauth_8c1e6f0d2b9a7c5e3f1d';
const ISSUED_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJicmFuZCI6Im9wZW5hcGl0ZXN0IiwiaWF0IjoxNzAwMDAwMDAwfQ.Sf1KxwRJSMeKKF2QT4fwpMe';
const ALL_SECRETS = [CLIENT_SECRET, PASTED_TOKEN, ISSUED_V1, ISSUED_JWT];

let folder: string;
let redactor: Redactor;
beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'logs-'));
  redactor = createRedactor();
  redactor.register(CLIENT_SECRET);
  redactor.register(PASTED_TOKEN);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const logText = () =>
  readdirSync(folder)
    .map((name) => readFileSync(path.join(folder, name), 'utf8'))
    .join('\n');

describe('app logger', () => {
  it('writes to a file in the logs folder and never writes a secret or token', () => {
    const logger = createAppLogger({ folder, redactor });
    logger.info(`auth for brand openapitest with secret ${CLIENT_SECRET}`);
    logger.log('warn', `POST /auth body {"client_id":"cid","client_secret":"${CLIENT_SECRET}","brand":"openapitest"}`);
    logger.info('request headers', { 'x-token': PASTED_TOKEN, 'x-brand': 'openapitest', 'x-venue': '1' });
    logger.info(`auth reply {"success":true,"token":"${ISSUED_V1}","expires_in":3600}`);
    logger.info(`renewed token ${ISSUED_JWT}`);
    logger.error(new Error(`request failed, x-token: ${PASTED_TOKEN}`));
    logger.warn(`url https://example.test/?secret=${encodeURIComponent(CLIENT_SECRET)}`);

    expect(readdirSync(folder)).toEqual(['main.log']);
    const text = logText();
    expect(text.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(7);
    expect(text).toContain('auth for brand openapitest with secret [redacted]');
    expect(text).toContain("'x-brand': 'openapitest'");
    expect(text).toContain('Error: request failed');
    for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(CLIENT_SECRET));
  });

  it('creates its folder on a first run, before the first line, so it can be opened at once', () => {
    const logs = path.join(folder, 'user-data', 'logs');
    const logger = createAppLogger({ folder: logs, redactor });
    expect(statSync(logs).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(statSync(logs).mode & 0o077).toBe(0);
    logger.info('first line');
    expect(readFileSync(logger.file, 'utf8')).toContain('first line');
  });

  it('writes only this user may read', () => {
    const logger = createAppLogger({ folder, redactor });
    logger.info('hello');
    if (process.platform !== 'win32') expect(statSync(logger.file).mode & 0o077).toBe(0);
  });

  it('skips levels below the configured one', () => {
    const logger = createAppLogger({ folder, redactor, level: 'info' });
    logger.debug('chatty detail');
    logger.info('kept line');
    expect(logText()).not.toContain('chatty detail');
    expect(logText()).toContain('kept line');
  });

  it('rotates at the size limit, keeps a bounded number of archives, and redacts in all of them', () => {
    const logger = createAppLogger({ folder, redactor, maxBytes: 400, archives: 2 });
    for (let i = 0; i < 60; i += 1) logger.info(`line ${i} with ${CLIENT_SECRET} and ${ISSUED_V1} padding padding padding`);
    expect(readdirSync(folder).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const name of readdirSync(folder)) expect(statSync(path.join(folder, name)).size).toBeLessThan(400 + 200);
    expect(logText()).toContain('line 59');
    for (const secret of ALL_SECRETS) expect(logText()).not.toContain(secret);
  });
});

describe('rotateLogFile', () => {
  it('shifts archives up and drops the oldest', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = path.join(folder, 'main.log');
    writeFileSync(file, 'current');
    writeFileSync(path.join(folder, 'main.1.log'), 'one');
    writeFileSync(path.join(folder, 'main.2.log'), 'two');
    rotateLogFile(file, 2);
    expect(readdirSync(folder).sort()).toEqual(['main.1.log', 'main.2.log']);
    expect(readFileSync(path.join(folder, 'main.1.log'), 'utf8')).toBe('current');
    expect(readFileSync(path.join(folder, 'main.2.log'), 'utf8')).toBe('one');
  });
});

describe('openLogFolder', () => {
  beforeEach(() => recorder.reset());

  it('opens the folder, creating it if nothing was logged yet', async () => {
    const logs = path.join(folder, 'not-yet');
    expect(await openLogFolder(shell, logs)).toEqual({ ok: true, value: undefined });
    expect(recorder.openedPaths).toEqual([logs]);
    expect(statSync(logs).isDirectory()).toBe(true);
  });

  it('reports a failure of the file manager as a value with the folder path', async () => {
    const result = await openLogFolder({ openPath: async () => 'No application is associated' }, folder);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringContaining(folder) } });
  });
});
