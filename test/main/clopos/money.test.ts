/** Money in integer minor units: decimal rounding as a person does it, at the currency's decimals. */
import { describe, expect, it } from 'vitest';
import { exact, fromMinorUnits, percentOf, plus, times, toMinorUnits } from '../../../main/clopos/money';

/** The amount rounded to the currency's decimals, as a number again. */
const rounded = (value: number, decimals: number) => {
  const minor = toMinorUnits(value, decimals);
  return minor === null ? null : fromMinorUnits(minor, decimals);
};

describe('toMinorUnits', () => {
  it('rounds half away from zero on the decimal value, not on its binary approximation', () => {
    // 1.005 is stored as 1.00499999999999989…: rounding the float gives 1.00.
    expect(toMinorUnits(1.005, 2)).toBe(101n);
    expect(rounded(1.005, 2)).toBe(1.01);
    expect(rounded(-1.005, 2)).toBe(-1.01);
    expect(rounded(1.0049, 2)).toBe(1);
    expect(rounded(0.1 + 0.2, 2)).toBe(0.3);
    expect(rounded(8.345, 2)).toBe(8.35);
  });

  it('works at every decimal count a currency can have (0–4)', () => {
    expect(rounded(2.5, 0)).toBe(3);
    expect(rounded(-2.5, 0)).toBe(-3);
    expect(rounded(42000, 0)).toBe(42000);
    expect(rounded(1.2345, 3)).toBe(1.235);
    expect(rounded(1.00005, 4)).toBe(1.0001);
    expect(toMinorUnits(12.5, 3)).toBe(12500n);
    expect(toMinorUnits(0.00005, 4)).toBe(1n);
  });

  it('reads numbers written with an exponent', () => {
    expect(toMinorUnits(1e21, 2)).toBe(10n ** 23n);
    expect(toMinorUnits(1.5e-7, 4)).toBe(0n);
    expect(toMinorUnits(5e-5, 4)).toBe(1n);
    expect(toMinorUnits(-2.5e-3, 2)).toBe(0n);
  });

  it('has no minor units for what is not an amount', () => {
    expect(toMinorUnits(Number.NaN, 2)).toBeNull();
    expect(toMinorUnits(Number.POSITIVE_INFINITY, 2)).toBeNull();
  });
});

describe('fromMinorUnits', () => {
  it('gives the nearest number to the decimal amount', () => {
    expect(fromMinorUnits(101n, 2)).toBe(1.01);
    expect(fromMinorUnits(-5n, 0)).toBe(-5);
    expect(fromMinorUnits(12345n, 4)).toBe(1.2345);
  });

  it('is unknown (null), never Infinity, beyond what a number can hold', () => {
    expect(fromMinorUnits(10n ** 400n, 2)).toBeNull();
    expect(fromMinorUnits(-(10n ** 400n), 0)).toBeNull();
  });
});

describe('exact arithmetic before rounding', () => {
  it('multiplies and adds without binary error', () => {
    // 1.15 × 3 = 3.45 exactly (3.4499999999999997 in floats).
    expect(toMinorUnits(times(exact(1.15)!, exact(3)!), 1)).toBe(35n);
    expect(toMinorUnits(plus(exact(0.1)!, exact(0.2)!), 2)).toBe(30n);
    expect(toMinorUnits(times(exact(1e308)!, exact(1e308)!), 2)).toBe(10n ** 618n);
  });
});

describe('percentOf', () => {
  it('takes a share of an amount in minor units, rounded half away from zero', () => {
    expect(percentOf(1700n, 12.5)).toBe(213n);
    expect(percentOf(1700n, 10)).toBe(170n);
    expect(percentOf(-1700n, 12.5)).toBe(-213n);
    expect(percentOf(1n, 0.1)).toBe(0n);
    expect(percentOf(1700n, Number.NaN)).toBeNull();
  });
});
