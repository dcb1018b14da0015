import { memo } from 'react';
import type { TrackedOrder } from '../../../common/engine';
import type { Currency } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { itemCount } from '../../../common/order';
import { displayNumber, hasCreationTime } from './board-model';
import { OrderAge } from './order-age';
import { channelLabel } from './order-labels';
import { OrderTotal } from './order-total';

export interface OrderRowProps {
  tracked: TrackedOrder;
  index: number;
  setSize: number;
  /** Pixel offset and height inside the virtual list. */
  top: number;
  height: number;
  active: boolean;
  currency: Currency;
  escalationMinutes: number;
  onOpen(id: string): void;
  onAcknowledge(id: string): void;
  onFocusRow(id: string): void;
}

/** One order on the board. Memoised: rows re-render only when their own order or state changes. */
export const OrderRow = memo(function OrderRow(props: OrderRowProps) {
  const { tracked, active, currency } = props;
  const { order } = tracked;
  const { t } = useI18n();
  const pending = tracked.leftPendingAt === null;
  const needsAck = pending && !tracked.acknowledged;
  const number = displayNumber(order);
  return (
    <li
      className={`order-row ${needsAck ? 'needs-ack' : ''}`}
      data-index={props.index}
      data-order-id={order.id}
      aria-posinset={props.index + 1}
      aria-setsize={props.setSize}
      style={{ transform: `translateY(${props.top}px)`, height: `${props.height}px` }}
    >
      <button
        type="button"
        className="order-open"
        tabIndex={active ? 0 : -1}
        onClick={() => props.onOpen(order.id)}
        onFocus={() => props.onFocusRow(order.id)}
      >
        <span className={`order-number ${number.length >= 10 ? 'very-long' : number.length >= 7 ? 'long' : ''}`}>{number}</span>
        {pending ? (
          <OrderAge tracked={tracked} escalationMinutes={props.escalationMinutes} />
        ) : (
          <span className={`order-status status-${order.status}`}>{t.status[order.status]}</span>
        )}
        <span className="order-who">
          <span className="order-customer">{order.customer?.name || t.noCustomerName}</span>
          {/* The channel may be long and gives way; the item count is never cut off. */}
          <span className="order-meta">
            <span className="order-channel">{order.source ? channelLabel(order.source, t) : t.unknownSource}</span>
            <span className="order-items">· {t.itemCount(itemCount(order))}</span>
            {!hasCreationTime(order) && <span className="order-items">· {t.timeUnknown}</span>}
          </span>
        </span>
        <OrderTotal order={order} currency={currency} />
      </button>
      <span className="order-action">
        {needsAck ? (
          <button
            type="button"
            className="button button-ack"
            tabIndex={active ? 0 : -1}
            onClick={() => props.onAcknowledge(order.id)}
            aria-label={`${t.acknowledge} ${number}`}
          >
            {t.acknowledge}
          </button>
        ) : pending ? (
          <span className="order-acked">✓ {t.acknowledged}</span>
        ) : null}
      </span>
    </li>
  );
});
