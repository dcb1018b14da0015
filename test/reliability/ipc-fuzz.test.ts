/**
 * Hostile IPC payloads and a damaged settings file, through the real wiring of main (app-harness):
 * for every channel of the contract, 10,000 random payloads — valid ones, mutated valid ones and
 * arbitrary values — via the fake's ipcMain.invoke into registerInvokeHandlers and the real app
 * service. Each reply is a Result value that survives structured cloning (what Electron's IPC
 * does); a payload the contract refuses is answered `invalid-request` and changes neither the
 * settings file nor the secrets file by a single byte.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannels, type InvokeChannel } from '../../common/contract';
import { ERROR_KINDS } from '../../common/result';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { MAX_JSON_FILE_BYTES } from '../../main/settings/json-file';
import { createRandom } from '../../sim/generator';
import { recorder } from '../mocks/electron';
import { startApp } from './app-harness';
import { corrupt, CORRUPTIONS } from './corruptions';
import { MUTATIONS, mutate, otherType, type Json, type Random } from './json-mutator';
import { VirtualClock } from './virtual-clock';

vi.mock('electron', () => import('../mocks/electron'));

const SEED = Number(process.env.IPC_FUZZ_SEED ?? 7070);
const PER_CHANNEL = Number(process.env.IPC_FUZZ_CASES ?? 10_000);
const NOW = Date.parse('2026-03-02T12:00:00Z');

const CONNECTION = { api: 'v2', baseUrl: 'https://integrations.clopos.com/open-api', brand: 'openapitest', venues: ['1'], clientId: 'cid', integratorId: 'iid', timeZone: 'Asia/Baku' };

/** Payloads the contract accepts, per channel: the seeds the mutations start from. */
const VALID: Record<InvokeChannel, unknown[]> = {
  'notifier:get-app-info': [undefined],
  'notifier:get-state': [undefined],
  'notifier:acknowledge': [{ id: '10001' }, { id: 'ORD-1' }],
  'notifier:acknowledge-all': [undefined],
  'notifier:check-now': [undefined],
  'notifier:set-polling-paused': [{ paused: true }, { paused: false }],
  'notifier:pause-alerts': [{ minutes: 15 }, { minutes: 60 }],
  'notifier:mute-alerts': [{ minutes: 5 }, { minutes: 15 }],
  'notifier:resume-alerts': [undefined],
  'notifier:get-settings': [undefined],
  'notifier:set-settings': [
    { pollIntervalSeconds: 20 },
    { language: 'ru', startHidden: true },
    { alerts: { ...DEFAULT_SETTINGS.alerts, reminderSeconds: 60 } },
    { connection: CONNECTION, onboarded: true },
    { currency: { label: 'AZN', decimals: 2 }, receiptUrlTemplate: 'https://backoffice.example/receipts/{id}' },
    { mode: 'demo' },
    { mode: 'live', allowReject: true },
    { telegram: { enabled: true, chatId: '-1001234567890', orderMinutes: 5, outageMinutes: 10 } },
    { ledger: { retentionDays: 90 } },
  ],
  'notifier:set-secret': [
    { name: 'clientSecret', value: 'a-client-secret' },
    { name: 'token', value: 'oauth_abc' },
    { name: 'telegramToken', value: '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11' },
  ],
  'notifier:clear-secret': [{ name: 'clientSecret' }, { name: 'token' }, { name: 'telegramToken' }],
  'notifier:test-connection': [{}, { connection: CONNECTION }],
  'notifier:get-order': [{ id: '10001', venueId: '1' }, { id: 'ORD-1' }],
  'notifier:get-receipt': [{ id: '6' }],
  'notifier:reject-order': [{ id: '10001', venueId: '1' }],
  'notifier:open-external': [{ url: 'https://clopos.com' }, { url: 'javascript:alert(1)' }],
  'notifier:open-log-folder': [undefined],
  'notifier:check-for-updates': [undefined],
  'notifier:test-notification': [undefined],
  'notifier:print-slip': [{ id: '10001', venueId: '1' }, { id: 'ORD-1' }],
  'notifier:list-printers': [undefined],
  'notifier:dismiss-print-problem': [undefined],
  'notifier:get-report': [{ range: 'today' }, { range: '30d' }],
  'notifier:export-report': [{ range: 'yesterday' }, { range: '7d' }],
  'notifier:telegram-test': [undefined],
};

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Arbitrary values, including the ones that break careless code. */
function arbitrary(random: Random): unknown {
  const choices: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => otherType(random, 'x'),
    () => otherType(random, 1),
    () => otherType(random, {}),
    () => 'x'.repeat(Math.floor(random() * 50_000)),
    () => Array.from({ length: Math.floor(random() * 2_000) }, () => random()),
    () => JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"id":"1"}') as unknown,
    () => ({ id: { toString: 'not a function' } }),
    () => ({ paused: 'true', minutes: '5', name: 'clientSecret', value: 42 }),
    () => new Date(NOW),
    () => new Map([['id', '1']]),
    () => Symbol('x').toString(),
    () => ({ url: `https://${'a'.repeat(3000)}.example` }),
    () => {
      let nested: unknown = { id: '1' };
      for (let i = 0; i < 500; i += 1) nested = { connection: nested };
      return nested;
    },
  ];
  return pick(random, choices)();
}

