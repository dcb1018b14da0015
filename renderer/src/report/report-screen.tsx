import { useEffect, useRef, useState } from 'react';
import type { NotifierBridge } from '../../../common/contract';
import { REPORT_RANGES, type OrderLife, type ReportData, type ReportRange } from '../../../common/report';
import type { AppError } from '../../../common/result';
import type { Settings } from '../../../common/settings';
import { ErrorMessage, TechnicalDetails } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { useReply } from '../state/use-reply';
import { HourChart } from './hour-chart';
import { acceptChartSummary, formatDuration, formatMinutes, ordersChartSummary } from './report-format';
import { FigureText, GroupTable, SlowestTable, channelKey } from './report-tables';

export interface ReportScreenProps {
  bridge: NotifierBridge;
  settings: Settings;
  range: ReportRange;
  onRangeChange(range: ReportRange): void;
  /** AppInfo.ledgerWarning: shown when the report itself does not carry one. */
  ledgerWarning: string | null;
  onBack(): void;
  onOpenOrder(id: string, venueId: string): void;
}

type ExportState = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; file: string } | { status: 'error'; error: AppError };

/**
 * The owner's report: how many orders came, how fast they were seen and accepted, by hour, channel
 * and venue, the slowest ones, and the period's orders as CSV.
 */
