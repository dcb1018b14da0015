import { useEffect, useState } from 'react';
import type { NotifierBridge } from '../../../common/contract';
import type { EngineSnapshot } from '../../../common/engine';
import { itemCount, type Order, type Receipt } from '../../../common/order';
import type { AppError } from '../../../common/result';
import type { Settings } from '../../../common/settings';
import { ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { useReply } from '../state/use-reply';
import { displayNumber } from './board-model';
import { channelLabel, deliveryTypeLabel, paymentStatusLabel } from './order-labels';
import { receiptLink } from './receipt-link';

export interface SlipData {
  order: Order;
  /** The order's receipt when it has one: the daily number, fee, totals and payments come from it. */
  receipt: Receipt | null;
}

/**
 * The order slip as a POS prints it, narrow (58 or 80 mm): venue, the big daily number the
 * kitchen calls out, channel, time, customer, the lines with their modifiers, the comment, the
 * fee only when there is one, totals and payment. The same component is on screen, in main's
 * print window (PrintSlipPage) and so on paper.
 */
export function Slip({ data, settings }: { data: SlipData; settings: Settings }) {
  const { t, format } = useI18n();
  const { order, receipt } = data;
  const money = (amount: number) => format.money(amount, settings.currency);
  const bigNumber = receipt?.dailyId ?? displayNumber(order);
  const orderNumber = receipt?.orderNumber ?? order.number;
  const brand = settings.connection.brand.trim();
  const venue = settings.connection.venues.length > 1 ? t.slipVenue(order.venueId) : null;
  const fee = receipt?.deliveryFee ?? null;
  const total = receipt?.total ?? order.total;
  return (
    <article className={`slip slip-${settings.printing.paperWidthMm}`} aria-label={t.slipTitle(bigNumber)}>
      <header className="slip-head">
        <p className="slip-venue">{brand || t.appTitle}</p>
        {venue && <p>{venue}</p>}
        <p className="slip-number-label">{t.slipDailyNumber}</p>
        <p className="slip-number">{bigNumber}</p>
        {orderNumber && orderNumber !== bigNumber && <p>{t.orderTitle(orderNumber)}</p>}
        <p className="slip-channel">
          {order.source ? channelLabel(order.source, t) : t.unknownSource}
          {order.deliveryType ? ` · ${deliveryTypeLabel(order.deliveryType, t)}` : ''}
        </p>
        <p>{order.createdAt ? format.dateTime(order.createdAt) : t.timeUnknown}</p>
      </header>
      {order.customer && (order.customer.name || order.customer.phone || order.customer.address) && (
        <section className="slip-customer">
          {order.customer.name && <p className="slip-strong">{order.customer.name}</p>}
          {order.customer.phone && <p>{order.customer.phone}</p>}
          {order.customer.address && <p>{order.customer.address}</p>}
        </section>
      )}
      <table className="slip-lines">
        <caption className="slip-caption">{t.itemCount(itemCount(order))}</caption>
        <thead>
          <tr>
            <th scope="col">{t.itemName}</th>
            <th scope="col" className="num">{t.slipLineAmount}</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item, index) => (
            <tr key={index}>
              <td>
                <span className="slip-qty">{format.number(item.quantity, Number.isInteger(item.quantity) ? 0 : 3)} × </span>
                {item.name}
                {item.modifiers.map((modifier, m) => (
                  <span key={m} className="slip-modifier">
                    + {modifier}
                  </span>
                ))}
              </td>
              <td className="num">{item.total === null ? t.notGiven : money(item.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {order.comment && (
        <p className="slip-comment">
          <span className="slip-strong">{t.comment}:</span> {order.comment}
        </p>
      )}
      <dl className="slip-totals">
        {receipt?.subtotal != null && fee !== null && fee > 0 && (
          <div>
            <dt>{t.subtotal}</dt>
            <dd>{money(receipt.subtotal)}</dd>
          </div>
        )}
        {fee !== null && fee > 0 && (
          <div>
            <dt>{t.deliveryFee}</dt>
            <dd>{money(fee)}</dd>
          </div>
        )}
        <div className="slip-total">
          <dt>{t.total}</dt>
          <dd>{total === null ? t.notGiven : `${receipt === null && order.totalIsComputed ? '≈ ' : ''}${money(total)}`}</dd>
        </div>
      </dl>
      <section className="slip-payment">
        <p className="slip-strong">{order.paymentStatus ? paymentStatusLabel(order.paymentStatus, t) : t.paymentUnknown}</p>
        {receipt?.paymentMethods.map((method, index) => (
          <p key={index} className="slip-pay-line">
            <span>{method.name}</span>
            <span>{method.amount === null ? t.notGiven : money(method.amount)}</span>
          </p>
        ))}
      </section>
    </article>
  );
}

/** The order (main's fresh copy, else the board's) and its receipt, when it has one. */
function useSlipData(bridge: NotifierBridge, id: string, venueId: string | undefined, fallback: Order | undefined) {
  const orderReply = useReply(() => bridge.getOrder({ id, venueId }), `${id}@${venueId ?? ''}`);
  const order = orderReply.state.status === 'ok' ? orderReply.state.value.order : fallback;
  const receiptId = (orderReply.state.status === 'ok' ? orderReply.state.value.receipt?.id : null) ?? order?.receiptId ?? null;
  const receiptReply = useReply<Receipt | null>(
    () => (receiptId ? bridge.getReceipt({ id: receiptId, venueId: order?.venueId || venueId }) : Promise.resolve({ ok: true, value: null })),
    `${receiptId ?? ''}`,
  );
  const settled = orderReply.state.status !== 'loading' && receiptReply.state.status !== 'loading';
  const receipt = receiptReply.state.status === 'ok' ? receiptReply.state.value : null;
  const error: AppError | null = orderReply.state.status === 'error' && !fallback ? orderReply.state.error : null;
  return { data: order ? { order, receipt } : null, settled, error, receiptId, receiptError: receiptReply.state.status === 'error' ? receiptReply.state.error : null, retry: orderReply.retry };
}

interface SlipScreenProps {
  bridge: NotifierBridge;
  id: string;
  venueId: string | undefined;
  snapshot: EngineSnapshot;
  settings: Settings;
  onBack(): void;
}

/** The slip on screen, with Print (main prints it on the printer set in Settings). */
export function SlipScreen({ bridge, id, venueId, snapshot, settings, onBack }: SlipScreenProps) {
  const { t } = useI18n();
  const fallback = (snapshot.pending.find((o) => o.order.id === id) ?? snapshot.history.find((o) => o.order.id === id))?.order;
  const slip = useSlipData(bridge, id, venueId, fallback);
  const [printing, setPrinting] = useState<'idle' | 'busy' | { ok: true; printer: string } | { ok: false; error: AppError }>('idle');
  const number = slip.data ? slip.data.receipt?.dailyId ?? displayNumber(slip.data.order) : id;
  const externalUrl = slip.receiptId ? receiptLink(settings.receiptUrlTemplate, slip.receiptId) : null;
  const print = async () => {
    setPrinting('busy');
    const reply = await bridge.printSlip({ id, venueId: slip.data?.order.venueId || venueId });
    setPrinting(reply.ok ? { ok: true, printer: reply.value.printer } : { ok: false, error: reply.error });
  };
  return (
    <section className="detail slip-screen" aria-labelledby="slip-title">
      <div className="detail-header">
        <button type="button" className="button" onClick={onBack}>
          ← {t.backToOrder}
        </button>
        <h2 id="slip-title" className="detail-title" tabIndex={-1}>
          {t.slipTitle(number)}
        </h2>
        <span className="spacer" />
        {externalUrl && (
          <button type="button" className="button" onClick={() => void bridge.openExternal({ url: externalUrl })}>
            {t.openReceiptExternal} ↗
          </button>
        )}
        <button type="button" className="button button-primary" disabled={!slip.data || printing === 'busy'} onClick={() => void print()}>
          {printing === 'busy' ? t.printing : t.print}
        </button>
      </div>
      {printing !== 'idle' && printing !== 'busy' && printing.ok && (
        <p role="status" className="notice">
          {t.printed(printing.printer || t.defaultPrinter)}
        </p>
      )}
      {printing !== 'idle' && printing !== 'busy' && !printing.ok && <ErrorMessage title={t.couldNotPrint} error={printing.error} />}
      {!slip.data && !slip.error && <p role="status">{t.loadingReceipt}</p>}
      {slip.error && <ErrorMessage title={t.couldNotLoadOrder} error={slip.error} onRetry={slip.retry} />}
      {slip.receiptError && <p className="notice">{t.slipWithoutReceipt}</p>}
      {slip.data && (
        <div className="slip-holder">
          <Slip data={slip.data} settings={settings} />
        </div>
      )}
    </section>
  );
}

/**
 * The page main's hidden print window loads (index.html#print-slip?id=…&venue=…): only the slip.
 * It tells main when the slip is complete through the page title ("slip-ready <height px>" or
 * "slip-failed: …"), which main waits for before printing (main/desktop/printing.ts).
 */
export function PrintSlipPage({ bridge, id, venueId, settings }: { bridge: NotifierBridge; id: string; venueId: string | undefined; settings: Settings }) {
  const slip = useSlipData(bridge, id, venueId, undefined);
  useEffect(() => {
    if (slip.error) document.title = `slip-failed: ${slip.error.kind}`;
    else if (slip.settled && slip.data) {
      // Main prints a page as long as the slip: its height goes with the verdict.
      const height = document.querySelector('.slip')?.getBoundingClientRect().height ?? 0;
      document.title = `slip-ready ${Math.ceil(height)}`;
    }
  }, [slip.error, slip.settled, slip.data]);
  return <main className="print-page">{slip.data && <Slip data={slip.data} settings={settings} />}</main>;
}

/** The print window's request, from the address's fragment; null for the app's own window. */
export function printSlipRequest(hash: string): { id: string; venueId: string | undefined } | null {
  if (!hash.startsWith('#print-slip?')) return null;
  const params = new URLSearchParams(hash.slice('#print-slip?'.length));
  const id = params.get('id');
  if (!id) return null;
  return { id, venueId: params.get('venue') || undefined };
}
