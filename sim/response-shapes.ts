/**
 * Turns simulator state into the JSON bodies the Clopos docs show: the three list shapes, the full
 * order, the receipt and the three error-body shapes (docs/clopos-api.md).
 */

import { formatTimestamp, type NativeTimestampStyle } from './timestamps';
import { lineTotal, orderKey, orderTotal, roundMoney, subtotal, unitPrice, type SimReceipt } from './order-book';
import type {
  ErrorShape,
  ListVariant,
  MoneyFormat,
  SimOrder,
  SimStatus,
  TimestampFormat,
  V1StatusVocabulary,
} from './types';

export interface RenderSettings {
  timestampFormat: TimestampFormat;
  timeZone: string;
  moneyFormat: MoneyFormat;
  v1StatusVocabulary: V1StatusVocabulary;
}

export const V1_LOWER_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled'] as const;
export const UPPER_STATUSES: readonly SimStatus[] = ['PENDING', 'RECEIVED', 'IGNORE', 'DELIVERED'];

/** Inferred mapping between the vocabularies (docs/clopos-api.md "Statuses"). */
export const LOWER_TO_UPPER: Record<string, SimStatus> = {
  pending: 'PENDING',
  confirmed: 'RECEIVED',
  completed: 'DELIVERED',
  cancelled: 'IGNORE',
};

function lowerStatus(status: SimStatus, variant: ListVariant): string {
  switch (status) {
    case 'PENDING':
      return 'pending';
    case 'RECEIVED':
      // The v1 page example shows "accepted" where the filter says "confirmed".
      return variant === 'v1-page' ? 'accepted' : 'confirmed';
    case 'DELIVERED':
      return 'completed';
    case 'IGNORE':
      return 'cancelled';
  }
}

function money(value: number, settings: RenderSettings): number | string {
  const rounded = roundMoney(value);
  return settings.moneyFormat === 'string' ? rounded.toFixed(2) : rounded;
}

function time(ms: number, native: NativeTimestampStyle, settings: RenderSettings): string | number {
  return formatTimestamp(ms, native, settings.timestampFormat, settings.timeZone);
}

