import { memo } from 'react';
import type { TrackedOrder } from '../../../common/engine';
import type { Currency } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { itemCount } from '../../../common/order';
import { displayNumber, hasCreationTime } from './board-model';
import { OrderAge } from './order-age';
import { ChannelChip, PaymentChip } from './order-chips';
import { paymentTone } from './order-labels';
import { OrderTotal } from './order-total';

/** A row first seen this recently flashes as it appears (not under reduced motion). */
export const ARRIVING_MS = 10_000;

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

/**
 * One order on the board. Who acts next shows at a glance: an order nobody has seen carries NEW and
 * the Seen button; a seen one still pending says "Accept on the POS" in amber until Clopos reports it
 * accepted. Memoised: rows re-render only when their own order or state changes.
 */
export const OrderRow = memo(function OrderRow(props: OrderRowProps) {
  const { tracked, active, currency } = props;
  const { order } = tracked;
  const { t } = useI18n();
  const pending = tracked.leftPendingAt === null;
  const needsAck = pending && !tracked.acknowledged;
  const arriving = needsAck && Date.now() - tracked.firstSeenAt < ARRIVING_MS;
  const number = displayNumber(order);
  const rowState = needsAck ? 'needs-ack' : pending ? 'waits-pos' : 'done';
  return (
    <li
      className={`order-row ${rowState} ${arriving ? 'is-arriving' : ''}`}
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
        <span className="order-number-cell">
          {needsAck && <span className="new-mark">{t.newMark}</span>}
          <span className="order-number" title={number}>
            {number}
          </span>
        </span>
        {pending ? (
          <OrderAge tracked={tracked} escalationMinutes={props.escalationMinutes} />
        ) : (
          <span className={`order-status status-${order.status}`}>{t.status[order.status]}</span>
        )}
        <span className="order-who">
          <span className="order-customer">{order.customer?.name || t.noCustomerName}</span>
          {/* The channel may be long and gives way; the note mark and the item count are never cut off. */}
          <span className="order-meta">
            {order.comment && (
              <span className="note-mark" title={order.comment}>
                {t.noteMark}
              </span>
            )}
            <ChannelChip source={order.source} className="order-channel" />
            <span className="order-items">{t.itemCount(itemCount(order))}</span>
            {!hasCreationTime(order) && <span className="order-items">· {t.timeUnknown}</span>}
          </span>
        </span>
        <span className="order-money">
          <OrderTotal order={order} currency={currency} />
          {paymentTone(order.paymentStatus) === 'unpaid' && <PaymentChip status={order.paymentStatus} />}
        </span>
      </button>
      <span className="order-action">
        {needsAck ? (
          <button
            type="button"
            className="button button-ack"
            tabIndex={active ? 0 : -1}
            onClick={() => props.onAcknowledge(order.id)}
            aria-label={`${t.acknowledge} ${number}`}
            title={t.acknowledgeHint}
          >
            {t.acknowledge}
          </button>
        ) : pending ? (
          <span className="order-pos">{t.acknowledged}</span>
        ) : null}
      </span>
    </li>
  );
});
