import { describe, expect, it } from 'vitest';
import { poisson, seededBits, seededRandom } from './random.js';
import { PoissonResampler } from './resample.js';

/** Sample mean and (unbiased) variance. */
function moments(xs: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

/** Poisson(μ) probability of k. */
function pmf(mu: number, k: number): number {
  let logP = -mu + k * Math.log(mu);
  for (let i = 2; i <= k; i++) logP -= Math.log(i);
  return Math.exp(logP);
}

const N = 200_000;

/**
 * Mean and variance of N draws against μ, within 5 standard errors: SE(mean) = √(μ/N) and, for a
 * Poisson, SE(s²) = √((μ + 2μ²)/N) (fourth central moment μ + 3μ²).
 */
function expectPoissonMoments(xs: Float64Array, mu: number): void {
  const { mean, variance } = moments(xs);
  expect(Math.abs(mean - mu), `mean ${mean} for μ = ${mu}`).toBeLessThan(5 * Math.sqrt(mu / xs.length));
  expect(Math.abs(variance - mu), `variance ${variance} for μ = ${mu}`).toBeLessThan(5 * Math.sqrt((mu + 2 * mu * mu) / xs.length));
  expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
}

/** Every k with an expected count ≥ 50: observed count within 5 binomial standard errors. */
function expectPoissonFrequencies(xs: Float64Array, mu: number): void {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let checked = 0;
  for (let k = 0; k < mu + 10 * Math.sqrt(mu) + 10; k++) {
    const p = pmf(mu, k);
    const expected = p * xs.length;
    if (expected < 50) continue;
    checked++;
    const observed = counts.get(k) ?? 0;
    expect(Math.abs(observed - expected), `P(X = ${k}) for μ = ${mu}`).toBeLessThan(5 * Math.sqrt(expected * (1 - p)));
  }
  expect(checked).toBeGreaterThan(0);
}

// Integer means below 64 read a quantile table, 0.5 is drawn exactly, 200 takes the rounded normal.
const MEANS = [0.5, 4, 20, 50, 200];

describe('PoissonResampler', () => {
  it.each(MEANS)('draws with mean ≈ μ and variance ≈ μ (μ = %s)', (mu) => {
    const out = new Float64Array(N);
    new PoissonResampler(new Float64Array(N).fill(mu)).draw(out, seededBits(Math.round(mu * 10) + 1));
    expectPoissonMoments(out, mu);
  });

  it.each([0.5, 4, 20, 63])('draws Poisson frequencies below the normal cut-over (μ = %s)', (mu) => {
    const out = new Float64Array(N);
    new PoissonResampler(new Float64Array(N).fill(mu)).draw(out, seededBits(77));
    expectPoissonFrequencies(out, mu);
  });

  it('mixes means cell by cell and draws 0 for empty cells', () => {
    const means = Float64Array.from({ length: 4 * 50_000 }, (_, k) => [0, 3, 25, 90][k % 4] as number);
    const out = new Float64Array(means.length);
    new PoissonResampler(means).draw(out, seededBits(5));
    [0, 3, 25, 90].forEach((mu, c) => {
      const cell = out.filter((_, k) => k % 4 === c);
      if (mu === 0) expect(cell.every((x) => x === 0)).toBe(true);
      else expectPoissonMoments(cell, mu);
    });
  });

  /** The distribution a path draws, exactly: random bits that walk the 2^16 table cells in order. */
  function tableDistribution(mu: number): Map<number, number> {
    const size = 1 << 16;
    const out = new Float64Array(size);
    let k = 0;
    const walk = () => {
      const word = (k | ((k + 1) << 16)) >>> 0; // two 16-bit cell indices
      k += 2;
      return word;
    };
    new PoissonResampler(new Float64Array(size).fill(mu)).draw(out, walk);
    const freq = new Map<number, number>();
    for (const x of out) freq.set(x, (freq.get(x) ?? 0) + 1 / size);
    return freq;
  }

  function totalVariation(mu: number, freq: Map<number, number>): number {
    let tv = 0;
    for (let x = 0; x < mu + 20 * Math.sqrt(mu) + 20; x++) tv += Math.abs(pmf(mu, x) - (freq.get(x) ?? 0));
    return tv / 2;
  }

  it('keeps the quantile tables within 0.3% total variation of Poisson(μ) below μ = 64', () => {
    for (let mu = 1; mu < 64; mu++) expect(totalVariation(mu, tableDistribution(mu)), `μ = ${mu}`).toBeLessThan(0.003);
  });

  it('keeps the rounded normal within 2% total variation of Poisson(μ) from μ = 64 up', () => {
    for (const mu of [64, 100, 200]) expect(totalVariation(mu, tableDistribution(mu)), `μ = ${mu}`).toBeLessThan(0.02);
  });
});

describe('poisson', () => {
  it.each([...MEANS, 10, 1000])('draws with mean ≈ μ and variance ≈ μ (μ = %s)', (mu) => {
    const random = seededRandom(Math.round(mu * 10) + 2);
    const out = new Float64Array(N);
    for (let k = 0; k < N; k++) out[k] = poisson(mu, random);
    expectPoissonMoments(out, mu);
  });

  it.each([0.5, 4, 20, 200])('draws exact Poisson frequencies (μ = %s)', (mu) => {
    const random = seededRandom(99);
    const out = new Float64Array(N);
    for (let k = 0; k < N; k++) out[k] = poisson(mu, random);
    expectPoissonFrequencies(out, mu);
  });

  it('returns 0 for a mean of 0', () => {
    expect(poisson(0, seededRandom(1))).toBe(0);
  });
});
