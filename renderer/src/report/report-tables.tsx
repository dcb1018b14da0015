import type { ReactNode } from 'react';
import type { OrderLife, ReportGroup } from '../../../common/report';
import type { Currency } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { ChannelChip } from '../orders/order-chips';
import { formatDuration, formatMinutes } from './report-format';

interface GroupTableProps {
  id: string;
  heading: string;
  keyHeading: string;
  groups: readonly ReportGroup[];
  escalationMinutes: number;
  renderKey(group: ReportGroup): ReactNode;
  /**
   * Whether the unreachable time differs row by row (venues: each its own). For channels it is the
   * whole watch's, the same on every row: the column is left out unless the rows differ after all.
   */
  unreachableEachRow: boolean;
}

/** The figures per channel or per venue, one row each. */
export function GroupTable({ id, heading, keyHeading, groups, escalationMinutes, renderKey, unreachableEachRow }: GroupTableProps) {
  const { t, format } = useI18n();
  const r = t.report;
  const showUnreachable = unreachableEachRow || groups.some((group) => group.unreachableMs !== groups[0]?.unreachableMs);
  const duration = (ms: number | null) => <FigureText text={formatDuration(ms, t)} />;
  return (
    <section className="report-section" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      <table className="report-table group-table">
        <thead>
          <tr>
            <th scope="col">{keyHeading}</th>
            <th scope="col" className="num">{r.orders}</th>
            <th scope="col" className="num">{r.accepted}</th>
            <th scope="col" className="num">{r.acceptMedian}</th>
            <th scope="col" className="num">{r.acceptP90}</th>
            <th scope="col" className="num">{r.seenMedian}</th>
            <th scope="col" className="num">{r.waitedOver(escalationMinutes)}</th>
            <th scope="col" className="num">{r.neverAccepted}</th>
            {showUnreachable && <th scope="col" className="num">{r.unreachable}</th>}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{renderKey(group)}</th>
              <td className="num">{format.number(group.orders)}</td>
              <td className="num">{format.number(group.accepted)}</td>
              <td className="num">{duration(group.acceptMedianMs)}</td>
              <td className="num">{duration(group.acceptP90Ms)}</td>
              <td className="num">{duration(group.seenMedianMs)}</td>
              <td className={`num ${group.waitedOverThreshold > 0 ? 'is-warn' : ''}`}>{format.number(group.waitedOverThreshold)}</td>
              <td className="num">{format.number(group.neverAccepted)}</td>
              {showUnreachable && (
                <td className="num">
                  <FigureText text={formatMinutes(group.unreachableMs, t)} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A figure with its units smaller than its numbers ("1 min 40 s"), so it reads at a glance and stays narrow. */
export function FigureText({ text }: { text: string }) {
  const parts = text.split(/(\d(?:[\d\s.,\u00a0\u202f]*\d)?)/).filter((part) => part !== '');
  if (!parts.some((part) => /\d/.test(part))) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) => (/\d/.test(part) ? <span key={index}>{part}</span> : <span key={index} className="report-unit">{part}</span>))}
    </>
  );
}

/** The channel of a group in the board's words and colour; '' is an unknown channel. */
export const channelKey = (group: ReportGroup) => <ChannelChip source={group.key === '' ? null : group.key} />;

interface SlowestTableProps {
  orders: readonly OrderLife[];
  currency: Currency;
  onOpen(order: OrderLife): void;
}

/** The ten slowest accepted orders; each opens the order's detail. */
export function SlowestTable({ orders, currency, onOpen }: SlowestTableProps) {
  const { t, format } = useI18n();
  const r = t.report;
  return (
    <section className="report-section" aria-labelledby="report-slowest">
      <h3 id="report-slowest">{r.slowest}</h3>
      <p className="report-hint">{r.slowestHint}</p>
      <table className="report-table slowest-table">
        <thead>
          <tr>
            <th scope="col">{r.order}</th>
            <th scope="col">{r.channel}</th>
            <th scope="col">{r.created}</th>
            <th scope="col" className="num">{r.acceptTime}</th>
            <th scope="col" className="num">{t.total}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={`${order.venueId}/${order.id}`} className="slowest-row" onClick={() => onOpen(order)}>
              <th scope="row">
                <button
                  type="button"
                  className="report-link-button slowest-open"
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(order);
                  }}
                >
                  {order.number ?? order.id}
                </button>
              </th>
              <td>
                <ChannelChip source={order.channel} />
              </td>
              <td>{format.dateTime(order.createdAt ?? order.firstSeenAt)}</td>
              <td className="num is-strong">
                <FigureText text={formatDuration(order.acceptMs, t)} />
              </td>
              <td className="num">{order.total === null ? t.notGiven : format.money(order.total, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
