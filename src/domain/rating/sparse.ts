/**
 * The Bradley–Terry fit and bootstrap with a sparse solver: Newton steps whose linear systems are
 * solved by preconditioned conjugate gradients, so one step costs a few passes over the compared
 * pairs — O(pairs) — instead of a dense n×n Cholesky factor (O(n³)). A world cup of 1,024
 * candidates with a handful of votes, or with 200,000, is then as cheap as its data.
 *
 * The system H·x = b of a Newton step is H = L + λI: L is the Laplacian of the comparison graph
 * weighted by each pair's curvature (votes · p(1 − p)), and λ the penalty. Every component of the
 * graph contributes a near-null direction — all its θ moving together, which L does not see and
 * only λ = 0.1 holds — that makes plain CG crawl. Those directions are exact eigenvectors of H (with
 * eigenvalue λ), so they are solved directly (the component means of b, divided by λ) and CG runs
 * on the rest, preconditioned by H's diagonal. There H is as well conditioned as the graph is
 * connected, and a handful of iterations reach the tolerance.
 */
import { type Weights, objective, weightsOf } from './bradley-terry.js';
import type { Comparisons, RowComparisons } from './comparisons.js';

/** The comparison graph's structure and a Newton system over it; reused across Newton steps and bootstrap rounds. */
export class SparseSystem {
  readonly n: number;
  /** Curvature per pair and the diagonal of H (λ plus each candidate's pairs' curvature): what `solve` solves with. */
  readonly h: Float64Array;
  readonly diag: Float64Array;
  /** The component of each candidate in the graph of pairs with votes (isolated candidates are components of their own). */
  private readonly component: Int32Array;
  private readonly componentSize: Float64Array;
  private readonly componentSum: Float64Array;
  // CG work vectors.
  private readonly r: Float64Array;
  private readonly z: Float64Array;
  private readonly p: Float64Array;
  private readonly q: Float64Array;
  /** CG iterations of the last solve. */
  iterations = 0;

  constructor(
    private readonly c: RowComparisons,
    private readonly lambda: number,
  ) {
    const n = c.n;
    this.n = n;
    this.h = new Float64Array(c.i.length);
    this.diag = new Float64Array(n);
    const { component, size, count } = componentsOf(c);
    this.component = component;
    this.componentSize = size;
    this.componentSum = new Float64Array(count);
    this.r = new Float64Array(n);
    this.z = new Float64Array(n);
    this.p = new Float64Array(n);
    this.q = new Float64Array(n);
  }

  /**
   * The objective's gradient into `g` and H at θ, in one pass over the pairs (they share each
   * pair's win probability). `expTheta` is scratch space.
   */
  setGradientAndCurvature(w: Weights, theta: Float64Array, g: Float64Array, expTheta: Float64Array): void {
    const { c, h, diag, lambda } = this;
    const { j: cj, rowStart } = c;
    const wa = w.a;
    const wb = w.b;
    for (let i = 0; i < this.n; i++) {
      g[i] = -lambda * (theta[i] as number);
      diag[i] = lambda;
      expTheta[i] = Math.exp(theta[i] as number);
    }
    for (let i = 0; i < this.n; i++) {
      const ei = expTheta[i] as number;
      const end = rowStart[i + 1] as number;
      let ownG = 0;
      let ownD = 0;
      for (let k = rowStart[i] as number; k < end; k++) {
        const j = cj[k] as number;
        const a = wa[k] as number;
        const total = a + (wb[k] as number);
        const p = ei / (ei + (expTheta[j] as number));
        const residual = a - total * p;
        const curvature = total * p * (1 - p);
        h[k] = curvature;
        ownG += residual;
        ownD += curvature;
        g[j] = (g[j] as number) - residual;
        diag[j] = (diag[j] as number) + curvature;
      }
      g[i] = (g[i] as number) + ownG;
      diag[i] = (diag[i] as number) + ownD;
    }
  }

  /** y = H·x. */
  apply(x: Float64Array, y: Float64Array): void {
    const { c, h, lambda } = this;
    const { j: cj, rowStart } = c;
    for (let i = 0; i < this.n; i++) y[i] = lambda * (x[i] as number);
    for (let i = 0; i < this.n; i++) {
      const xi = x[i] as number;
      const end = rowStart[i + 1] as number;
      let own = 0;
      for (let k = rowStart[i] as number; k < end; k++) {
        const j = cj[k] as number;
        const d = (h[k] as number) * (xi - (x[j] as number));
        own += d;
        y[j] = (y[j] as number) - d;
      }
      y[i] = (y[i] as number) + own;
    }
  }

