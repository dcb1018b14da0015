/** One order with its receipt relation, one receipt with its lines, and refusing an order (IGNORE). */
import type { OrderDetail, Receipt } from '../../common/order';
import { err, ok, type Result } from '../../common/result';
import { badResponseError } from './errors';
import { normaliseOrderDetail, normaliseReceipt } from './normalise';
import { describeIssues, itemEnvelopeSchema, wireOrderSchema, wireReceiptSchema } from './schemas';
import type { Session } from './session';
import type { TimestampParser } from './timestamps';

export interface OrderDetails {
  getOrder(id: string, venueId: string, signal?: AbortSignal): Promise<Result<OrderDetail>>;
  getReceipt(id: string, venueId: string, signal?: AbortSignal): Promise<Result<Receipt>>;
  ignoreOrder(id: string, venueId: string, signal?: AbortSignal): Promise<Result<void>>;
}

function envelopeData(body: unknown): unknown {
  const envelope = itemEnvelopeSchema.safeParse(body);
  return envelope.success ? envelope.data.data : undefined;
}

export function createOrderDetails(session: Session, parseTime: TimestampParser, currencyDecimals: number): OrderDetails {
  const orderSchema = wireOrderSchema(parseTime);
  const receiptSchema = wireReceiptSchema(parseTime);
  const path = (kind: 'orders' | 'receipts', id: string) => `/${kind}/${encodeURIComponent(id)}`;

  return {
    async getOrder(id, venueId, signal) {
      const body = await session.json(
        { method: 'GET', path: path('orders', id), query: { 'with[0]': 'receipt:id,service_notification_id,status' }, venueId },
        signal,
      );
      if (!body.ok) return body;
      const parsed = orderSchema.safeParse(envelopeData(body.value));
      if (!parsed.success) return err(badResponseError(`order ${id}: ${describeIssues(parsed.error)}`));
      return ok(normaliseOrderDetail(parsed.data, venueId, currencyDecimals));
    },

    async getReceipt(id, venueId, signal) {
      const body = await session.json(
        { method: 'GET', path: path('receipts', id), query: { 'with[0]': 'receipt_products' }, venueId },
        signal,
      );
      if (!body.ok) return body;
      const parsed = receiptSchema.safeParse(envelopeData(body.value));
      if (!parsed.success) return err(badResponseError(`receipt ${id}: ${describeIssues(parsed.error)}`));
      return ok(normaliseReceipt(parsed.data));
    },

    async ignoreOrder(id, venueId, signal) {
      const body = await session.json({ method: 'PUT', path: path('orders', id), body: { status: 'IGNORE' }, venueId }, signal);
      return body.ok ? ok(undefined) : body;
    },
  };
}
