/**
 * What a benchmark hands back and how it is printed: one table per benchmark, each figure next
 * to its target and whether the target was met. The tables are Markdown, so a run pastes
 * straight into BENCHMARKS.md.
 */

export interface Figure {
  figure: string;
  value: string;
  /** The target as a person reads it ("≤ 3"); empty when the figure is informative only. */
  target?: string;
  /** Whether the value meets the target; undefined when there is no target. */
  met?: boolean;
}

export interface BenchReport {
  title: string;
  /** One or more tables: the main figures first, then detail tables (per size, per remaining…). */
  figures: Figure[];
  tables?: { caption: string; header: string[]; rows: string[][] }[];
  /** How it was measured and anything a reader needs to interpret the figures. */
  notes: string[];
}

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(Math.max(3, w)))), ...rows.map(line)].join('\n');
}

const verdict = (f: Figure): string => (f.met === undefined ? '' : f.met ? 'met' : 'NOT met');

export function formatReport(report: BenchReport): string {
  const parts = [`### ${report.title}`, ''];
  parts.push(markdownTable(['figure', 'value', 'target', 'result'], report.figures.map((f) => [f.figure, f.value, f.target ?? '', verdict(f)])));
  for (const table of report.tables ?? []) parts.push('', table.caption, '', markdownTable(table.header, table.rows));
  if (report.notes.length > 0) parts.push('', ...report.notes.map((n) => `- ${n}`));
  return parts.join('\n');
}

/** Fixed decimals, for milliseconds, microseconds and ratios. */
export const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
