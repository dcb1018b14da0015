/**
 * `npm run soak`: one simulated service day (24 h, ~1,500 orders, every fault of the plan) through
 * the real engine, client and simulator. Prints the report and exits 1 when a guarantee failed.
 * SOAK_SEED=<n> reruns a given day; SOAK_ORDERS / SOAK_HOURS scale it.
 */
import { formatReport, fullDayPlan, runSoak } from '../test/reliability/soak-harness';

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
}

const seed = numberFromEnv('SOAK_SEED') ?? Math.floor(Math.random() * 2 ** 31);
const plan = fullDayPlan(seed);
plan.orders = numberFromEnv('SOAK_ORDERS') ?? plan.orders;
plan.hours = numberFromEnv('SOAK_HOURS') ?? plan.hours;

console.log(`Soak: seed ${seed}, ${plan.orders} orders over ${plan.hours} h of simulated time`);
const report = await runSoak(plan, (line) => console.log(line));
console.log(formatReport(report));
process.exitCode = report.failures.length === 0 ? 0 : 1;
