/**
 * The Newton systems of two bootstrap rounds at once, over the same comparison graph (sparse.ts's
 * SparseSystem, two lanes). Vectors and per-pair arrays hold the lanes interleaved — entry 2·x +
 * lane — so every pass over the pairs reads the graph's structure (each pair's j and row) once for
 * both rounds, and the interpreter's per-element overhead is paid once per pair instead of twice.
 *
 * Each lane's arithmetic is SparseSystem's, operation for operation and in the same order, and a
 * lane stops exactly where a lone solve would: two rounds computed here are the same bits as each
 * computed alone.
 */
import type { RowComparisons } from './comparisons.js';
import { componentsOf } from './sparse.js';

export class PairedSystem {
  readonly n: number;
  /** Curvature per pair and lane (2m), and H's diagonal per candidate and lane (2n). */
  readonly h: Float64Array;
  readonly diag: Float64Array;
  private readonly component: Int32Array;
  private readonly componentSize: Float64Array;
  private readonly componentSum: Float64Array;
  private readonly r: Float64Array;
  private readonly z: Float64Array;
  private readonly p: Float64Array;
  private readonly q: Float64Array;
  /** CG iterations of the last solve, per lane. */
  readonly iterations = [0, 0];

  constructor(
    private readonly c: RowComparisons,
    private readonly lambda: number,
  ) {
    const n = c.n;
    this.n = n;
    this.h = new Float64Array(2 * c.i.length);
    this.diag = new Float64Array(2 * n);
    const { component, size, count } = componentsOf(c);
    this.component = component;
    this.componentSize = size;
    this.componentSum = new Float64Array(2 * count);
    this.r = new Float64Array(2 * n);
    this.z = new Float64Array(2 * n);
    this.p = new Float64Array(2 * n);
    this.q = new Float64Array(2 * n);
  }

  /** Both lanes' gradients into `g` and H at θ (SparseSystem.setGradientAndCurvature); `expTheta` is scratch. */
  setGradientAndCurvature(wa: Float64Array, wb: Float64Array, theta: Float64Array, g: Float64Array, expTheta: Float64Array): void {
    const { c, h, diag, lambda, n } = this;
    const { j: cj, rowStart } = c;
    for (let x = 0; x < 2 * n; x++) {
      g[x] = -lambda * (theta[x] as number);
      diag[x] = lambda;
      expTheta[x] = Math.exp(theta[x] as number);
    }
    for (let i = 0; i < n; i++) {
      const e0 = expTheta[2 * i] as number;
      const e1 = expTheta[2 * i + 1] as number;
      const end = rowStart[i + 1] as number;
      let ownG0 = 0;
      let ownD0 = 0;
      let ownG1 = 0;
      let ownD1 = 0;
      for (let k = rowStart[i] as number; k < end; k++) {
        const j = 2 * (cj[k] as number);
        const a0 = wa[2 * k] as number;
        const a1 = wa[2 * k + 1] as number;
        const total0 = a0 + (wb[2 * k] as number);
        const total1 = a1 + (wb[2 * k + 1] as number);
        const p0 = e0 / (e0 + (expTheta[j] as number));
        const p1 = e1 / (e1 + (expTheta[j + 1] as number));
        const residual0 = a0 - total0 * p0;
        const residual1 = a1 - total1 * p1;
        const curvature0 = total0 * p0 * (1 - p0);
        const curvature1 = total1 * p1 * (1 - p1);
        h[2 * k] = curvature0;
        h[2 * k + 1] = curvature1;
        ownG0 += residual0;
        ownD0 += curvature0;
        ownG1 += residual1;
        ownD1 += curvature1;
        g[j] = (g[j] as number) - residual0;
        diag[j] = (diag[j] as number) + curvature0;
        g[j + 1] = (g[j + 1] as number) - residual1;
        diag[j + 1] = (diag[j + 1] as number) + curvature1;
      }
      g[2 * i] = (g[2 * i] as number) + ownG0;
      diag[2 * i] = (diag[2 * i] as number) + ownD0;
      g[2 * i + 1] = (g[2 * i + 1] as number) + ownG1;
      diag[2 * i + 1] = (diag[2 * i + 1] as number) + ownD1;
    }
  }

  /** y = H·x, both lanes. */
  apply(x: Float64Array, y: Float64Array): void {
    const { c, h, lambda, n } = this;
    const { j: cj, rowStart } = c;
    for (let v = 0; v < 2 * n; v++) y[v] = lambda * (x[v] as number);
    for (let i = 0; i < n; i++) {
      const x0 = x[2 * i] as number;
      const x1 = x[2 * i + 1] as number;
      const end = rowStart[i + 1] as number;
      let own0 = 0;
      let own1 = 0;
      for (let k = rowStart[i] as number; k < end; k++) {
        const j = 2 * (cj[k] as number);
        const d0 = (h[2 * k] as number) * (x0 - (x[j] as number));
        const d1 = (h[2 * k + 1] as number) * (x1 - (x[j + 1] as number));
        own0 += d0;
        own1 += d1;
        y[j] = (y[j] as number) - d0;
        y[j + 1] = (y[j + 1] as number) - d1;
      }
      y[2 * i] = (y[2 * i] as number) + own0;
      y[2 * i + 1] = (y[2 * i + 1] as number) + own1;
    }
  }

