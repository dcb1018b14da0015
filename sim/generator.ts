/**
 * Realistic random orders for a Baku restaurant, and a scheduler that feeds them into a running
 * simulator over time (the demo mode and `npm run sim`). Everything random comes from an injected
 * PRNG so tests are deterministic.
 */

import type { SimDeliveryType, SimOrder, SimOrderInput, SimProduct, Simulator } from './types';

/** Mulberry32: small, fast, good enough for test data; the same seed gives the same orders. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickOne<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pickOne needs a non-empty list');
  return item;
}

function between(random: () => number, min: number, max: number): number {
  return min + random() * (max - min);
}

function intBetween(random: () => number, min: number, max: number): number {
  return Math.floor(between(random, min, max + 1));
}

const CUSTOMER_NAMES = [
  'Aysel Məmmədova',
  'Rəşad Həsənov',
  'Leyla Əliyeva',
  'Elvin Quliyev',
  'Nigar İsmayılova',
  'Tural Abbasov',
  'Günel Hüseynova',
  'Orxan Babayev',
  'Səbinə Rzayeva',
  'Kamran Nəsirov',
  'Иван Петров',
  'Анна Смирнова',
  'Дмитрий Козлов',
  'Ольга Новикова',
  'Сергей Волков',
  'John Smith',
  'Emily Clark',
  'Michael Brown',
  'Sarah Johnson',
] as const;

const STREETS = [
  'Nizami küç.',
  'Füzuli küç.',
  'Azadlıq pr.',
  'Neftçilər pr.',
  'Həsən bəy Zərdabi pr.',
  'Bülbül pr.',
  'Şövkət Ələkbərova küç.',
  'Xətai pr.',
  'Babək pr.',
  'Təbriz küç.',
  'Atatürk pr.',
  'Üzeyir Hacıbəyov küç.',
] as const;

const MOBILE_PREFIXES = ['50', '51', '55', '70', '77', '99'] as const;

interface MenuItem {
  productId: number;
  name: string;
  price: number;
  modifiers?: { name: string; price: number }[];
}

/** Prices in AZN. */
export const MENU: readonly MenuItem[] = [
  { productId: 1, name: 'Toyuq plov', price: 12.5 },
  { productId: 2, name: 'Şah plov', price: 24 },
  { productId: 3, name: 'Lülə kabab', price: 9.5, modifiers: [{ name: 'Lavaş', price: 0.5 }, { name: 'Acılı sous', price: 0.8 }] },
  { productId: 4, name: 'Tikə kabab', price: 11, modifiers: [{ name: 'Lavaş', price: 0.5 }, { name: 'Acılı sous', price: 0.8 }] },
  { productId: 5, name: 'Yarpaq dolması', price: 8 },
  { productId: 6, name: 'Göy qutab', price: 2.5 },
  { productId: 7, name: 'Ətli qutab', price: 3 },
  { productId: 8, name: 'Düşbərə', price: 7 },
  { productId: 9, name: 'Dovğa', price: 4.5 },
  { productId: 10, name: 'Piti', price: 10 },
  { productId: 11, name: 'Çoban salatı', price: 5 },
  { productId: 12, name: 'Sezar salatı', price: 9, modifiers: [{ name: 'Toyuq əlavə', price: 3 }] },
  { productId: 13, name: 'Pizza Margarita', price: 14, modifiers: [{ name: 'Əlavə pendir', price: 2 }] },
  { productId: 14, name: 'Pizza Pepperoni', price: 16.5, modifiers: [{ name: 'Əlavə pendir', price: 2 }] },
  { productId: 15, name: 'Klassik burger', price: 11.5, modifiers: [{ name: 'Əlavə kotlet', price: 4 }, { name: 'Bekon', price: 2.5 }] },
  { productId: 16, name: 'Kartof fri', price: 4, modifiers: [{ name: 'Pendir sousu', price: 1 }] },
  { productId: 17, name: 'Paxlava', price: 3.5 },
  { productId: 18, name: 'Şəkərbura', price: 2 },
  { productId: 19, name: 'Ayran', price: 1.5 },
  { productId: 20, name: 'Armudu stəkanda çay', price: 1, modifiers: [{ name: 'Limon', price: 0.5 }] },
  { productId: 21, name: 'Coca-Cola 0.5 L', price: 2 },
];

const COMMENTS = [
  '',
  '',
  '',
  'Qapının zəngi işləmir, zəng edin',
  'Acılı olmasın',
  'Tez olsun, zəhmət olmasa',
  'Без лука, пожалуйста',
  'Сдачу с 50 манат',
  'Please call on arrival',
  'Leave it at the door',
] as const;

/**
 * Channels and their share of orders. The `type` values other than CALL_CENTER_ORDER are
 * inferences: the docs only show the call-centre example.
 */
const CHANNELS = [
  { share: 0.35, type: 'CALL_CENTER_ORDER', integration: 'call_center_new', paid: false, platformDelivery: false },
  { share: 0.3, type: 'INTEGRATION_ORDER', integration: 'wolt', paid: true, platformDelivery: true },
  { share: 0.2, type: 'INTEGRATION_ORDER', integration: 'bolt_food', paid: true, platformDelivery: true },
  { share: 0.15, type: 'WEB_ORDER', integration: 'web', paid: false, platformDelivery: false },
] as const;

