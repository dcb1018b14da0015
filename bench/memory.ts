/**
 * 4. Memory: seven simulated days of polling in a child process with a forced GC, heap used at
 * the end of day 1 and day 7 (see memory-soak.ts).
 */
import { runChild } from './child-process';
import type { DayMeasure } from './memory-soak';
import { fixed, type BenchReport } from './report';

const MB = 1024 * 1024;
const TARGET_GROWTH_MB = 2;

export async function memory(options: { quick: boolean }): Promise<BenchReport> {
  const days = options.quick ? 3 : 7;
  const measures = await runChild<DayMeasure[]>('memory-soak.ts', [String(days)], ['--expose-gc'], 'MEMORY_SOAK', 15 * 60_000);
  const first = measures[0]!;
  const last = measures[measures.length - 1]!;
  const growthMb = (last.heapUsedBytes - first.heapUsedBytes) / MB;
  return {
    title: `4. Memory: ${days} simulated days of polling (engine + real client, forced GC)`,
    figures: [
      { figure: 'heap used after GC, end of day 1', value: `${fixed(first.heapUsedBytes / MB, 2)} MB` },
      { figure: `heap used after GC, end of day ${last.day}`, value: `${fixed(last.heapUsedBytes / MB, 2)} MB` },
      { figure: `growth day 1 → day ${last.day}`, value: `${fixed(growthMb, 2)} MB`, target: `≤ ${TARGET_GROWTH_MB} MB`, met: growthMb <= TARGET_GROWTH_MB },
      { figure: 'orders / polls in the run', value: `${last.ordersSoFar} / ${last.polls}` },
    ],
    tables: [
      {
        caption: 'At the end of each simulated day (midnight, after 4 forced GCs):',
        header: ['day', 'heap used MB', 'orders so far', 'announced record entries', 'history', 'pending'],
        rows: measures.map((m) => [String(m.day), fixed(m.heapUsedBytes / MB, 2), String(m.ordersSoFar), String(m.recordEntries), String(m.history), String(m.pending)]),
      },
    ],
    notes: [
      'Child process `node --expose-gc`; simulated clock; default engine options (10 s interval, 5 % jitter, reminders, escalation). The real Clopos client (v2, token renewed every simulated hour) with its fetch answered in-process: a v2 envelope of full orders rendered by the simulator\'s code from a book that keeps only pending orders.',
      'Order flow: about 355 orders a day (closed 00–10 h, lunch and dinner peaks of 40–50 an hour), each accepted or refused 20–90 s after it arrives, one in twenty after 3–8 min; 80 % acknowledged by the clerk within 30 s. Every snapshot is built and handed to an onState listener, as the app does.',
      `Announcements over the run: ${Object.entries(last.announcements)
        .map(([type, n]) => `${type} ${n}`)
        .join(', ')}.`,
    ],
  };
}
