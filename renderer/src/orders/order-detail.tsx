import { useState } from 'react';
import type { NotifierBridge } from '../../../common/contract';
import type { EngineSnapshot, TrackedOrder } from '../../../common/engine';
import type { Order } from '../../../common/order';
import type { AppError } from '../../../common/result';
import type { Settings } from '../../../common/settings';
import { ConfirmDialog } from '../confirm-dialog';
import { ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { LinesHead } from './lines-head';
import { useReply } from '../state/use-reply';
import { displayNumber } from './board-model';
import { OrderAge } from './order-age';
import { ChannelChip, UrgentFacts } from './order-chips';
import { deliveryTypeLabel } from './order-labels';
import { OrderTotal } from './order-total';
import { receiptLink } from './receipt-link';

interface OrderDetailProps {
  bridge: NotifierBridge;
  id: string;
  /** The order's venue when it is not on the board (an order opened from the report). */
  venueId?: string;
  /** What Back says; "Back to orders" unless given. */
  backLabel?: string;
  snapshot: EngineSnapshot;
  settings: Settings;
  onBack(): void;
  /** The order slip (with the receipt's figures when the order has one), for the order's venue. */
  onOpenSlip(venueId: string | undefined): void;
  onSnapshot(snapshot: EngineSnapshot): void;
}

function findTracked(snapshot: EngineSnapshot, id: string): TrackedOrder | undefined {
  return snapshot.pending.find((o) => o.order.id === id) ?? snapshot.history.find((o) => o.order.id === id);
}

/** One order in full, fetched through main; the board's copy is shown while it loads. */
export function OrderDetail({ bridge, id, venueId: givenVenueId, backLabel, snapshot, settings, onBack, onOpenSlip, onSnapshot }: OrderDetailProps) {
  const { t, format } = useI18n();
  const tracked = findTracked(snapshot, id);
  const venueId = tracked?.order.venueId ?? givenVenueId;
  const { state, retry } = useReply(() => bridge.getOrder({ id, venueId }), `${id}@${venueId ?? ''}`);
  const [confirmReject, setConfirmReject] = useState(false);
  const [rejectResult, setRejectResult] = useState<{ ok: true } | { ok: false; error: AppError } | null>(null);

  const order: Order | undefined = state.status === 'ok' ? state.value.order : tracked?.order;
  const receiptId = (state.status === 'ok' ? state.value.receipt?.id : null) ?? order?.receiptId ?? null;
  const pending = tracked ? tracked.leftPendingAt === null : order?.status === 'pending';
  const number = order ? displayNumber(order) : id;
  const externalUrl = receiptId ? receiptLink(settings.receiptUrlTemplate, receiptId) : null;

  const acknowledge = async () => {
    const reply = await bridge.acknowledge({ id });
    if (reply.ok) onSnapshot(reply.value);
  };
  const reject = async () => {
    setConfirmReject(false);
    const reply = await bridge.rejectOrder({ id, venueId });
    if (reply.ok) onSnapshot(reply.value);
    setRejectResult(reply.ok ? { ok: true } : { ok: false, error: reply.error });
  };

  const field = (label: string, value: string | null | undefined) => (
    <div className="field-row">
      <dt>{label}</dt>
      <dd>{value || t.notGiven}</dd>
    </div>
  );

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail-header">
        <button type="button" className="button" onClick={onBack}>
          ← {backLabel ?? t.backToOrders}
        </button>
        <h2 id="detail-title" className="detail-title" tabIndex={-1}>
          {t.orderTitle(number)}
        </h2>
        {order && <span className={`order-status status-${order.status}`}>{t.status[order.status]}</span>}
        {tracked && pending && <OrderAge tracked={tracked} escalationMinutes={settings.alerts.escalationMinutes} />}
        <span className="spacer" />
        {tracked && pending && !tracked.acknowledged && (
          <button type="button" className="button button-ack" onClick={() => void acknowledge()} title={t.acknowledgeHint}>
            {t.acknowledge}
          </button>
        )}
        {tracked && pending && tracked.acknowledged && <span className="order-pos">{t.acknowledged}</span>}
      </div>
      {order && (
        // What the clerk must not miss comes first: the customer's note (allergies), then payment.
        <UrgentFacts order={order}>
          {order.deliveryType && <span className="fact">{deliveryTypeLabel(order.deliveryType, t)}</span>}
          <ChannelChip source={order.source} large />
        </UrgentFacts>
      )}

      {state.status === 'loading' && <p role="status">{t.loadingOrder}</p>}
      {state.status === 'error' && <ErrorMessage title={t.couldNotLoadOrder} error={state.error} onRetry={retry} />}
      {rejectResult?.ok && <p role="status" className="notice">{t.rejected}</p>}
      {rejectResult && !rejectResult.ok && <ErrorMessage title={t.couldNotReject} error={rejectResult.error} />}

      {order && (
        <div className="detail-body">
          <div className="detail-items">
            <h3>{t.itemsHeading}</h3>
            <table className="lines">
              <LinesHead />
              <tbody>
                {order.items.map((item, index) => (
                  <tr key={index}>
                    <td>
                      <span className="line-name">{item.name}</span>
                      {item.modifiers.length > 0 && (
                        <ul className="modifiers">
                          {item.modifiers.map((modifier, m) => (
                            <li key={m}>+ {modifier}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="num">{format.number(item.quantity, Number.isInteger(item.quantity) ? 0 : 2)}</td>
                    <td className="num">{item.unitPrice === null ? t.notGiven : format.money(item.unitPrice, settings.currency)}</td>
                    <td className="num">{item.total === null ? t.notGiven : format.money(item.total, settings.currency)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t.total}
                  </th>
                  <td className="num">
                    <OrderTotal order={order} currency={settings.currency} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <div className="detail-side">
            <h3>{t.customerHeading}</h3>
            <dl className="fields">
              {field(t.customerName, order.customer?.name)}
              {field(t.customerPhone, order.customer?.phone)}
              {field(t.customerAddress, order.customer?.address)}
            </dl>
            <h3>{t.detailsHeading}</h3>
            <dl className="fields">
              {field(t.created, order.createdAt ? format.dateTime(order.createdAt) : t.timeUnknown)}
              {order.updatedAt && field(t.updated, format.dateTime(order.updatedAt))}
              {/* The venue matters only where this PC watches several. */}
              {settings.connection.venues.length > 1 && field(t.venue, order.venueId)}
            </dl>
            <div className="detail-actions">
              <button type="button" className="button button-primary" onClick={() => onOpenSlip(order.venueId || venueId)}>
                {t.viewSlip}
              </button>
              {externalUrl && (
                <button type="button" className="button" onClick={() => void bridge.openExternal({ url: externalUrl })}>
                  {t.openReceiptExternal} ↗
                </button>
              )}
              {settings.allowReject && pending && !rejectResult?.ok && (
                <button type="button" className="button button-danger" onClick={() => setConfirmReject(true)}>
                  {t.rejectOrder}
                </button>
              )}
            </div>
          </div>
        </div>
      )}

      {confirmReject && (
        <ConfirmDialog
          title={t.rejectTitle(number)}
          body={t.rejectBody}
          confirmLabel={t.rejectConfirm}
          cancelLabel={t.rejectKeep}
          onConfirm={() => void reject()}
          onCancel={() => setConfirmReject(false)}
        />
      )}
    </section>
  );
}
