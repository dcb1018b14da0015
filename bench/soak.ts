/**
 * `npm run soak`: one simulated service day (24 h, ~1,500 orders, every fault of the plan) through
 * the real engine, client and simulator, then the "never blind" invariant over many long
 * randomized scenarios (test/reliability/property). Prints both reports and exits 1 when a
 * guarantee failed. SOAK_SEED=<n> reruns a given day; SOAK_ORDERS / SOAK_HOURS scale it;
 * NEVER_BLIND_RUNS (default 5,000, about ten minutes) and NEVER_BLIND_SEED set the property run.
 */
import fc from 'fast-check';
import { formatReport, fullDayPlan, runSoak } from '../test/reliability/soak-harness';
import { runScenario, scenarioArbitrary } from '../test/reliability/property/scenario';

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
}

const seed = numberFromEnv('SOAK_SEED') ?? Math.floor(Math.random() * 2 ** 31);
const plan = fullDayPlan(seed);
plan.orders = numberFromEnv('SOAK_ORDERS') ?? plan.orders;
plan.hours = numberFromEnv('SOAK_HOURS') ?? plan.hours;

console.log(`Soak: seed ${seed}, ${plan.orders} orders over ${plan.hours} h of simulated time`);
const report = await runSoak(plan, (line) => console.log(line));
console.log(formatReport(report));
let failed = report.failures.length > 0;

const runs = numberFromEnv('NEVER_BLIND_RUNS') ?? 5_000;
const propertySeed = numberFromEnv('NEVER_BLIND_SEED') ?? Math.floor(Math.random() * 2 ** 31);
console.log(`Never blind: ${runs} randomized scenarios of 10–120 simulated minutes, seed ${propertySeed}`);
const started = Date.now();
const totals = { polls: 0, announced: 0, alarms: 0 };
const outcome = await fc.check(
  fc.asyncProperty(scenarioArbitrary({ min: 10, max: 120 }), async (scenario) => {
    const verdict = await runScenario(scenario);
    totals.polls += verdict.polls;
    totals.announced += verdict.announced;
    totals.alarms += verdict.alarms;
  }),
  { numRuns: runs, seed: propertySeed },
);
if (outcome.failed) {
  failed = true;
  console.log(fc.defaultReportMessage(outcome) ?? 'The property failed.');
} else {
  console.log(`  held: ${totals.polls} polls, ${totals.announced} announcements, ${totals.alarms} alarms in ${Math.round((Date.now() - started) / 1000)} s`);
}
process.exitCode = failed ? 1 : 0;