function payloadFor(channel: InvokeChannel, random: Random): unknown {
  const roll = random();
  const seed = pick(random, VALID[channel]);
  if (roll < 0.3) return structuredClone(seed);
  if (roll < 0.75 && seed !== undefined) {
    let value = structuredClone(seed) as Json;
    for (let i = 0, n = 1 + Math.floor(random() * 2); i < n; i += 1) value = mutate(random, value, pick(random, MUTATIONS));
    return value;
  }
  return arbitrary(random);
}

let userData: string;
beforeEach(() => {
  recorder.reset();
  userData = mkdtempSync(path.join(os.tmpdir(), 'ipc-fuzz-'));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

const bytes = (file: string): string => (existsSync(file) ? readFileSync(file).toString('base64') : '(none)');

describe(`IPC fuzz (seed ${SEED})`, () => {
  it(`answers ${PER_CHANNEL} random payloads per channel with a Result; a refused one changes no stored byte`, async () => {
    const app = await startApp({ userData, clock: new VirtualClock(NOW) });
    const random = createRandom(SEED);
    const failures: string[] = [];
    const tally = { accepted: 0, refused: 0 };
    const channels = Object.keys(invokeChannels) as InvokeChannel[];
    const timing: string[] = [];
    for (const channel of channels) {
      const channelStart = Date.now();
      const schema = invokeChannels[channel].request;
      for (let i = 0; i < PER_CHANNEL; i += 1) {
        const payload = payloadFor(channel, random);
        const expectValid = schema.safeParse(payload).success;
        const before = expectValid ? null : [bytes(app.settingsFile), bytes(app.secretsFile)];
        let reply: unknown;
        try {
          reply = await app.invoke(channel, payload);
        } catch (thrown) {
          failures.push(`${channel} #${i}: invoke threw ${String(thrown)}`);
          continue;
        }
        const r = reply as { ok?: unknown; value?: unknown; error?: { kind?: unknown; message?: unknown } };
        try {
          structuredClone(reply);
        } catch (cause) {
          failures.push(`${channel} #${i}: reply cannot cross IPC (${String(cause)})`);
        }
        if (r.ok === true) {
          if (!expectValid) failures.push(`${channel} #${i}: accepted a payload the contract refuses`);
          tally.accepted += 1;
        } else if (r.ok === false && r.error && (ERROR_KINDS as readonly unknown[]).includes(r.error.kind) && typeof r.error.message === 'string') {
          if (!expectValid) {
            tally.refused += 1;
            if (r.error.kind !== 'invalid-request') failures.push(`${channel} #${i}: refused as ${String(r.error.kind)}, not invalid-request`);
            const after = [bytes(app.settingsFile), bytes(app.secretsFile)];
            if (after[0] !== before![0]) failures.push(`${channel} #${i}: a refused payload changed the settings file`);
            if (after[1] !== before![1]) failures.push(`${channel} #${i}: a refused payload changed the secrets file`);
          }
        } else {
          failures.push(`${channel} #${i}: not a Result: ${JSON.stringify(reply)?.slice(0, 200)}`);
        }
        if (failures.length > 50) break;
      }
      timing.push(`${channel.replace('notifier:', '')} ${Date.now() - channelStart} ms`);
    }
    // Main still works after all that.
    const state = (await app.invoke('notifier:get-state', undefined)) as { ok: boolean };
    await app.stop();
    console.log(`IPC fuzz seed ${SEED}: ${channels.length} channels × ${PER_CHANNEL}: ${tally.accepted} accepted, ${tally.refused} refused, ${failures.length} failures (${timing.join(', ')})`);
    expect(failures.slice(0, 20), `rerun with IPC_FUZZ_SEED=${SEED}`).toEqual([]);
    expect(state.ok).toBe(true);
    expect(tally.refused).toBeGreaterThan(channels.length * PER_CHANNEL * 0.3);
    expect(tally.accepted).toBeGreaterThan(channels.length * PER_CHANNEL * 0.1);
  }, 240_000);
});

describe('a damaged settings file', () => {
  const wrongTypes = { version: 'one', onboarded: 'yes', mode: 7, connection: [], pollIntervalSeconds: '10', alerts: null, language: { en: true } };
  it.each(CORRUPTIONS)('%s: the app starts on defaults, says so, and keeps the bad file as a backup', async (kind) => {
    const file = path.join(userData, 'settings.json');
    const valid = JSON.stringify({ ...DEFAULT_SETTINGS, pollIntervalSeconds: 20, onboarded: true }, null, 2);
    const damaged = corrupt(kind, valid, wrongTypes, MAX_JSON_FILE_BYTES + 1024, 11);
    writeFileSync(file, damaged);
    const app = await startApp({ userData, clock: new VirtualClock(NOW) });
    const reply = (await app.invoke('notifier:get-settings', undefined)) as { ok: true; value: { settings: unknown; warning: string | null } };
    const state = (await app.invoke('notifier:get-state', undefined)) as { ok: boolean };
    await app.stop();

    expect(reply.ok).toBe(true);
    expect(reply.value.settings).toEqual(DEFAULT_SETTINGS);
    expect(reply.value.warning).toMatch(/kept as/);
    expect(state.ok).toBe(true);
    const backups = readdirSync(userData).filter((n) => n.startsWith('settings.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(userData, backups[0]!)).equals(damaged)).toBe(true);
  });
});
