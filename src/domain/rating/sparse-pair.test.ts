/**
 * The two-lane Newton system (WebAssembly passes) against the one-lane TypeScript one: the same
 * gradient, curvature, H·x and CG solution, bit for bit, for each lane — and the WebAssembly bytes
 * in the repository are what wasm/kernels.ts compiles to.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernels, GENERATED, moduleSource } from '../../../wasm/build.js';
import { weightsOf } from './bradley-terry.js';
import { byRows, packComparisons } from './comparisons.js';
import { seededRandom } from './random.js';
import { SparseSystem } from './sparse.js';
import { PairedSystem } from './sparse-pair.js';

/** A random graph of `n` candidates and about `pairs` pairs, with two different sets of weights. */
function twoResamples(n: number, pairs: number, seed: number) {
  const random = seededRandom(seed);
  const cells = new Map<number, { i: number; j: number; winsI: number; winsJ: number; ties: number }>();
  while (cells.size < pairs) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    if (i !== j) cells.set(Math.min(i, j) * n + Math.max(i, j), { i: Math.min(i, j), j: Math.max(i, j), winsI: Math.floor(random() * 4), winsJ: Math.floor(random() * 4), ties: random() < 0.2 ? 1 : 0 });
  }
  const c = byRows(packComparisons(n, [...cells.values()]));
  const other = byRows({ ...c, winsI: c.winsI.map(() => Math.floor(random() * 3)), winsJ: c.winsJ.map(() => Math.floor(random() * 3)) });
  return { c, lanes: [weightsOf(c), weightsOf(other)] as const };
}

describe('PairedSystem (WebAssembly passes)', () => {
  it('computes each lane exactly as SparseSystem computes it alone: gradient, curvature and the CG step', () => {
    const n = 300;
    const { c, lanes } = twoResamples(n, 4_000, 7);
    const random = seededRandom(8);
    const theta = Float64Array.from({ length: 2 * n }, () => random() * 2 - 1);
    const paired = new PairedSystem(c, 0.1);
    lanes.forEach((w, lane) => {
      for (let k = 0; k < c.i.length; k++) {
        paired.wa[2 * k + lane] = w.a[k] as number;
        paired.wb[2 * k + lane] = w.b[k] as number;
      }
    });
    paired.setGradientAndCurvature(theta);
    const step = new Float64Array(2 * n);
    paired.solve(paired.g, step, 0.05, 50);
    lanes.forEach((w, lane) => {
      const single = new SparseSystem(c, 0.1);
      const own = Float64Array.from({ length: n }, (_, i) => theta[2 * i + lane] as number);
      const g = new Float64Array(n);
      single.setGradientAndCurvature(w, own, g, new Float64Array(n));
      const x = new Float64Array(n);
      single.solve(g, x, 0.05, 50);
      const laneOf = (v: Float64Array, size: number) => Array.from({ length: size }, (_, k) => v[2 * k + lane]);
      expect(laneOf(paired.g, n)).toEqual(Array.from(g));
      expect(laneOf(paired.diag, n)).toEqual(Array.from(single.diag));
      expect(laneOf(paired.h, c.i.length)).toEqual(Array.from(single.h));
      expect(paired.iterations[lane]).toBe(single.iterations);
      expect(laneOf(step, n)).toEqual(Array.from(x));
    });
  });

  it('runs the WebAssembly that wasm/kernels.ts compiles to (npm run build:wasm after changing it)', () => {
    expect(fs.readFileSync(GENERATED, 'utf8')).toBe(moduleSource(compileKernels()));
  });
});
