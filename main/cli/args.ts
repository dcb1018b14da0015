/**
 * Command line and environment → what the CLI should do. Pure: no I/O, so every rule is tested
 * without spawning a process. Error messages never repeat the value of a secret.
 */
import { isAllowedServerUrl } from '../../common/server-address';
import { REPORT_RANGES, type ReportRange } from '../../common/report';
import { DEFAULT_SETTINGS, POLL_INTERVAL_MAX_S, POLL_INTERVAL_MIN_S, settingRange } from '../../common/settings';
import { defaultLedgerDir } from './app-data';
import type { ClientConfig, Credentials } from '../clopos/types';

export const DEFAULT_BASE_URL = 'https://integrations.clopos.com/open-api';
export const DEFAULT_STATE_DIR = '.state';

export type CliCommand =
  | { name: 'help' }
  | { name: 'check'; json: boolean }
  | { name: 'poll'; json: boolean }
  | { name: 'watch'; json: boolean }
  | ReportCommand;

/** `report --since …`: the owner's report over the app's ledger; needs no connection. */
export interface ReportCommand {
  name: 'report';
  json: boolean;
  since: ReportRange;
  /** The ledger folder: --ledger, else the app's (its user-data folder's `ledger`). */
  ledgerDir: string;
  /** --time-zone (IANA) for days and hours; '' = this PC's. */
  timeZone: string;
  escalationMinutes: number;
}

export interface CliConfig {
  client: ClientConfig;
  credentials: Credentials;
  /** A fixed poll interval; null = the automatic cadence (as often as the rate budget allows). */
  intervalSeconds: number | null;
  stateDir: string;
}

export type RunCommand = Exclude<CliCommand, { name: 'help' } | ReportCommand>;

export type ParsedCli =
  | { kind: 'help' }
  | { kind: 'report'; command: ReportCommand }
  | { kind: 'run'; command: RunCommand; config: CliConfig }
  | { kind: 'usage-error'; message: string };

type Env = Readonly<Record<string, string | undefined>>;

/** Flags that take a value, with the environment variable that can stand in for each. */
const VALUE_FLAGS = {
  api: 'CLOPOS_API',
  'base-url': 'CLOPOS_BASE_URL',
  brand: 'CLOPOS_BRAND',
  venue: 'CLOPOS_VENUE',
  'client-id': 'CLOPOS_CLIENT_ID',
  'client-secret': 'CLOPOS_CLIENT_SECRET',
  'integrator-id': 'CLOPOS_INTEGRATOR_ID',
  token: 'CLOPOS_TOKEN',
  interval: null,
  'state-dir': null,
  since: null,
  ledger: null,
  'time-zone': null,
  'escalation-minutes': null,
} as const satisfies Record<string, string | null>;
type ValueFlag = keyof typeof VALUE_FLAGS;
const SWITCHES = ['json', 'once', 'help'] as const;
type Switch = (typeof SWITCHES)[number];
const COMMANDS = ['check', 'poll', 'watch', 'report', 'help'] as const;
type CommandName = (typeof COMMANDS)[number];

const ID_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

export const USAGE = `Clopos Order Notifier — headless CLI

Usage: npm run --silent cli -- <command> [options]

Commands:
  check                 sign in, read the first page of pending orders and explain what works
                        and what to fix (exit 0 only when all is well)
  poll --once [--json]  list the pending orders once (every page, every venue)
  watch [--json]        announce new orders, reminders, escalations and connection problems
                        until Ctrl+C / SIGTERM (one JSON line per announcement with --json)
  report --since today|yesterday|7d|30d [--json]
                        the owner's report from the app's order history on this PC: orders,
                        time to Seen and to acceptance (median, 90th percentile), orders that
                        waited, never accepted, minutes Clopos was unreachable, per channel and
                        venue, the slowest orders (needs no connection)
  help, --help          this text

Options (each also read from the environment variable shown):
  --api v1|v2              API generation (CLOPOS_API, default v2)
  --base-url URL           (CLOPOS_BASE_URL, default ${DEFAULT_BASE_URL})
  --brand NAME             (CLOPOS_BRAND)
  --venue ID               repeat or comma-separate for several venues (CLOPOS_VENUE)
  --client-id ID           (CLOPOS_CLIENT_ID)
  --client-secret SECRET   (CLOPOS_CLIENT_SECRET; prefer the variable: command lines are visible to other users)
  --integrator-id ID       v2 only (CLOPOS_INTEGRATOR_ID)
  --token TOKEN            a ready-made token instead of the secret; it expires within an hour (CLOPOS_TOKEN)
  --interval SECONDS       fixed poll interval for watch, ${POLL_INTERVAL_MIN_S}..${POLL_INTERVAL_MAX_S} (default: automatic,
                           as often as the rate budget the replies report allows)
  --state-dir DIR          where watch remembers announced orders (default ${DEFAULT_STATE_DIR})
  --ledger DIR             report: the order history folder (default: the app's, on this PC)
  --time-zone ZONE         report: the IANA zone days and hours are counted in (default: this PC's)
  --escalation-minutes N   report: "waited" means longer than N minutes unseen (default ${DEFAULT_SETTINGS.alerts.escalationMinutes})

Exit codes: 0 success, 1 Clopos or the check failed, 2 bad usage.`;

