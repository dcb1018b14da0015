/**
 * Money the app computes (v2 orders carry no total): exact decimal arithmetic on the amounts as
 * Clopos wrote them, rounded half away from zero to whole minor units of the currency. Floats would
 * round 1.005 down (it is stored as 1.00499999…) and drift when summed; a JSON number's shortest
 * decimal text is what the server meant, so that text is what is computed with.
 */

/** Decimals a currency can have in the settings; AZN (Clopos' home market) has 2. */
export const DEFAULT_CURRENCY_DECIMALS = 2;
export const MAX_CURRENCY_DECIMALS = 4;

/** An exact decimal: `units` × 10^-`scale`. */
export interface Exact {
  units: bigint;
  scale: number;
}

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);

/** The number's decimal value exactly as its shortest text writes it ("1.005", "1e+21", "-2.5e-7"); null for NaN and ±Infinity. */
export function exact(value: number): Exact | null {
  if (!Number.isFinite(value)) return null;
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const units = BigInt(`${whole}${fraction}`);
  return scale >= 0 ? { units, scale } : { units: units * pow10(-scale), scale: 0 };
}

function aligned(a: Exact, b: Exact): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
}

export function plus(a: Exact, b: Exact): Exact {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function times(a: Exact, b: Exact): Exact {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** `n / d` rounded half away from zero (d > 0). */
function roundedDivision(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  const remainder = n % d;
  const magnitude = remainder < 0n ? -remainder : remainder;
  if (2n * magnitude < d) return quotient;
  return n < 0n ? quotient - 1n : quotient + 1n;
}

/** Whole minor units (cents at 2 decimals), rounded half away from zero; null when there is no amount. */
export function toMinorUnits(value: number | Exact, decimals: number): bigint | null {
  const amount = typeof value === 'number' ? exact(value) : value;
  if (amount === null) return null;
  return decimals >= amount.scale
    ? amount.units * pow10(decimals - amount.scale)
    : roundedDivision(amount.units, pow10(amount.scale - decimals));
}

/** `percent` % of an amount in minor units, rounded to whole minor units; null when the percent is no number. */
export function percentOf(minor: bigint, percent: number): bigint | null {
  const rate = exact(percent);
  return rate === null ? null : toMinorUnits({ units: minor * rate.units, scale: rate.scale + 2 }, 0);
}

/** The number nearest to the amount; null beyond what a number can hold (never Infinity). */
export function fromMinorUnits(minor: bigint, decimals: number): number | null {
  const value = Number(`${minor}e-${decimals}`);
  return Number.isFinite(value) ? value : null;
}
