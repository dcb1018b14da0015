/**
 * The "never blind" invariant (test/reliability/property/scenario.ts) over many randomized
 * scenarios of simulated service. A failure prints the seed and the shrunk scenario; replay it
 * with NEVER_BLIND_SEED=<seed> NEVER_BLIND_PATH=<path> npx vitest run test/reliability/never-blind.property.test.ts.
 * `npm run soak` runs many more, longer scenarios from a fresh random seed each time; here the
 * seed is fixed (NEVER_BLIND_SEED overrides it), so a CI run is repeatable.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { runScenario, scenarioArbitrary } from './property/scenario';

const RUNS = Number(process.env.NEVER_BLIND_RUNS ?? 2000);
const SEED = Number(process.env.NEVER_BLIND_SEED ?? 20_261_205);

it(`holds the engine to "every pending order is announced, or an alarm is raised" over ${RUNS} randomized service spells`, { timeout: 600_000 }, async () => {
  const totals = { polls: 0, announced: 0, alarms: 0, requests: 0 };
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary({ min: 5, max: 20 }), async (scenario) => {
      const verdict = await runScenario(scenario);
      totals.polls += verdict.polls;
      totals.announced += verdict.announced;
      totals.alarms += verdict.alarms;
      totals.requests += verdict.requests;
    }),
    {
      numRuns: RUNS,
      seed: SEED,
      ...(process.env.NEVER_BLIND_PATH ? { path: process.env.NEVER_BLIND_PATH } : {}),
      endOnFailure: process.env.NEVER_BLIND_SHRINK === '0',
    },
  );
  console.log(`never blind (seed ${SEED}): ${RUNS} scenarios, ${totals.polls} polls, ${totals.requests} requests, ${totals.announced} announcements, ${totals.alarms} alarms, ${Date.now() - started} ms`);
  expect(totals.announced).toBeGreaterThan(0);
  expect(totals.alarms).toBeGreaterThan(0);
});
