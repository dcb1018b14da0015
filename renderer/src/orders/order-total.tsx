import type { Order } from '../../../common/order';
import type { Currency } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

/**
 * The order total; "≈" and a note when the total was computed from the lines (v2 has no total of
 * its own), "total unknown" when Clopos sent none the app could read or compute.
 */
export function OrderTotal({ order, currency }: { order: Order; currency: Currency }) {
  const { t, format } = useI18n();
  if (order.total === null) {
    return (
      <span className="order-total">
        <span className="order-total-amount">{t.notGiven}</span>
        <span className="order-total-note">{t.totalUnknown}</span>
      </span>
    );
  }
  return (
    <span className="order-total">
      <span className="order-total-amount">
        {order.totalIsComputed ? '≈ ' : ''}
        {format.money(order.total, currency)}
      </span>
      {order.totalIsComputed && <span className="order-total-note">{t.computedTotalNote}</span>}
    </span>
  );
}
