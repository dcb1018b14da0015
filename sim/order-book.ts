/** The simulator's state: scripted orders and the receipts the POS makes when it accepts them. */

import type { SimOrder, SimOrderInput, SimProduct, SimStatus } from './types';

export interface SimReceipt {
  id: number;
  orderKey: string;
  venueId: string;
  createdAt: number;
  closedAt: number | null;
  /** Per-venue running number, like the POS' "daily id". */
  dailyId: number;
  orderNumber: string;
}

export type OrderIdStyle = 'numeric' | 'ord';

const DEFAULT_CUSTOMER = { name: 'Aysel Məmmədova', phone: '+994 50 123 45 67', address: 'Nizami küç. 10, Bakı' };
const DEFAULT_PRODUCTS: SimProduct[] = [{ productId: 1, name: 'Toyuq plov', price: 12.5, count: 1 }];

export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

export function unitPrice(product: SimProduct): number {
  const extras = (product.modifiers ?? []).reduce((sum, m) => sum + m.price * m.count, 0);
  return roundMoney(product.price + extras);
}

export function lineTotal(product: SimProduct): number {
  return roundMoney(unitPrice(product) * product.count);
}

export function subtotal(order: SimOrder): number {
  return roundMoney(order.products.reduce((sum, p) => sum + lineTotal(p), 0));
}

export function orderTotal(order: SimOrder): number {
  return roundMoney(subtotal(order) + order.deliveryFee);
}

export function orderKey(id: string | number): string {
  return String(id);
}

export class OrderBook {
  private readonly orders = new Map<string, SimOrder>();
  private readonly receipts = new Map<number, SimReceipt>();
  private nextOrderSeq = 10001;
  private nextDisplaySeq = 1;
  private nextReceiptId = 5001;
  private readonly dailySeq = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly defaultVenue: string,
  ) {}

  add(input: SimOrderInput, idStyle: OrderIdStyle): SimOrder {
    const seq = this.nextOrderSeq++;
    const id = input.id ?? (idStyle === 'numeric' ? seq : `ORD-${seq}`);
    const key = orderKey(id);
    if (this.orders.has(key)) throw new Error(`An order with id ${key} already exists`);
    const createdAt = input.createdAt ?? this.now();
    const customer = input.customer === undefined ? { ...DEFAULT_CUSTOMER } : input.customer;
    const order: SimOrder = {
      id,
      venueId: input.venueId ?? this.defaultVenue,
      status: 'PENDING',
      createdAt,
      updatedAt: createdAt,
      customer,
      products: (input.products ?? DEFAULT_PRODUCTS).map((p) => ({
        ...p,
        ...(p.modifiers ? { modifiers: p.modifiers.map((m) => ({ ...m })) } : {}),
      })),
      comment: input.comment ?? '',
      deliveryFee: input.deliveryFee ?? 0,
      number: input.number ?? `A-${String(this.nextDisplaySeq++).padStart(3, '0')}`,
      type: input.type ?? 'CALL_CENTER_ORDER',
      integration: input.integration ?? 'call_center_new',
      deliveryType: input.deliveryType ?? (customer?.address ? 'delivery' : 'pickup'),
      paymentStatus: input.paymentStatus ?? 'pending',
      receiptId: null,
    };
    this.orders.set(key, order);
    if (input.status && input.status !== 'PENDING') this.setStatus(key, input.status, createdAt);
    return order;
  }

  /** The live record (callers that hand it out copy it first). */
  find(id: string | number): SimOrder | undefined {
    return this.orders.get(orderKey(id));
  }

  get(id: string | number): SimOrder {
    const order = this.find(id);
    if (!order) throw new Error(`No order with id ${orderKey(id)}`);
    return order;
  }

  all(): SimOrder[] {
    return [...this.orders.values()];
  }

  receipt(id: number): SimReceipt | undefined {
    return this.receipts.get(id);
  }

  receiptOf(order: SimOrder): SimReceipt | null {
    return order.receiptId === null ? null : (this.receipts.get(order.receiptId) ?? null);
  }

  setStatus(id: string | number, status: SimStatus, at = this.now()): SimOrder {
    const order = this.get(id);
    order.status = status;
    order.updatedAt = at;
    if (status === 'RECEIVED' || status === 'DELIVERED') {
      const receipt = this.receiptOf(order) ?? this.openReceipt(order, at);
      receipt.closedAt = status === 'DELIVERED' ? at : null;
    }
    return order;
  }

  private openReceipt(order: SimOrder, at: number): SimReceipt {
    const daily = (this.dailySeq.get(order.venueId) ?? 0) + 1;
    this.dailySeq.set(order.venueId, daily);
    const receipt: SimReceipt = {
      id: this.nextReceiptId++,
      orderKey: orderKey(order.id),
      venueId: order.venueId,
      createdAt: at,
      closedAt: null,
      dailyId: daily,
      orderNumber: String(daily).padStart(3, '0'),
    };
    this.receipts.set(receipt.id, receipt);
    order.receiptId = receipt.id;
    return receipt;
  }
}

export function copyOrder(order: SimOrder): SimOrder {
  return structuredClone(order);
}
