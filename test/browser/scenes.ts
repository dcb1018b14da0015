/**
 * Realistic data for the browser tests and screenshots: a lunchtime board in Baku, with ages
 * relative to the moment the page opens so the colours show fresh, waiting and late orders.
 */
import type { EngineSnapshot, TrackedOrder } from '../../common/engine';
import type { Order } from '../../common/order';
import { makeOrder, makeReceipt, makeSnapshot, tracked } from '../renderer/fixtures';

const ago = (now: number, seconds: number) => new Date(now - seconds * 1000).toISOString();

export function lunchOrders(now: number): Order[] {
  return [
    makeOrder({
      id: '9001',
      number: 'W-1042',
      createdAt: ago(now, 262),
      source: 'Wolt',
      customer: { name: 'Rəşad Quliyev', phone: '+994 55 210 44 18', address: 'Füzuli küç. 49, mənzil 12' },
      total: 38.4,
      receiptId: '5501',
      comment: 'Without onions, please. Call on arrival.',
      items: [
        { name: 'Lülə kabab', quantity: 2, unitPrice: 9.5, total: 19, modifiers: ['Extra sumac', 'Lavash'] },
        { name: 'Toyuq şiş', quantity: 1, unitPrice: 8.9, total: 8.9, modifiers: [] },
        { name: 'Ayran 0.5 l', quantity: 3, unitPrice: 1.5, total: 4.5, modifiers: [] },
        { name: 'Paxlava', quantity: 2, unitPrice: 3, total: 6, modifiers: [] },
      ],
    }),
    makeOrder({
      id: '9002',
      comment: null,
      number: null,
      createdAt: ago(now, 131),
      source: 'call_center_new',
      customer: { name: 'Günel Əliyeva', phone: '+994 50 377 12 90', address: 'Nərimanov r., Təbriz küç. 7' },
      total: 21.8,
      totalIsComputed: true,
      items: [{ name: 'Dolma', quantity: 2, unitPrice: 10.9, total: 21.8, modifiers: ['Qatıq'] }],
    }),
    makeOrder({
      id: '9003',
      comment: null,
      number: 'B-2210',
      createdAt: ago(now, 74),
      source: 'Bolt Food',
      customer: { name: 'Elvin Məmmədov', phone: '+994 70 455 01 02', address: null },
      total: 12.5,
    }),
    makeOrder({
      id: '9004',
      comment: null,
      number: 'WEB-318',
      createdAt: ago(now, 25),
      source: 'Website',
      customer: { name: 'Leyla Həsənova', phone: '+994 51 900 11 22', address: 'Xətai pr. 15' },
      total: 56,
    }),
    makeOrder({
      id: '9005',
      comment: null,
      number: 'W-1043',
      createdAt: ago(now, 9),
      source: 'Wolt',
      customer: { name: 'Murad Kazımov', phone: '+994 55 600 70 80', address: 'Nizami küç. 101' },
      total: 17.2,
    }),
  ];
}

export function lunchSnapshot(now: number): EngineSnapshot {
  const pending: TrackedOrder[] = lunchOrders(now).map((order, index) => tracked(order, { acknowledged: index === 1 }));
  const history: TrackedOrder[] = [
    tracked(makeOrder({ id: '8990', number: 'W-1039', status: 'accepted', createdAt: ago(now, 900), customer: { name: 'Tural Nağıyev', phone: null, address: null } })),
    tracked(makeOrder({ id: '8991', number: 'B-2207', status: 'completed', createdAt: ago(now, 2400) })),
    tracked(makeOrder({ id: '8992', number: 'W-1036', status: 'cancelled', createdAt: ago(now, 3100) })),
  ];
  return makeSnapshot({
    pending,
    history,
    lastSuccessAt: now - 3_000,
    nextPollAt: now + 7_000,
    alarmActive: true,
  });
}

