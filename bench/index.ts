/**
 * `npm run bench`: runs the benchmarks one after another and prints a table per benchmark with
 * each figure next to its target. Benchmarks print figures; they never fail on a missed target.
 * The exit code is non-zero only when a benchmark crashed.
 *
 *   npm run bench                     all of them (about 4 minutes)
 *   npm run bench -- --quick          fewer orders, shorter runs
 *   npm run bench -- --only memory    one (or a comma-separated list) by name
 */
import { parseArgs } from 'node:util';
import { describeMachine } from './machine';
import { formatReport, type BenchReport } from './report';
import { detectionLatency } from './detection-latency';
import { baselineComparison } from './baseline-comparison';
import { processingCost } from './processing-cost';
import { memory } from './memory';
import { apiBudget } from './api-budget';
import { rendererBench } from './renderer';
import { startup } from './startup';
import { cadence } from './cadence';
import { ledgerBench } from './ledger';

export interface BenchOptions {
  quick: boolean;
}

const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<BenchReport>> = {
  latency: detectionLatency,
  baseline: baselineComparison,
  processing: processingCost,
  memory,
  budget: apiBudget,
  renderer: rendererBench,
  startup,
  cadence,
  ledger: ledgerBench,
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, quick: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  const names = Object.keys(BENCHMARKS);
  if (values.help) {
    console.log(`Usage: npm run bench -- [--quick] [--only ${names.join('|')}[,…]]`);
    return 0;
  }
  const chosen = values.only ? values.only.split(',').map((n) => n.trim()) : names;
  const unknown = chosen.filter((n) => !BENCHMARKS[n]);
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${names.join(', ')}`);
    return 2;
  }

  console.log(`## Benchmark run${values.quick ? ' (--quick)' : ''}\n`);
  for (const line of describeMachine()) console.log(`- ${line}`);
  let crashed = 0;
  for (const name of chosen) {
    const started = Date.now();
    try {
      const report = await BENCHMARKS[name]!({ quick: values.quick });
      console.log(`\n${formatReport(report)}\n\n_(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)_`);
    } catch (cause) {
      crashed += 1;
      console.error(`\n### ${name}: CRASHED\n\n${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    }
  }
  return crashed > 0 ? 1 : 0;
}

process.exitCode = await main();
