import type { NotifierBridge } from '../../../common/contract';
import type { Receipt } from '../../../common/order';
import type { Settings } from '../../../common/settings';
import { ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { LinesHead } from './lines-head';
import { useReply } from '../state/use-reply';
import { receiptOrderStatusLabel } from './order-labels';
import { receiptLink } from './receipt-link';

interface ReceiptViewProps {
  bridge: NotifierBridge;
  receipt: { id: string; venueId: string | undefined };
  settings: Settings;
  onBack(): void;
}

/** A Clopos receipt, fetched through main: Clopos documents no web page for one, so it is shown here. */
export function ReceiptView({ bridge, receipt, settings, onBack }: ReceiptViewProps) {
  const { t, format } = useI18n();
  const { state, retry } = useReply(
    () => bridge.getReceipt({ id: receipt.id, venueId: receipt.venueId }),
    `${receipt.id}@${receipt.venueId ?? ''}`,
  );
  const value: Receipt | null = state.status === 'ok' ? state.value : null;
  const title = value?.orderNumber ?? value?.dailyId ?? receipt.id;
  const money = (amount: number | null) => (amount === null ? t.notGiven : format.money(amount, settings.currency));
  const stateLabel: Record<Receipt['status'], string> = {
    open: t.receiptOpen,
    closed: t.receiptClosed,
    unknown: t.receiptUnknown,
  };
  const externalUrl = receiptLink(settings.receiptUrlTemplate, receipt.id);

  return (
    <section className="detail receipt" aria-labelledby="receipt-title">
      <div className="detail-header">
        <button type="button" className="button" onClick={onBack}>
          ← {t.backToOrder}
        </button>
        <h2 id="receipt-title" className="detail-title" tabIndex={-1}>
          {t.receiptTitle(title)}
        </h2>
        {value && <span className={`receipt-state receipt-${value.status}`}>{stateLabel[value.status]}</span>}
        <span className="spacer" />
        {externalUrl && (
          <button type="button" className="button" onClick={() => void bridge.openExternal({ url: externalUrl })}>
            {t.openReceiptExternal} ↗
          </button>
        )}
      </div>
      {state.status === 'loading' && <p role="status">{t.loadingReceipt}</p>}
      {state.status === 'error' && <ErrorMessage title={t.couldNotLoadReceipt} error={state.error} onRetry={retry} />}
      {value && (
        <div className="detail-body">
          <div className="detail-items">
            <table className="lines">
              <LinesHead />
              <tbody>
                {value.lines.map((line, index) => (
                  <tr key={index}>
                    <td>{line.name ?? line.productId ?? t.notGiven}</td>
                    <td className="num">{format.number(line.quantity, Number.isInteger(line.quantity) ? 0 : 2)}</td>
                    <td className="num">{money(line.price)}</td>
                    <td className="num">{money(line.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>{t.subtotal}</th>
                  <td className="num">{money(value.subtotal)}</td>
                </tr>
                <tr>
                  <th scope="row" colSpan={3}>{t.deliveryFee}</th>
                  <td className="num">{money(value.deliveryFee)}</td>
                </tr>
                <tr className="grand-total">
                  <th scope="row" colSpan={3}>{t.total}</th>
                  <td className="num">{money(value.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <div className="detail-side">
            <dl className="fields">
              <div className="field-row">
                <dt>{t.receiptNumber}</dt>
                <dd>{value.orderNumber ?? t.notGiven}</dd>
              </div>
              <div className="field-row">
                <dt>{t.dailyId}</dt>
                <dd>{value.dailyId ?? t.notGiven}</dd>
              </div>
              <div className="field-row">
                <dt>{t.receiptState}</dt>
                <dd>{stateLabel[value.status]}</dd>
              </div>
              <div className="field-row">
                <dt>{t.orderStatus}</dt>
                <dd>{value.orderStatus ? receiptOrderStatusLabel(value.orderStatus, t) : t.notGiven}</dd>
              </div>
              <div className="field-row">
                <dt>{t.created}</dt>
                <dd>{value.createdAt ? format.dateTime(value.createdAt) : t.notGiven}</dd>
              </div>
              <div className="field-row">
                <dt>{t.closedAt}</dt>
                <dd>{value.closedAt ? format.dateTime(value.closedAt) : t.notGiven}</dd>
              </div>
            </dl>
            <h3>{t.paymentMethods}</h3>
            {value.paymentMethods.length === 0 ? (
              <p>{t.noPayments}</p>
            ) : (
              <dl className="fields">
                {value.paymentMethods.map((method, index) => (
                  <div className="field-row" key={index}>
                    <dt>{method.name}</dt>
                    <dd>{money(method.amount)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