export function ReportScreen({ bridge, settings, range, onRangeChange, ledgerWarning, onBack, onOpenOrder }: ReportScreenProps) {
  const { t, format } = useI18n();
  const r = t.report;
  const { state, retry } = useReply(() => bridge.getReport({ range }), range);
  const [exportState, setExportState] = useState<ExportState>({ status: 'idle' });
  const heading = useRef<HTMLHeadingElement>(null);

  // The screen may arrive after the app moved focus (it loads on first use): it takes focus at its heading itself.
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => setExportState({ status: 'idle' }), [range]);

  const data = state.status === 'ok' ? state.value : null;
  const warning = data?.ledgerWarning ?? ledgerWarning;
  const empty = data !== null && data.totals.orders === 0;

  const exportCsv = async () => {
    setExportState({ status: 'saving' });
    try {
      const reply = await bridge.exportReport({ range });
      if (!reply.ok) setExportState({ status: 'error', error: reply.error });
      else setExportState(reply.value.file === null ? { status: 'idle' } : { status: 'saved', file: reply.value.file });
    } catch (cause) {
      setExportState({ status: 'error', error: { kind: 'internal', message: String(cause) } });
    }
  };

  return (
    <section className="report" aria-labelledby="report-title">
      <div className="report-header">
        <button type="button" className="button" onClick={onBack}>
          ← {t.backToOrders}
        </button>
        <h2 id="report-title" tabIndex={-1} ref={heading}>
          {r.title}
        </h2>
        <fieldset className="segmented">
          <legend className="report-sr-only">{r.periodLabel}</legend>
          {REPORT_RANGES.map((option) => (
            <label key={option} className="segment">
              <input type="radio" name="report-range" value={option} checked={range === option} onChange={() => onRangeChange(option)} />
              <span>{r.range[option]}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <div className="report-period-row">
        {data ? <PeriodLine data={data} /> : <span />}
        <button type="button" className="button" disabled={exportState.status === 'saving' || data === null || empty} onClick={() => void exportCsv()}>
          {exportState.status === 'saving' ? r.exporting : r.exportCsv}
        </button>
      </div>

      {warning && (
        <div className="warning-box report-warning" role="alert">
          <p className="warning-title">⚠ {r.ledgerWarningTitle}</p>
          <p>{r.ledgerWarningBody}</p>
          <TechnicalDetails lines={[warning]} />
        </div>
      )}
      {exportState.status === 'saved' && (
        <p className="notice report-saved" role="status">
          {r.exported(exportState.file)}
        </p>
      )}
      {exportState.status === 'error' && <ErrorMessage title={r.couldNotExport} error={exportState.error} />}

      {state.status === 'loading' && (
        <p className="report-loading" role="status">
          {r.loading}
        </p>
      )}
      {state.status === 'error' && <ErrorMessage title={r.couldNotLoad} error={state.error} onRetry={retry} />}
      {data && empty && (
        <div className="board-empty report-empty" role="status">
          <p className="board-empty-title">{r.empty}</p>
          <p>{r.emptyHint}</p>
        </div>
      )}
      {data && !empty && (
        <>
          <Figures data={data} />
          <div className="report-charts">
            <HourChart
              kind="orders"
              title={r.ordersByHour}
              summary={ordersChartSummary(data.byHour, t, format)}
              hours={data.byHour}
              valueHeading={r.orders}
              formatValue={(hour) => format.number(hour.orders)}
            />
            <HourChart
              kind="accept"
              title={r.acceptByHour}
              summary={acceptChartSummary(data.byHour, t)}
              hours={data.byHour}
              valueHeading={r.acceptMedian}
              formatValue={(hour) => formatDuration(hour.acceptMedianMs, t)}
            />
          </div>
          {data.byChannel.length > 0 && (
            <GroupTable
              id="report-by-channel"
              heading={r.byChannel}
              keyHeading={r.channel}
              groups={data.byChannel}
              escalationMinutes={data.escalationMinutes}
              renderKey={channelKey}
              unreachableEachRow={false}
            />
          )}
          {data.byVenue.length > 1 && (
            <GroupTable
              id="report-by-venue"
              heading={r.byVenue}
              keyHeading={t.venue}
              groups={data.byVenue}
              escalationMinutes={data.escalationMinutes}
              renderKey={(group) => group.key}
              unreachableEachRow
            />
          )}
          {data.slowest.length > 0 && (
            <SlowestTable orders={data.slowest} currency={settings.currency} onOpen={(order: OrderLife) => onOpenOrder(order.id, order.venueId)} />
          )}
        </>
      )}
    </section>
  );
}

/** The period's bounds, and the zone its hours are counted in when it is not this PC's. */
function PeriodLine({ data }: { data: ReportData }) {
  const { t, format } = useI18n();
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Today so far reads "From 14 Mar 2026, 00:00 to 18:40"; a period over several days names both dates.
  const sameDay = new Date(data.from).toDateString() === new Date(data.to).toDateString();
  return (
    <p className="report-period">
      {t.report.period(format.dateTime(data.from), sameDay ? format.shortTime(data.to) : format.dateTime(data.to))}
      {data.timeZone !== localZone && <span className="report-zone"> · {t.report.hoursIn(data.timeZone)}</span>}
    </p>
  );
}

/** The headline figures as tiles: counts first, then times. */
function Figures({ data }: { data: ReportData }) {
  const { t, format } = useI18n();
  const r = t.report;
  const f = data.totals;
  const tiles: Array<{ key: string; label: string; value: string; hint?: string; warn?: boolean }> = [
    { key: 'orders', label: r.orders, value: format.number(f.orders) },
    { key: 'accepted', label: r.accepted, value: format.number(f.accepted) },
    { key: 'never', label: r.neverAccepted, value: format.number(f.neverAccepted), hint: r.neverAcceptedHint, warn: f.neverAccepted > 0 },
    { key: 'pending', label: r.stillPending, value: format.number(f.stillPending) },
    { key: 'waited', label: r.waitedOver(data.escalationMinutes), value: format.number(f.waitedOverThreshold), hint: r.waitedOverHint, warn: f.waitedOverThreshold > 0 },
    { key: 'accept-median', label: r.acceptMedian, value: formatDuration(f.acceptMedianMs, t), hint: r.medianHint },
    { key: 'accept-p90', label: r.acceptP90, value: formatDuration(f.acceptP90Ms, t), hint: r.p90Hint },
    { key: 'seen-median', label: r.seenMedian, value: formatDuration(f.seenMedianMs, t), hint: r.medianHint },
    { key: 'seen-p90', label: r.seenP90, value: formatDuration(f.seenP90Ms, t), hint: r.p90Hint },
    { key: 'unreachable', label: r.unreachable, value: formatMinutes(f.unreachableMs, t), hint: r.unreachableHint, warn: f.unreachableMs >= 60_000 },
  ];
  return (
    <section className="report-summary" aria-labelledby="report-summary-title">
      <h3 id="report-summary-title" className="report-sr-only">
        {r.summaryHeading}
      </h3>
      <dl className="report-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className={`report-tile tile-${tile.key} ${tile.warn ? 'is-warn' : ''}`}>
            <dt className="report-tile-label">{tile.label}</dt>
            <dd className="report-tile-value">
              <FigureText text={tile.value} />
            </dd>
            {tile.hint && <dd className="report-tile-hint">{tile.hint}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

export default ReportScreen;
