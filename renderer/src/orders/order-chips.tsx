import type { ReactNode } from 'react';
import type { Order } from '../../../common/order';
import { useI18n } from '../i18n/i18n';
import { channelLabel, channelTone, paymentStatusLabel, paymentTone } from './order-labels';

/** The channel in its colour (Wolt, Bolt Food, call centre, website, others by name). */
export function ChannelChip({ source, large = false, className = '' }: { source: string | null; large?: boolean; className?: string }) {
  const { t } = useI18n();
  return (
    <span className={`channel-chip ch-${channelTone(source)} ${large ? 'is-large' : ''} ${className}`}>
      {source ? channelLabel(source, t) : t.unknownSource}
    </span>
  );
}

/** The payment status, marked: "Not paid" in red (money to collect), "Paid" in green, the rest amber. */
export function PaymentChip({ status }: { status: string | null }) {
  const { t } = useI18n();
  return <span className={`payment-chip pay-${paymentTone(status)}`}>{status ? paymentStatusLabel(status, t) : t.paymentUnknown}</span>;
}

/**
 * What the clerk must not miss, first (the detail and the new-order card): the customer's comment
 * (allergies) in a box, then the payment, then whatever the caller adds.
 */
export function UrgentFacts({ order, children }: { order: Order; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="urgent-facts">
      {order.comment && (
        <p className="comment-callout">
          <span className="comment-label">{t.comment}:</span> {order.comment}
        </p>
      )}
      <p className="facts-line">
        <PaymentChip status={order.paymentStatus} />
        {children}
      </p>
    </div>
  );
}