export function randomPhone(random: () => number): string {
  const digits = (n: number): string => String(intBetween(random, 0, 10 ** n - 1)).padStart(n, '0');
  return `+994 ${pickOne(random, MOBILE_PREFIXES)} ${digits(3)} ${digits(2)} ${digits(2)}`;
}

export function randomAddress(random: () => number): string {
  const flat = random() < 0.6 ? `, mənzil ${intBetween(random, 1, 120)}` : '';
  return `${pickOne(random, STREETS)} ${intBetween(random, 1, 150)}${flat}, Bakı`;
}

function randomProducts(random: () => number): SimProduct[] {
  const lines = intBetween(random, 1, 4);
  const chosen = new Map<number, SimProduct>();
  for (let i = 0; i < lines; i++) {
    const item = pickOne(random, MENU);
    if (chosen.has(item.productId)) continue;
    const product: SimProduct = {
      productId: item.productId,
      name: item.name,
      price: item.price,
      count: random() < 0.7 ? 1 : intBetween(random, 2, 3),
    };
    if (item.modifiers && random() < 0.35) {
      const modifier = pickOne(random, item.modifiers);
      product.modifiers = [{ name: modifier.name, price: modifier.price, count: 1 }];
    }
    chosen.set(item.productId, product);
  }
  return [...chosen.values()];
}

function pickChannel(random: () => number): (typeof CHANNELS)[number] {
  let roll = random();
  for (const channel of CHANNELS) {
    roll -= channel.share;
    if (roll < 0) return channel;
  }
  return CHANNELS[0];
}

/** One plausible order; `createdAt`/`venueId` are left to the caller. */
export function generateOrder(random: () => number): SimOrderInput {
  const channel = pickChannel(random);
  const deliveryType: SimDeliveryType = random() < 0.75 ? 'delivery' : 'pickup';
  const deliveryFee =
    deliveryType === 'delivery' && !channel.platformDelivery ? Math.round(between(random, 1.5, 3.5) * 2) / 2 : 0;
  return {
    customer: {
      name: pickOne(random, CUSTOMER_NAMES),
      phone: randomPhone(random),
      address: deliveryType === 'delivery' ? randomAddress(random) : '',
    },
    products: randomProducts(random),
    comment: pickOne(random, COMMENTS),
    deliveryFee,
    type: channel.type,
    integration: channel.integration,
    deliveryType,
    paymentStatus: channel.paid ? 'paid' : 'pending',
  };
}

/** Same shape as the watch engine's clock, so the demo mode can share its simulated time. */
export interface FlowClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: FlowClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type OrderFlowEvent =
  | { type: 'added'; order: SimOrder }
  | { type: 'accepted'; order: SimOrder }
  | { type: 'ignored'; order: SimOrder };

export interface OrderFlowOptions {
  /** Mean arrival rate; arrivals are random (exponential gaps). 0 = none. */
  ordersPerMinute: number;
  /** How long the POS clerk takes to react, in seconds; default [20, 90]. */
  acceptAfterSeconds?: [number, number];
  /** Share of orders the clerk accepts; the rest are refused (IGNORE). Default 0.9. */
  acceptShare?: number;
  random?: () => number;
  clock?: FlowClock;
  /** Venues the orders are spread over; default the simulator's default venue. */
  venues?: string[];
  onEvent?: (event: OrderFlowEvent) => void;
}

export interface OrderFlow {
  /** Cancels every pending timer; orders already added stay. */
  stop(): void;
}

export function startOrderFlow(sim: Pick<Simulator, 'addOrder' | 'orders' | 'accept' | 'ignore'>, options: OrderFlowOptions): OrderFlow {
  const random = options.random ?? createRandom(Date.now());
  const clock = options.clock ?? realClock;
  const [reactMin, reactMax] = options.acceptAfterSeconds ?? [20, 90];
  const acceptShare = options.acceptShare ?? 0.9;
  const timers = new Set<unknown>();
  let stopped = false;

  function later(ms: number, fn: () => void): void {
    const handle = clock.setTimeout(() => {
      timers.delete(handle);
      if (!stopped) fn();
    }, ms);
    timers.add(handle);
  }

  function find(id: string | number): SimOrder | undefined {
    return sim.orders().find((o) => String(o.id) === String(id));
  }

  function react(id: string | number): void {
    const current = find(id);
    // Someone else (a test, the app's "reject" action) may already have moved it.
    if (!current || current.status !== 'PENDING') return;
    const accept = random() < acceptShare;
    if (accept) sim.accept(id);
    else sim.ignore(id);
    const updated = find(id);
    if (updated) options.onEvent?.({ type: accept ? 'accepted' : 'ignored', order: updated });
  }

  function arrive(): void {
    const venue = options.venues && options.venues.length > 0 ? pickOne(random, options.venues) : undefined;
    const order = sim.addOrder({ ...generateOrder(random), createdAt: clock.now(), ...(venue ? { venueId: venue } : {}) });
    options.onEvent?.({ type: 'added', order });
    later(between(random, reactMin, reactMax) * 1000, () => react(order.id));
    scheduleNext();
  }

  function scheduleNext(): void {
    if (options.ordersPerMinute <= 0) return;
    const meanMs = 60_000 / options.ordersPerMinute;
    // 1 - random() is in (0, 1], so the logarithm stays finite.
    later(-Math.log(1 - random()) * meanMs, arrive);
  }

  scheduleNext();
  return {
    stop() {
      stopped = true;
      for (const handle of timers) clock.clearTimeout(handle);
      timers.clear();
    },
  };
}