export const lunchReceipt = () =>
  makeReceipt({
    id: '5501',
    orderNumber: 'RPO-00042',
    dailyId: '42',
    status: 'open',
    orderStatus: 'IN_PROGRESS',
    subtotal: 38.4,
    deliveryFee: 2.5,
    total: 40.9,
    paymentMethods: [{ name: 'Wolt (online)', amount: 40.9 }],
    lines: [
      { productId: '11', name: 'Lülə kabab', quantity: 2, price: 9.5, total: 19 },
      { productId: '12', name: 'Toyuq şiş', quantity: 1, price: 8.9, total: 8.9 },
      { productId: '31', name: 'Ayran 0.5 l', quantity: 3, price: 1.5, total: 4.5 },
      { productId: '40', name: 'Paxlava', quantity: 2, price: 3, total: 6 },
    ],
  });

const RUSH_SOURCES = ['Wolt', 'Bolt Food', 'call_center_new', 'Website', 'wolt', 'express_delivery_partner_integration_baku'];
const RUSH_NAMES = ['Aysel Məmmədova', 'Rəşad Quliyev', 'Günel Əliyeva', 'Elvin Məmmədov', 'Leyla Həsənova', 'Murad Kazımov', 'Nigar Rzayeva'];

/** A Friday-evening rush: 13 orders waiting, oldest first, the last one just in; two already seen. */
export function rushSnapshot(now: number): EngineSnapshot {
  const pending: TrackedOrder[] = Array.from({ length: 13 }, (_, index) => {
    const waited = (13 - index) * 41;
    const order = makeOrder({
      id: `r-${index + 1}`,
      number: index % 3 === 0 ? `W-${2100 + index}` : index % 3 === 1 ? `B-${880 + index}` : `${7000 + index}`,
      createdAt: ago(now, waited),
      source: RUSH_SOURCES[index % RUSH_SOURCES.length] ?? null,
      customer: { name: RUSH_NAMES[index % RUSH_NAMES.length] ?? 'Guest', phone: '+994 50 000 00 00', address: null },
      comment: index % 4 === 0 ? 'No nuts — allergy' : null,
      paymentStatus: index % 5 === 0 ? 'not_paid' : 'paid',
      total: 9.5 + index * 3.25,
    });
    return tracked(order, { acknowledged: index === 1 || index === 2 });
  });
  return makeSnapshot({ pending, lastSuccessAt: now - 2_000, nextPollAt: now + 8_000, alarmActive: true });
}

/** A messy order: 13 lines, long names, modifiers, a weighed line, a long allergy comment, cash on pickup, not paid. */
export function messyOrder(now: number): Order {
  const names = [
    'Toyuq şaurma lavaşda, böyük, acılı sous ilə',
    'Lülə kabab (mal əti)',
    'Qutab göyərti ilə',
    'Dolma yarpaq, qatıq ilə',
    'Plov şah, quru meyvə ilə',
    'Ayran 0.5 l',
    'Mors moruq 1 l',
    'Paxlava Bakı',
    'Şəkərbura',
    'Pendir çörək',
    'Pomidor-xiyar salatı',
    'Kartof fri, böyük porsiya',
    'Pomidor (çəki ilə)',
  ];
  return makeOrder({
    id: '9100',
    number: 'CC-1187',
    createdAt: ago(now, 95),
    source: 'call_center_new',
    deliveryType: 'pickup',
    paymentStatus: 'not_paid',
    customer: { name: 'Səbinə Vəliyeva', phone: '+994 70 321 54 76', address: null },
    comment: 'ALLERGY: peanuts and sesame — no sesame on the bread, separate fryer for the fries. Pays cash at pickup.',
    total: 96.35,
    items: names.map((name, index) =>
      index === 12
        ? { name, quantity: 0.75, unitPrice: 4.2, total: 3.15, modifiers: [] }
        : { name, quantity: 1 + (index % 3), unitPrice: 3 + index, total: (3 + index) * (1 + (index % 3)), modifiers: index % 4 === 0 ? ['Extra sauce', 'No onion'] : [] },
    ),
  });
}