function smallHash(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

function customerId(order: SimOrder): number | null {
  return order.customer ? (smallHash(order.customer.phone) % 90000) + 1000 : null;
}

function numericIfPossible(value: string): string | number {
  return /^\d+$/.test(value) ? Number(value) : value;
}

function v1Status(order: SimOrder, variant: ListVariant, settings: RenderSettings): string {
  return settings.v1StatusVocabulary === 'upper' ? order.status : lowerStatus(order.status, variant);
}

/** Shape 1: the v1 page example. */
function v1PageItem(order: SimOrder, settings: RenderSettings): Record<string, unknown> {
  return {
    id: order.id,
    number: order.number,
    status: v1Status(order, 'v1-page', settings),
    created_at: time(order.createdAt, 'zone-less', settings),
    updated_at: time(order.updatedAt, 'zone-less', settings),
    total: money(orderTotal(order), settings),
    customer_id: customerId(order),
    payment_status: order.paymentStatus,
    delivery_type: order.deliveryType,
    receipt_id: order.receiptId,
  };
}

/** Shape 2: the v1 schema example (string ids, line items, no customer or number). */
function v1SchemaItem(order: SimOrder, settings: RenderSettings): Record<string, unknown> {
  const id = orderKey(order.id);
  const customer = customerId(order);
  return {
    id,
    customer_id: customer === null ? null : String(customer),
    status: v1Status(order, 'v1-schema', settings),
    total_amount: money(orderTotal(order), settings),
    line_items: order.products.map((p, i) => ({
      id: `${id}-${i + 1}`,
      product_id: String(p.productId),
      quantity: p.count,
      unit_price: money(unitPrice(p), settings),
      total_price: money(lineTotal(p), settings),
    })),
    created_at: time(order.createdAt, 'iso-seconds', settings),
    updated_at: time(order.updatedAt, 'iso-seconds', settings),
  };
}

/** Shape 3: the full order of v2 lists and of every get-by-id. */
export function fullOrder(order: SimOrder, settings: RenderSettings): Record<string, unknown> {
  const venueId = numericIfPossible(order.venueId);
  const key = orderKey(order.id);
  return {
    id: order.id,
    venue_id: venueId,
    type: order.type,
    integration: order.integration,
    integration_uuid: `${smallHash(`${key}:uuid`).toString(16).padStart(8, '0')}-sim-${key}`,
    integration_id: null,
    integration_status: 'CREATED',
    customer_ref_id: null,
    status: order.status,
    receive_user_id: order.receiptId === null ? null : 1,
    receive_terminal_id: order.receiptId === null ? null : 1,
    payload: {
      service: { sale_type_id: order.deliveryType === 'delivery' ? 2 : 1, venue_id: venueId },
      customer: order.customer
        ? {
            id: customerId(order),
            name: order.customer.name,
            phone: order.customer.phone,
            address: order.customer.address,
            customer_discount_type: null,
          }
        : null,
      products: order.products.map((p) => ({
        product_id: p.productId,
        count: p.count,
        product_modificators: (p.modifiers ?? []).map((m, i) => ({
          modificator_id: p.productId * 100 + i + 1,
          name: m.name,
          price: money(m.price, settings),
          count: m.count,
        })),
        meta: {
          price: money(p.price, settings),
          order_product: {
            product: { id: p.productId, name: p.name, price: money(p.price, settings) },
            count: p.count,
            status: 'NEW',
            product_hash: smallHash(`${p.productId}:${p.name}`).toString(16),
          },
        },
      })),
      meta: { comment: order.comment, discount: { discount_type: null, discount_value: 0 } },
      delivery_fee: money(order.deliveryFee, settings),
      auto_order_accept: false,
      auto_order_sent_to_station: false,
    },
    integration_response: null,
    created_at: time(order.createdAt, 'iso-micro', settings),
    updated_at: time(order.updatedAt, 'iso-micro', settings),
  };
}

export function listItem(order: SimOrder, variant: ListVariant, settings: RenderSettings): Record<string, unknown> {
  switch (variant) {
    case 'v1-page':
      return v1PageItem(order, settings);
    case 'v1-schema':
      return v1SchemaItem(order, settings);
    case 'v2-full':
      return fullOrder(order, settings);
  }
}

/** Receipt fields per docs/clopos-api.md "One order, and its receipt". */
export function receiptBody(
  receipt: SimReceipt,
  order: SimOrder,
  withProducts: boolean,
  settings: RenderSettings,
): Record<string, unknown> {
  const total = orderTotal(order);
  const closed = receipt.closedAt !== null;
  const body: Record<string, unknown> = {
    id: receipt.id,
    venue_id: numericIfPossible(receipt.venueId),
    status: closed ? 2 : 1,
    order_status: closed ? 'COMPLETED' : 'IN_PROGRESS',
    order_number: receipt.orderNumber,
    properties: { daily_id: receipt.dailyId },
    total: money(total, settings),
    subtotal: money(subtotal(order), settings),
    delivery_fee: money(order.deliveryFee, settings),
    payment_methods: [
      order.paymentStatus === 'paid'
        ? { id: 2, name: 'Card', amount: money(total, settings) }
        : { id: 1, name: 'Cash', amount: money(total, settings) },
    ],
    created_at: time(receipt.createdAt, 'zone-less', settings),
    closed_at: receipt.closedAt === null ? null : time(receipt.closedAt, 'zone-less', settings),
    service_notification_id: order.id,
  };
  if (withProducts) {
    body.receipt_products = order.products.map((p, i) => ({
      id: receipt.id * 100 + i + 1,
      product_id: p.productId,
      name: p.name,
      count: p.count,
      price: money(unitPrice(p), settings),
      total: money(lineTotal(p), settings),
    }));
  }
  return body;
}

const EXCEPTIONS: Record<number, string> = {
  400: 'BadRequestHttpException',
  401: 'UnauthorizedHttpException',
  404: 'NotFoundHttpException',
  429: 'TooManyRequestsHttpException',
  500: 'HttpException',
  502: 'HttpException',
  503: 'ServiceUnavailableHttpException',
  504: 'GatewayTimeoutHttpException',
};

export function errorBody(
  shape: ErrorShape,
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): Record<string, unknown> {
  switch (shape) {
    case 'flag':
      return { success: false, error: code, message };
    case 'details':
      return { error: code, message, details };
    case 'array':
      return {
        success: false,
        error: [{ message, type: 'server_side', exception: EXCEPTIONS[status] ?? 'HttpException', http_code: status }],
      };
  }
}