class UsageError extends Error {}

interface RawArgs {
  positionals: string[];
  values: Partial<Record<ValueFlag, string[]>>;
  switches: Set<Switch>;
}

const isValueFlag = (name: string): name is ValueFlag => Object.hasOwn(VALUE_FLAGS, name);
const isSwitch = (name: string): name is Switch => (SWITCHES as readonly string[]).includes(name);

function tokenize(argv: readonly string[]): RawArgs {
  const raw: RawArgs = { positionals: [], values: {}, switches: new Set() };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '-h') {
      raw.switches.add('help');
      continue;
    }
    if (!arg.startsWith('--')) {
      raw.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (isSwitch(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      raw.switches.add(name);
      continue;
    }
    // Only the flag's name is ever echoed: a mistyped --client-secret=… must not print the secret.
    if (!isValueFlag(name)) throw new UsageError(`Unknown option --${name}.`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
      value = next;
      i += 1;
    }
    (raw.values[name] ??= []).push(value);
  }
  return raw;
}

function single(raw: RawArgs, env: Env, name: ValueFlag): string | undefined {
  const given = raw.values[name];
  if (given && given.length > 1) throw new UsageError(`--${name} was given more than once.`);
  const envName = VALUE_FLAGS[name];
  const value = given?.[0] ?? (envName ? env[envName] : undefined);
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseCommand(raw: RawArgs): CliCommand {
  if (raw.switches.has('help')) return { name: 'help' };
  const [first, ...rest] = raw.positionals;
  if (first === undefined) throw new UsageError('Name a command: check, poll --once, watch or report --since ….');
  if (!(COMMANDS as readonly string[]).includes(first)) {
    // Echo only what looks like a command word: a stray argument may be a secret.
    const shown = /^[a-z-]{1,20}$/.test(first) ? ` "${first}"` : '';
    throw new UsageError(`Unknown command${shown}; use check, poll --once, watch or report --since ….`);
  }
  if (rest.length > 0) throw new UsageError(`Unexpected extra argument after "${first}" (${rest.length} more).`);
  const name = first as CommandName;
  if (name === 'help') return { name: 'help' };
  const json = raw.switches.has('json');
  if (name === 'poll') {
    if (!raw.switches.has('once')) throw new UsageError('poll needs --once (to keep polling, use watch).');
    return { name, json };
  }
  if (raw.switches.has('once')) throw new UsageError(`--once only applies to poll.`);
  if (name === 'report') throw new UsageError('report is parsed apart');
  return { name, json };
}

function parseReport(raw: RawArgs, env: Env): ReportCommand {
  if (raw.switches.has('once')) throw new UsageError(`--once only applies to poll.`);
  const since = single(raw, env, 'since');
  if (since === undefined) throw new UsageError(`report needs --since: ${REPORT_RANGES.join(', ')}.`);
  if (!(REPORT_RANGES as readonly string[]).includes(since)) throw new UsageError(`--since must be one of ${REPORT_RANGES.join(', ')}.`);
  const timeZone = single(raw, env, 'time-zone') ?? '';
  if (timeZone !== '') {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      throw new UsageError('--time-zone must be an IANA time zone such as Asia/Baku.');
    }
  }
  const range = settingRange('alerts.escalationMinutes') ?? { min: 1, max: 120 };
  const minutesText = single(raw, env, 'escalation-minutes');
  const minutes = minutesText === undefined ? DEFAULT_SETTINGS.alerts.escalationMinutes : Number(minutesText);
  if (!Number.isInteger(minutes) || minutes < range.min || minutes > range.max) {
    throw new UsageError(`--escalation-minutes must be a whole number from ${range.min} to ${range.max}.`);
  }
  return {
    name: 'report',
    json: raw.switches.has('json'),
    since: since as ReportRange,
    ledgerDir: single(raw, env, 'ledger') ?? defaultLedgerDir(env),
    timeZone,
    escalationMinutes: minutes,
  };
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError('--base-url / CLOPOS_BASE_URL must be an http:// or https:// address.');
  }
  if (url.username || url.password) throw new UsageError('--base-url must not contain a user name or password.');
  // The secret goes there: in clear text only to this computer itself (the simulator).
  if (!isAllowedServerUrl(url)) throw new UsageError('--base-url must be an https:// address (http:// only for this computer itself).');
  return value;
}

