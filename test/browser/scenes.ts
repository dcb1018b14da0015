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
      number: 'B-2210',
      createdAt: ago(now, 74),
      source: 'Bolt Food',
      customer: { name: 'Elvin Məmmədov', phone: '+994 70 455 01 02', address: null },
      total: 12.5,
    }),
    makeOrder({
      id: '9004',
      number: 'WEB-318',
      createdAt: ago(now, 25),
      source: 'Website',
      customer: { name: 'Leyla Həsənova', phone: '+994 51 900 11 22', address: 'Xətai pr. 15' },
      total: 56,
    }),
    makeOrder({
      id: '9005',
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
