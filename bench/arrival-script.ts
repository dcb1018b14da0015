/**
 * The arrival script shared by the detection-latency and baseline benchmarks: `count` orders at
 * uniformly random moments over `spanMs`, each accepted by the clerk some time later.
 */
import { createRandom, generateOrder } from '../sim/generator';
import type { SimOrderInput } from '../sim/types';

export interface ScriptedArrival {
  /** ms from the start of the run. */
  at: number;
  /** ms after creation the clerk accepts it on the POS. */
  acceptAfter: number;
  order: SimOrderInput;
}

export const ARRIVAL_SEED = 20250818;

export function arrivalScript(count: number, spanMs: number, seed = ARRIVAL_SEED): ScriptedArrival[] {
  const random = createRandom(seed);
  const arrivals: ScriptedArrival[] = [];
  for (let i = 0; i < count; i += 1) {
    arrivals.push({ at: Math.round(random() * spanMs), acceptAfter: Math.round(20_000 + random() * 70_000), order: generateOrder(random) });
  }
  return arrivals.sort((a, b) => a.at - b.at);
}