  /**
   * Solves H·x = b into `x` (b is not modified): exactly along the component-constant directions,
   * by Jacobi-preconditioned CG on the rest, until the residual is below `relTol`·|b| or after
   * `maxIterations`. Returns whether it reached the tolerance.
   */
  solve(b: Float64Array, x: Float64Array, relTol: number, maxIterations: number): boolean {
    const { n, r, z, p, q, diag, lambda } = this;
    // The component-constant part: H·1_C = λ·1_C.
    r.set(b);
    this.removeComponentMeans(r);
    for (let i = 0; i < n; i++) x[i] = ((b[i] as number) - (r[i] as number)) / lambda;
    let rr = 0;
    for (let i = 0; i < n; i++) rr += (r[i] as number) ** 2;
    const stop = relTol * relTol * Math.max(rr, 1e-300);
    for (let i = 0; i < n; i++) z[i] = (r[i] as number) / (diag[i] as number);
    this.removeComponentMeans(z);
    p.set(z);
    let rz = 0;
    for (let i = 0; i < n; i++) rz += (r[i] as number) * (z[i] as number);
    this.iterations = 0;
    while (rr > stop && this.iterations < maxIterations) {
      this.iterations++;
      this.apply(p, q);
      let pq = 0;
      for (let i = 0; i < n; i++) pq += (p[i] as number) * (q[i] as number);
      if (!(pq > 0)) break;
      const alpha = rz / pq;
      rr = 0;
      for (let i = 0; i < n; i++) {
        x[i] = (x[i] as number) + alpha * (p[i] as number);
        const ri = (r[i] as number) - alpha * (q[i] as number);
        r[i] = ri;
        rr += ri * ri;
      }
      for (let i = 0; i < n; i++) z[i] = (r[i] as number) / (diag[i] as number);
      this.removeComponentMeans(z);
      let rzNext = 0;
      for (let i = 0; i < n; i++) rzNext += (r[i] as number) * (z[i] as number);
      const beta = rzNext / rz;
      rz = rzNext;
      for (let i = 0; i < n; i++) p[i] = (z[i] as number) + beta * (p[i] as number);
    }
    return rr <= stop;
  }

  /** v minus its mean over each component (the projection onto the complement of the component constants). */
  private removeComponentMeans(v: Float64Array): void {
    const { component, componentSize, componentSum, n } = this;
    componentSum.fill(0);
    for (let i = 0; i < n; i++) componentSum[component[i] as number] = (componentSum[component[i] as number] as number) + (v[i] as number);
    for (let i = 0; i < n; i++) {
      const k = component[i] as number;
      v[i] = (v[i] as number) - (componentSum[k] as number) / (componentSize[k] as number);
    }
  }
}

/**
 * The component of each candidate in the graph of pairs with at least one vote (isolated
 * candidates are components of their own), each component's size, and how many there are.
 */
export function componentsOf(c: Comparisons): { component: Int32Array; size: Float64Array; count: number } {
  const parent = Int32Array.from({ length: c.n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  for (let k = 0; k < c.i.length; k++) {
    if ((c.winsI[k] as number) + (c.winsJ[k] as number) + (c.ties[k] as number) === 0) continue;
    parent[find(c.i[k] as number)] = find(c.j[k] as number);
  }
  const label = new Int32Array(c.n).fill(-1);
  const component = new Int32Array(c.n);
  let count = 0;
  for (let i = 0; i < c.n; i++) {
    const root = find(i);
    if (label[root] === -1) label[root] = count++;
    component[i] = label[root] as number;
  }
  const size = new Float64Array(count);
  for (let i = 0; i < c.n; i++) size[component[i] as number] = (size[component[i] as number] as number) + 1;
  return { component, size, count };
}

export interface SparseFitOptions {
  lambda: number;
  init?: Float64Array | undefined;
  /** Stop when no θ moves by more than this. */
  tolerance?: number;
  maxIterations?: number;
}

/** Maximises the penalised log-likelihood by damped Newton steps with CG solves (see above). */
export function fitSparse(c: RowComparisons, opts: SparseFitOptions): { theta: Float64Array; iterations: number; cgIterations: number } {
  const n = c.n;
  const lambda = opts.lambda;
  const tolerance = opts.tolerance ?? 1e-9;
  const w = weightsOf(c);
  const system = new SparseSystem(c, lambda);
  const theta = opts.init ? Float64Array.from(opts.init) : new Float64Array(n);
  const g = new Float64Array(n);
  const step = new Float64Array(n);
  const trial = new Float64Array(n);
  const expTheta = new Float64Array(n);
  let f = objective(c, w, theta, lambda);
  let iterations = 0;
  let cgIterations = 0;
  for (; iterations < (opts.maxIterations ?? 100); iterations++) {
    system.setGradientAndCurvature(w, theta, g, expTheta);
    // Inexact Newton: far from the optimum a rough solve does as well as an exact one; the
    // tolerance tightens with the gradient, so the last steps are as exact as before.
    let gMax = 0;
    for (let i = 0; i < n; i++) gMax = Math.max(gMax, Math.abs(g[i] as number));
    system.solve(g, step, Math.min(0.1, Math.max(1e-10, gMax * 1e-3)), 10 * n + 50);
    cgIterations += system.iterations;
    let maxStep = 0;
    for (let i = 0; i < n; i++) maxStep = Math.max(maxStep, Math.abs(step[i] as number));
    if (maxStep < tolerance) break;
    // Backtrack until the objective does not decrease (concave: a full step is usually taken).
    for (let t = 1; ; t /= 2) {
      for (let i = 0; i < n; i++) trial[i] = (theta[i] as number) + t * (step[i] as number);
      const ft = objective(c, w, trial, lambda);
      if (ft >= f - 1e-12 * Math.abs(f) || t < 1e-6) {
        theta.set(trial);
        f = ft;
        break;
      }
    }
  }
  return { theta, iterations, cgIterations };
}