  /**
   * SparseSystem.solve for both lanes: each lane iterates until its own residual is below `relTol`
   * of its own |b| (or CG breaks down for it, or `maxIterations`), then stays where it is while
   * the other goes on.
   */
  solve(b: Float64Array, x: Float64Array, relTol: number, maxIterations: number): void {
    const { n, r, z, p, q, diag, lambda } = this;
    r.set(b);
    this.removeComponentMeans(r);
    for (let v = 0; v < 2 * n; v++) x[v] = ((b[v] as number) - (r[v] as number)) / lambda;
    let [rr0, rr1] = this.dot(r, r);
    const stop0 = relTol * relTol * Math.max(rr0, 1e-300);
    const stop1 = relTol * relTol * Math.max(rr1, 1e-300);
    for (let v = 0; v < 2 * n; v++) z[v] = (r[v] as number) / (diag[v] as number);
    this.removeComponentMeans(z);
    p.set(z);
    let [rz0, rz1] = this.dot(r, z);
    let active0 = true;
    let active1 = true;
    this.iterations[0] = this.iterations[1] = 0;
    for (let iteration = 0; ; iteration++) {
      active0 &&= rr0 > stop0 && iteration < maxIterations;
      active1 &&= rr1 > stop1 && iteration < maxIterations;
      if (!active0 && !active1) break;
      if (active0) this.iterations[0] = iteration + 1;
      if (active1) this.iterations[1] = iteration + 1;
      this.apply(p, q);
      const [pq0, pq1] = this.dot(p, q);
      active0 &&= pq0 > 0;
      active1 &&= pq1 > 0;
      // A lane that is done moves by 0 and keeps a zero direction (its q is then 0 too).
      const alpha0 = active0 ? rz0 / pq0 : 0;
      const alpha1 = active1 ? rz1 / pq1 : 0;
      rr0 = 0;
      rr1 = 0;
      for (let i = 0; i < n; i++) {
        x[2 * i] = (x[2 * i] as number) + alpha0 * (p[2 * i] as number);
        x[2 * i + 1] = (x[2 * i + 1] as number) + alpha1 * (p[2 * i + 1] as number);
        const ri0 = (r[2 * i] as number) - alpha0 * (q[2 * i] as number);
        const ri1 = (r[2 * i + 1] as number) - alpha1 * (q[2 * i + 1] as number);
        r[2 * i] = ri0;
        r[2 * i + 1] = ri1;
        rr0 += ri0 * ri0;
        rr1 += ri1 * ri1;
      }
      for (let v = 0; v < 2 * n; v++) z[v] = (r[v] as number) / (diag[v] as number);
      this.removeComponentMeans(z);
      const [next0, next1] = this.dot(r, z);
      const beta0 = next0 / rz0;
      const beta1 = next1 / rz1;
      rz0 = next0;
      rz1 = next1;
      const keep0 = active0 ? 1 : 0;
      const keep1 = active1 ? 1 : 0;
      for (let i = 0; i < n; i++) {
        p[2 * i] = keep0 * ((z[2 * i] as number) + (active0 ? beta0 : 0) * (p[2 * i] as number));
        p[2 * i + 1] = keep1 * ((z[2 * i + 1] as number) + (active1 ? beta1 : 0) * (p[2 * i + 1] as number));
      }
    }
  }

  /** Both lanes' dot products of u and v. */
  private dot(u: Float64Array, v: Float64Array): [number, number] {
    let s0 = 0;
    let s1 = 0;
    for (let i = 0; i < this.n; i++) {
      s0 += (u[2 * i] as number) * (v[2 * i] as number);
      s1 += (u[2 * i + 1] as number) * (v[2 * i + 1] as number);
    }
    return [s0, s1];
  }

  /** v minus its mean over each component, per lane. */
  private removeComponentMeans(v: Float64Array): void {
    const { component, componentSize, componentSum, n } = this;
    componentSum.fill(0);
    for (let i = 0; i < n; i++) {
      const k = 2 * (component[i] as number);
      componentSum[k] = (componentSum[k] as number) + (v[2 * i] as number);
      componentSum[k + 1] = (componentSum[k + 1] as number) + (v[2 * i + 1] as number);
    }
    for (let i = 0; i < n; i++) {
      const k = component[i] as number;
      const size = componentSize[k] as number;
      v[2 * i] = (v[2 * i] as number) - (componentSum[2 * k] as number) / size;
      v[2 * i + 1] = (v[2 * i + 1] as number) - (componentSum[2 * k + 1] as number) / size;
    }
  }
}
