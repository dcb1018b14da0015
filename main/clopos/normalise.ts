/** Turns parsed Clopos orders and receipts into the one model the rest of the app uses (common/order.ts). */
import type { Customer, Order, OrderDetail, OrderStatus, Receipt } from '../../common/order';
import { DEFAULT_CURRENCY_DECIMALS } from './money';
import { orderMoney } from './order-money';
import type { WireOrder, WireReceipt } from './schemas';
import { toIso } from './timestamps';

/**
 * Both vocabularies, any case (docs/clopos-api.md "Statuses"): v1 documents pending/confirmed/completed/
 * cancelled and shows accepted; v2 uses PENDING/RECEIVED/DELIVERED/IGNORE.
 */
const STATUS_MAP: Record<string, OrderStatus> = {
  pending: 'pending',
  confirmed: 'accepted',
  accepted: 'accepted',
  received: 'accepted',
  completed: 'completed',
  delivered: 'completed',
  cancelled: 'cancelled',
  ignore: 'cancelled',
};

export function mapStatus(raw: string): OrderStatus {
  return STATUS_MAP[raw.trim().toLowerCase()] ?? 'unknown';
}

function customer(wire: WireOrder): Customer | null {
  const c = wire.payload?.customer;
  if (!c) return null;
  const result = { name: c.name ?? null, phone: c.phone ?? null, address: c.address ?? null };
  return result.name === null && result.phone === null && result.address === null ? null : result;
}

function nonEmpty(text: string | null | undefined): string | null {
  return text === null || text === undefined || text.trim() === '' ? null : text;
}

/**
 * `venueId` is the venue the order was fetched for (the one a later getOrder must target);
 * `decimals` the currency's, for the money computed here.
 */
export function normaliseOrder(wire: WireOrder, venueId: string, decimals = DEFAULT_CURRENCY_DECIMALS): Order {
  const { items, total, totalIsComputed } = orderMoney(wire, decimals);
  const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : toIso(ms));
  return {
    id: wire.id,
    number: nonEmpty(wire.number),
    status: mapStatus(wire.status),
    rawStatus: wire.status,
    createdAt: iso(wire.created_at),
    updatedAt: iso(wire.updated_at),
    total,
    totalIsComputed,
    customer: customer(wire),
    items,
    deliveryType: nonEmpty(wire.delivery_type),
    paymentStatus: nonEmpty(wire.payment_status),
    comment: nonEmpty(wire.payload?.meta?.comment ?? wire.comment),
    receiptId: wire.receipt_id ?? wire.receipt?.id ?? null,
    venueId,
    source: nonEmpty(wire.integration) ?? nonEmpty(wire.type),
  };
}

function receiptStatus(raw: number | string | null | undefined): Receipt['status'] {
  const text = raw === null || raw === undefined ? '' : String(raw).trim().toLowerCase();
  if (text === '1' || text === 'open') return 'open';
  if (text === '2' || text === 'closed') return 'closed';
  return 'unknown';
}

export function normaliseOrderDetail(wire: WireOrder, venueId: string, decimals = DEFAULT_CURRENCY_DECIMALS): OrderDetail {
  return {
    order: normaliseOrder(wire, venueId, decimals),
    receipt: wire.receipt ? { id: wire.receipt.id, status: receiptStatus(wire.receipt.status) } : null,
  };
}

export function normaliseReceipt(wire: WireReceipt): Receipt {
  const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : toIso(ms));
  return {
    id: wire.id,
    status: receiptStatus(wire.status),
    orderStatus: nonEmpty(wire.order_status),
    orderNumber: nonEmpty(wire.order_number),
    dailyId: nonEmpty(wire.properties?.daily_id),
    total: wire.total ?? null,
    subtotal: wire.subtotal ?? null,
    deliveryFee: wire.delivery_fee ?? null,
    paymentMethods: (wire.payment_methods ?? []).map((p) => ({ name: p.name ?? 'Payment', amount: p.amount ?? null })),
    createdAt: iso(wire.created_at),
    closedAt: iso(wire.closed_at),
    lines: (wire.receipt_products ?? []).map((l) => ({
      productId: l.product_id ?? null,
      name: l.name ?? l.product?.name ?? null,
      quantity: l.count,
      price: l.price ?? null,
      total: l.total ?? null,
    })),
  };
}
