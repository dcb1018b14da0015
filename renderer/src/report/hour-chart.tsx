import { useEffect, useId, useRef, useState } from 'react';
import type uPlot from 'uplot';
import type { ReportHour } from '../../../common/report';
import { useI18n } from '../i18n/i18n';
import { hourLabel } from './report-format';

export type HourChartKind = 'orders' | 'accept';

interface HourChartProps {
  kind: HourChartKind;
  title: string;
  /** One sentence saying what the chart shows, for screen readers (the canvas says nothing). */
  summary: string;
  hours: readonly ReportHour[];
  /** The heading of the value column of the chart's table. */
  valueHeading: string;
  /** One hour's value as the table shows it. */
  formatValue(hour: ReportHour): string;
}

const COLOURS = {
  axis: '#c2cad3',
  grid: 'rgba(194, 202, 211, 0.16)',
  orders: '#58a6ff',
  ordersFill: 'rgba(88, 166, 255, 0.85)',
  accept: '#ffc93c',
  acceptFill: 'rgba(255, 201, 60, 0.14)',
};

const HOUR_TICKS = [0, 3, 6, 9, 12, 15, 18, 21];
const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000];

/** A round top for a count axis: 37 → 40, 4 → 5, 0 → 1. */
function countCeiling(max: number): number {
  const step = COUNT_STEPS.find((candidate) => max / candidate <= 5) ?? COUNT_STEPS.at(-1)!;
  return Math.max(1, Math.ceil((max * 1.05) / step) * step);
}

const rootFontPx = (): number => {
  const px = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
};

function chartOptions(
  UPlot: typeof uPlot,
  kind: HourChartKind,
  size: { width: number; height: number },
  formatNumber: (value: number, decimals: number) => string,
): uPlot.Options {
  const fontPx = Math.round(rootFontPx() * 0.82);
  const font = `${fontPx}px system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif`;
  const yValues = (_self: uPlot, splits: number[]) => {
    const decimals = splits.some((value) => !Number.isInteger(Math.round(value * 1000) / 1000)) ? 1 : 0;
    return splits.map((value) => formatNumber(value, decimals));
  };
  // Wide enough for the longest label the axis can show, at this font.
  const ySize = (_self: uPlot, values: string[] | null) => Math.ceil(Math.max(2, ...(values ?? []).map((v) => v.length)) * fontPx * 0.62) + fontPx;
  const series: uPlot.Series =
    kind === 'orders'
      ? {
          stroke: COLOURS.orders,
          fill: COLOURS.ordersFill,
          width: 0,
          paths: UPlot.paths.bars!({ size: [0.72, 120], align: 0 }),
          points: { show: false },
        }
      : {
          stroke: COLOURS.accept,
          fill: COLOURS.acceptFill,
          width: 3,
          spanGaps: false,
          points: { show: true, size: Math.round(fontPx * 0.6), fill: COLOURS.accept, stroke: COLOURS.accept },
        };
  return {
    ...size,
    legend: { show: false },
    cursor: { show: false, drag: { x: false, y: false } },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    padding: [fontPx * 0.8, fontPx * 0.6, 0, 0],
    scales: {
      x: { time: false, range: [-0.5, 23.5] },
      y: {
        range: (_self, _min, max) => (kind === 'orders' ? [0, countCeiling(max)] : [0, Math.max(1, Math.ceil(max * 1.15))]),
      },
    },
    axes: [
      {
        stroke: COLOURS.axis,
        font,
        size: fontPx * 2.2,
        gap: fontPx * 0.3,
        grid: { show: false },
        ticks: { stroke: COLOURS.grid, width: 1, size: fontPx * 0.4 },
        splits: () => HOUR_TICKS,
        values: (_self, splits) => splits.map(hourLabel),
      },
      {
        stroke: COLOURS.axis,
        font,
        size: ySize,
        gap: fontPx * 0.3,
        grid: { stroke: COLOURS.grid, width: 1 },
        ticks: { show: false },
        space: fontPx * 2.2,
        ...(kind === 'orders' ? { incrs: COUNT_STEPS } : {}),
        values: yValues,
      },
    ],
    series: [{}, series],
  };
}

function chartData(kind: HourChartKind, hours: readonly ReportHour[]): uPlot.AlignedData {
  const x = hours.map((hour) => hour.hour);
  const y = hours.map((hour) => (kind === 'orders' ? hour.orders : hour.acceptMedianMs === null ? null : hour.acceptMedianMs / 60_000));
  return [x, y];
}

/**
 * A chart over the 24 hours of the day, drawn by uPlot on a canvas sized to its box (and redrawn
 * when the box or the type size changes), with the same 24 values in a table: always there for
 * screen readers, and shown in the chart's place when someone asks for it.
 */
export function HourChart({ kind, title, summary, hours, valueHeading, formatValue }: HourChartProps) {
  const { t, format } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const [tableShown, setTableShown] = useState(false);
  const tableId = useId();

  useEffect(() => {
    const box = holder.current;
    // No layout, no chart: jsdom (the component tests) has neither ResizeObserver nor a canvas.
    if (!box || typeof ResizeObserver === 'undefined') return;
    let cancelled = false;
    let plot: uPlot | null = null;
    let builtAtFont = 0;
    let observer: ResizeObserver | null = null;
    const sizeOf = () => ({ width: Math.floor(box.clientWidth), height: Math.floor(box.clientHeight) });
    void import('./uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const build = () => {
        const size = sizeOf();
        plot?.destroy();
        plot = null;
        if (size.width <= 0 || size.height <= 0) return;
        builtAtFont = rootFontPx();
        plot = new UPlot(chartOptions(UPlot, kind, size, format.number), chartData(kind, hours), box);
      };
      build();
      observer = new ResizeObserver(() => {
        // The type scales with the window: a new size of type needs new axes, not just a new size.
        if (!plot || rootFontPx() !== builtAtFont) build();
        else plot.setSize(sizeOf());
      });
      observer.observe(box);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
      plot = null;
    };
  }, [kind, hours, format]);

  return (
    <section className={`hour-chart hour-chart-${kind}`} aria-labelledby={`${tableId}-title`}>
      <div className="hour-chart-head">
        <h3 id={`${tableId}-title`} className="hour-chart-title">
          {title}
        </h3>
        <button type="button" className="report-link-button hour-chart-toggle" aria-expanded={tableShown} aria-controls={tableId} onClick={() => setTableShown((shown) => !shown)}>
          {tableShown ? t.report.hideTable : t.report.showTable}
        </button>
      </div>
      {/* The table, when asked for, takes the chart's place at the chart's size: the layout around it stays put. */}
      <div className="hour-chart-body">
        <div className="hour-chart-plot" ref={holder} role="img" aria-label={summary} />
        <div
          id={tableId}
          className={tableShown ? 'hour-table-scroll' : 'report-sr-only'}
          {...(tableShown ? { role: 'region', 'aria-label': title, tabIndex: 0 } : {})}
        >
          <table className="report-table hour-table">
            <caption className="report-sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.report.hour}</th>
                <th scope="col" className="num">
                  {valueHeading}
                </th>
              </tr>
            </thead>
            <tbody>
              {hours.map((hour) => (
                <tr key={hour.hour}>
                  <th scope="row">{hourLabel(hour.hour)}</th>
                  <td className="num">{formatValue(hour)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
