/** The three CLI commands, composed from the Clopos client, the watch engine and the printer. */
import { isWaiting } from '../../common/order';
import { POLL_INTERVAL_MIN_S } from '../../common/settings';
import { createCloposClient } from '../clopos';
import type { CloposClient } from '../clopos/types';
import { createAnnouncedFileStore, createWatchEngine, DEFAULT_ENGINE_OPTIONS, systemClock } from '../watch';
import type { CliConfig } from './args';
import type { Output } from './output';
import { formatAnnouncement, formatDiagnosis, formatDiagnosisJson, formatOrders, formatPollJson } from './printer';

/** Bound on a one-shot command: sign-in plus every page of every venue, each with its own timeout. */
const ONE_SHOT_TIMEOUT_MS = 120_000;
/** Bound on saving state after a stop signal, so a stuck disk cannot keep the process alive. */
const STOP_TIMEOUT_MS = 10_000;

type Level = 'debug' | 'info' | 'warn' | 'error';

function stderrLog(io: Output): (level: Level, message: string) => void {
  return (level, message) => {
    if (level === 'warn' || level === 'error') io.err(`${level}: ${message}`);
  };
}

function makeClient(config: CliConfig, io: Output): CloposClient {
  return createCloposClient(config.client, {
    fetch: globalThis.fetch,
    now: Date.now,
    credentials: async () => config.credentials,
    log: stderrLog(io),
    onSecret: (value) => io.register(value),
  });
}

export async function runCheck(config: CliConfig, json: boolean, io: Output): Promise<number> {
  const diagnosis = await makeClient(config, io).check(AbortSignal.timeout(ONE_SHOT_TIMEOUT_MS));
  io.out(json ? formatDiagnosisJson(diagnosis) : formatDiagnosis(diagnosis));
  return diagnosis.ok ? 0 : 1;
}

export async function runPollOnce(config: CliConfig, json: boolean, io: Output): Promise<number> {
  const result = await makeClient(config, io).listPending(AbortSignal.timeout(ONE_SHOT_TIMEOUT_MS));
  if (result.ok) {
    const { venues, skipped } = result.value;
    // A server that ignores the status filter also lists orders already handled: not pending.
    const orders = result.value.orders.filter(isWaiting);
    for (const item of skipped) io.err(`warn: Clopos sent an order the app cannot fully read: ${item}`);
    const problems = venues.flatMap((v) => [
      ...(v.error ? [`venue ${v.venueId} could not be listed (${v.error.kind}): ${v.error.message}`] : []),
      ...(v.incomplete ? [`venue ${v.venueId}: some pending orders cannot be seen (${v.incomplete})`] : []),
      ...(v.unreadable > 0 ? [`venue ${v.venueId}: ${v.unreadable} order(s) without a readable id cannot be shown`] : []),
    ]);
    for (const problem of problems) io.err(`error: ${problem}`);
    io.out(json ? formatPollJson({ ok: true, orders, venues }) : formatOrders(orders));
    // The orders that could be read are printed, but a partly blind listing is not a success.
    return problems.length > 0 ? 1 : 0;
  }
  if (json) io.out(formatPollJson({ ok: false, error: result.error }));
  else io.err(`Poll failed (${result.error.kind}): ${result.error.message}`);
  return 1;
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function runWatch(config: CliConfig, json: boolean, io: Output): Promise<number> {
  const { client: c } = config;
  const engine = createWatchEngine({
    source: makeClient(config, io),
    clock: systemClock,
    // One record per API, brand and server: order ids are only unique within a brand on one server.
    store: createAnnouncedFileStore({ dir: config.stateDir, scope: c }),
    announcer: { announce: (a) => io.out(formatAnnouncement(a, json, new Date())) },
    log: stderrLog(io),
    // Automatic (the default) unless --interval fixes one.
    options: config.intervalSeconds === null ? DEFAULT_ENGINE_OPTIONS : { ...DEFAULT_ENGINE_OPTIONS, cadence: 'fixed', pollIntervalSeconds: config.intervalSeconds },
  });
  const stopped = stopSignal();
  io.err(`Watching brand ${c.brand}, venue${c.venues.length === 1 ? '' : 's'} ${c.venues.join(', ')} ${config.intervalSeconds === null ? `as often as the rate budget allows (at most every ${POLL_INTERVAL_MIN_S} s)` : `every ${config.intervalSeconds} s`}. Stop with Ctrl+C.`);
  await engine.start();
  const signal = await stopped;
  io.err(`Stopping (${signal}), saving state…`);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    engine.stop().then(() => 'stopped' as const),
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    io.err('error: stopping took too long; the announced-orders record may not be saved.');
    return 1;
  }
  return 0;
}