function parseVenues(raw: RawArgs, env: Env): string[] {
  const given = raw.values.venue ?? (env.CLOPOS_VENUE !== undefined ? [env.CLOPOS_VENUE] : []);
  const venues = [...new Set(given.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''))];
  const bad = venues.find((v) => !ID_PATTERN.test(v));
  if (bad !== undefined) throw new UsageError(`Venue id "${bad.slice(0, 40)}" may only hold letters, digits, dot, dash and underscore.`);
  return venues;
}

function parseInterval(value: string | undefined): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds < POLL_INTERVAL_MIN_S || seconds > POLL_INTERVAL_MAX_S) {
    throw new UsageError(`--interval must be a number of seconds from ${POLL_INTERVAL_MIN_S} to ${POLL_INTERVAL_MAX_S}.`);
  }
  return seconds;
}

function parseConfig(raw: RawArgs, env: Env): CliConfig {
  const api = single(raw, env, 'api') ?? 'v2';
  if (api !== 'v1' && api !== 'v2') throw new UsageError('--api / CLOPOS_API must be v1 or v2.');
  const baseUrl = parseBaseUrl(single(raw, env, 'base-url') ?? DEFAULT_BASE_URL);
  const brand = single(raw, env, 'brand');
  const venues = parseVenues(raw, env);
  const clientId = single(raw, env, 'client-id');
  const clientSecret = single(raw, env, 'client-secret');
  const integratorId = single(raw, env, 'integrator-id');
  const token = single(raw, env, 'token');

  const missing: string[] = [];
  if (!brand) missing.push('the brand (--brand or CLOPOS_BRAND)');
  else if (!ID_PATTERN.test(brand)) throw new UsageError('The brand may only hold letters, digits, dot, dash and underscore.');
  if (venues.length === 0) missing.push('at least one venue id (--venue or CLOPOS_VENUE)');
  if (!clientSecret && !token) {
    missing.push('the client secret (--client-secret or CLOPOS_CLIENT_SECRET) or a token (--token or CLOPOS_TOKEN)');
  }
  if (clientSecret && !clientId) missing.push('the client id (--client-id or CLOPOS_CLIENT_ID)');
  if (clientSecret && api === 'v2' && !integratorId) missing.push('the integrator id for v2 (--integrator-id or CLOPOS_INTEGRATOR_ID)');
  if (missing.length > 0) throw new UsageError(`Missing ${missing.join('; ')}.`);

  return {
    client: {
      api,
      baseUrl,
      brand: brand!,
      venues,
      ...(clientId ? { clientId } : {}),
      ...(integratorId ? { integratorId } : {}),
    },
    credentials: { ...(clientSecret ? { clientSecret } : {}), ...(token ? { token } : {}) },
    intervalSeconds: parseInterval(single(raw, env, 'interval')),
    stateDir: single(raw, env, 'state-dir') ?? DEFAULT_STATE_DIR,
  };
}

export function parseCli(argv: readonly string[], env: Env): ParsedCli {
  try {
    const raw = tokenize(argv);
    if (!raw.switches.has('help') && raw.positionals[0] === 'report' && raw.positionals.length === 1) {
      return { kind: 'report', command: parseReport(raw, env) };
    }
    const command = parseCommand(raw);
    if (command.name === 'help') return { kind: 'help' };
    if (command.name === 'report') throw new UsageError(`Unexpected extra argument after "report".`);
    return { kind: 'run', command, config: parseConfig(raw, env) };
  } catch (cause) {
    if (cause instanceof UsageError) return { kind: 'usage-error', message: cause.message };
    throw cause;
  }
}

/**
 * Every secret value the user handed over, by flag or environment, even when the command line is
 * otherwise wrong: the output filter masks them wherever they might turn up.
 */
export function secretValues(argv: readonly string[], env: Env): string[] {
  const found = [env.CLOPOS_CLIENT_SECRET, env.CLOPOS_TOKEN];
  argv.forEach((arg, i) => {
    for (const flag of ['--client-secret', '--token']) {
      if (arg === flag) found.push(argv[i + 1]);
      else if (arg.startsWith(`${flag}=`)) found.push(arg.slice(flag.length + 1));
    }
  });
  return [...new Set(found.map((v) => v?.trim()).filter((v): v is string => Boolean(v)))];
}
