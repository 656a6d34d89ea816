/**
 * The Newton systems of two bootstrap rounds at once, over the same comparison graph (sparse.ts's
 * SparseSystem, two lanes). Vectors and per-pair arrays hold the lanes interleaved — entry 2·x +
 * lane — so every pass over the pairs reads the graph's structure (each pair's j and row) once for
 * both rounds. The two passes over the pairs (gradient and curvature; H·x) run as WebAssembly with
 * one f64x2 per pair or candidate (wasm/kernels.ts, compiled into kernels-wasm.ts); the rest (CG's
 * vector steps, a few passes over the candidates) stays here.
 *
 * Each lane's arithmetic is SparseSystem's, operation for operation and in the same order (IEEE
 * operations in both, no fused multiply-add), and a lane stops exactly where a lone solve would:
 * two rounds computed here are the same bits as each computed alone.
 */
import type { RowComparisons } from './comparisons.js';
import { KERNELS_WASM } from './kernels-wasm.js';
import { componentsOf } from './sparse.js';

/** wasm/kernels.ts: the two passes over the pairs, on f64x2 lanes. Pointers are byte offsets into `memory`. */
interface Kernels {
  gradientAndCurvature(n: number, rowStart: number, cj: number, wa: number, wb: number, e: number, g: number, diag: number, h: number): void;
  apply(n: number, rowStart: number, cj: number, h: number, x: number, y: number, lambda: number): void;
}

const kernelsModule = new WebAssembly.Module(Uint8Array.from(atob(KERNELS_WASM), (ch) => ch.charCodeAt(0)));

function kernelsOf(exports: WebAssembly.Exports): Kernels {
  const { gradientAndCurvature, apply } = exports;
  if (typeof gradientAndCurvature !== 'function' || typeof apply !== 'function') throw new Error('the rating kernels lack their exports');
  return { gradientAndCurvature: gradientAndCurvature as Kernels['gradientAndCurvature'], apply: apply as Kernels['apply'] };
}

export class PairedSystem {
  readonly n: number;
  /** Curvature per pair and lane (2m), and H's diagonal per candidate and lane (2n). */
  readonly h: Float64Array;
  readonly diag: Float64Array;
  /** The resampled weights per pair and lane (2m each), the gradient (2n): filled by the caller, read by the passes. */
  readonly wa: Float64Array;
  readonly wb: Float64Array;
  readonly g: Float64Array;
  private readonly expTheta: Float64Array;
  private readonly component: Int32Array;
  private readonly componentSize: Float64Array;
  private readonly componentSum: Float64Array;
  private readonly r: Float64Array;
  private readonly z: Float64Array;
  private readonly p: Float64Array;
  private readonly q: Float64Array;
  private readonly kernels: Kernels;
  /** Byte offset of each array in the kernels' memory. */
  private readonly at: Record<'rowStart' | 'cj' | 'wa' | 'wb' | 'h' | 'e' | 'g' | 'diag' | 'p' | 'q', number>;
  /** CG iterations of the last solve, per lane. */
  readonly iterations = [0, 0];

  constructor(
    c: RowComparisons,
    private readonly lambda: number,
  ) {
    const n = c.n;
    const m = c.i.length;
    this.n = n;
    // Every array in one memory the kernels address, 16-byte aligned (one f64x2 per pair or candidate).
    const sizes = { rowStart: 4 * (n + 1), cj: 4 * m, wa: 16 * m, wb: 16 * m, h: 16 * m, e: 16 * n, g: 16 * n, diag: 16 * n, p: 16 * n, q: 16 * n };
    let end = 0;
    const at = {} as Record<keyof typeof sizes, number>;
    for (const [name, bytes] of Object.entries(sizes) as [keyof typeof sizes, number][]) {
      at[name] = end;
      end += Math.ceil(bytes / 16) * 16;
    }
    this.at = at;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(end / 65_536)) });
    this.kernels = kernelsOf(new WebAssembly.Instance(kernelsModule, { env: { memory } }).exports);
    const f64 = (name: keyof typeof sizes) => new Float64Array(memory.buffer, at[name], sizes[name] / 8);
    new Int32Array(memory.buffer, at.rowStart, n + 1).set(c.rowStart);
    new Int32Array(memory.buffer, at.cj, m).set(c.j);
    this.wa = f64('wa');
    this.wb = f64('wb');
    this.h = f64('h');
    this.expTheta = f64('e');
    this.g = f64('g');
    this.diag = f64('diag');
    this.p = f64('p');
    this.q = f64('q');
    const { component, size, count } = componentsOf(c);
    this.component = component;
    this.componentSize = size;
    this.componentSum = new Float64Array(2 * count);
    this.r = new Float64Array(2 * n);
    this.z = new Float64Array(2 * n);
  }

  /** Both lanes' gradients into `g` and H at θ (SparseSystem.setGradientAndCurvature), from the weights in `wa`, `wb`. */
  setGradientAndCurvature(theta: Float64Array): void {
    const { g, diag, expTheta, lambda, n, at } = this;
    for (let x = 0; x < 2 * n; x++) {
      g[x] = -lambda * (theta[x] as number);
      diag[x] = lambda;
      expTheta[x] = Math.exp(theta[x] as number);
    }
    this.kernels.gradientAndCurvature(n, at.rowStart, at.cj, at.wa, at.wb, at.e, at.g, at.diag, at.h);
  }

  /** q = H·p, both lanes. */
  private apply(): void {
    const { n, at } = this;
    this.kernels.apply(n, at.rowStart, at.cj, at.h, at.p, at.q, this.lambda);
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
      this.apply();
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
