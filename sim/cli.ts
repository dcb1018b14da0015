/**
 * `npm run sim -- --api v2 --port 8080 --orders-per-minute 2`: a Clopos-compatible server for a
 * person to point the app or the CLI at, with orders arriving and being accepted over time.
 */

import { parseArgs } from 'node:util';
import { createRandom, generateOrder, startOrderFlow, type OrderFlowEvent } from './generator';
import { orderTotal } from './order-book';
import { DEMO_CREDENTIALS, startSimulator } from './server';
import type { ErrorShape, ListVariant, SimApi, SimOptions, TimestampFormat } from './types';

const USAGE = `Usage: npm run sim -- [options]
  --api v1|v2                 which API generation the printed settings use (default v2; the server serves both)
  --port N                    listen port (default 0 = a free one)
  --host ADDR                 listen address (default 127.0.0.1)
  --orders-per-minute N       mean order arrival rate (default 2; 0 = none)
  --accept-after MIN-MAX      seconds before the "clerk" accepts an order (default 20-90)
  --initial-orders N          pending orders present at start (default 0)
  --variant v1-page|v1-schema|v2-full   list response shape (default v1-page for v1, v2-full for v2)
  --error-shape flag|details|array      error body shape (default flag)
  --timestamps documented|epoch-seconds|epoch-ms  (default documented)
  --time-zone ZONE            IANA zone for zone-less timestamps (default UTC)
  --rate-limit N              requests per minute before 429 (default: not enforced)
  --token-lifetime SECONDS    (default 3600)
  --brand NAME  --venue ID[,ID...]  --client-id ID  --client-secret S  --integrator-id ID
  --seed N                    seed for the random orders (default: time-based)
  --help`;

const VARIANTS: readonly ListVariant[] = ['v1-page', 'v1-schema', 'v2-full'];
const ERROR_SHAPES: readonly ErrorShape[] = ['flag', 'details', 'array'];
const TIMESTAMPS: readonly TimestampFormat[] = ['documented', 'epoch-seconds', 'epoch-ms'];

class UsageError extends Error {}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

function number(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) throw new UsageError(`--${name} must be a number ≥ ${min}`);
  return parsed;
}

function range(name: string, value: string | undefined, fallback: [number, number]): [number, number] {
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value);
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min > max) throw new UsageError(`--${name} must look like 20-90`);
  return [min, max];
}

function clockTime(): string {
  return new Date().toTimeString().slice(0, 8);
}

function describe(event: OrderFlowEvent): string {
  const o = event.order;
  const who = o.customer?.name ?? 'no customer';
  switch (event.type) {
    case 'added':
      return `new order ${o.id} via ${o.integration} for ${who}: ${o.products.length} line(s), ${orderTotal(o).toFixed(2)} AZN, ${o.deliveryType}`;
    case 'accepted':
      return `order ${o.id} accepted on the POS (receipt ${o.receiptId})`;
    case 'ignored':
      return `order ${o.id} refused on the POS (IGNORE)`;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'orders-per-minute': { type: 'string' },
      'accept-after': { type: 'string' },
      'initial-orders': { type: 'string' },
      variant: { type: 'string' },
      'error-shape': { type: 'string' },
      timestamps: { type: 'string' },
      'time-zone': { type: 'string' },
      'rate-limit': { type: 'string' },
      'token-lifetime': { type: 'string' },
      brand: { type: 'string' },
      venue: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'integrator-id': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const api = oneOf<SimApi>('api', values.api, ['v1', 'v2'], 'v2');
  const venues = values.venue ? values.venue.split(',').map((v) => v.trim()).filter(Boolean) : [...DEMO_CREDENTIALS.venues];
  const rateLimit = values['rate-limit'];
  const options: SimOptions = {
    port: number('port', values.port, 0),
    host: values.host ?? '127.0.0.1',
    brand: values.brand ?? DEMO_CREDENTIALS.brand,
    venues,
    clientId: values['client-id'] ?? DEMO_CREDENTIALS.clientId,
    clientSecret: values['client-secret'] ?? DEMO_CREDENTIALS.clientSecret,
    integratorId: values['integrator-id'] ?? DEMO_CREDENTIALS.integratorId,
    tokenLifetimeSeconds: number('token-lifetime', values['token-lifetime'], 3600, 1),
    variant: oneOf('variant', values.variant, VARIANTS, api === 'v1' ? 'v1-page' : 'v2-full'),
    errorShape: oneOf('error-shape', values['error-shape'], ERROR_SHAPES, 'flag'),
    timestampFormat: oneOf('timestamps', values.timestamps, TIMESTAMPS, 'documented'),
    timeZone: values['time-zone'] ?? 'UTC',
    ...(rateLimit === undefined ? {} : { rateLimitPerMinute: number('rate-limit', rateLimit, 0, 1) }),
  };
  const ordersPerMinute = number('orders-per-minute', values['orders-per-minute'], 2);
  const acceptAfter = range('accept-after', values['accept-after'], [20, 90]);
  const initialOrders = number('initial-orders', values['initial-orders'], 0);
  const random = createRandom(number('seed', values.seed, Date.now()));

  const sim = await startSimulator(options);
  for (let i = 0; i < initialOrders; i++) {
    sim.addOrder({ ...generateOrder(random), venueId: venues[i % venues.length] });
  }

  // The secret printed here is the simulator's own throwaway demo value (or what the user just typed).
  const env = [
    `CLOPOS_API=${api}`,
    `CLOPOS_BASE_URL=${sim.url}`,
    `CLOPOS_BRAND=${options.brand}`,
    `CLOPOS_VENUE=${venues.join(',')}`,
    `CLOPOS_CLIENT_ID=${options.clientId}`,
    `CLOPOS_CLIENT_SECRET=${options.clientSecret}`,
    ...(api === 'v2' ? [`CLOPOS_INTEGRATOR_ID=${options.integratorId}`] : []),
  ];
  process.stdout.write(
    [
      `Clopos simulator listening (${options.variant} list shape, ${options.errorShape} errors)`,
      `  v1 base URL: ${sim.url}`,
      `  v2 base URL: ${sim.url}/v2   (clients append /v2 themselves: configure ${sim.url})`,
      `  brand ${options.brand}, venue(s) ${venues.join(', ')}, client id ${options.clientId}, demo secret ${options.clientSecret}` +
        (api === 'v2' ? `, integrator id ${options.integratorId}` : ''),
      `  ${ordersPerMinute} order(s) per minute, accepted after ${acceptAfter[0]}-${acceptAfter[1]} s`,
      '',
      'Point the CLI at it:',
      `  ${env.join(' ')} npm run --silent cli -- watch`,
      '',
      'Ctrl+C stops.',
      '',
    ].join('\n'),
  );

  const flow = startOrderFlow(sim, {
    ordersPerMinute,
    acceptAfterSeconds: acceptAfter,
    random,
    venues,
    onEvent: (event) => process.stdout.write(`${clockTime()} ${describe(event)}\n`),
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    flow.stop();
    void sim.close().then(() => {
      process.exitCode = 0;
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message}\n${error instanceof UsageError || error instanceof TypeError ? `\n${USAGE}\n` : ''}`);
  process.exitCode = 2;
});
