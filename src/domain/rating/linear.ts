/**
 * Dense symmetric positive-definite solves for the Newton steps (row-major n×n arrays). The inner
 * products run four independent sums: one running sum waits on each addition's latency, which made
 * the solves several times slower than the arithmetic needs.
 */

/** Σ a[ao + k]·b[bo + k] for k < len. */
function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += (a[ao + k] as number) * (b[bo + k] as number);
    s1 += (a[ao + k + 1] as number) * (b[bo + k + 1] as number);
    s2 += (a[ao + k + 2] as number) * (b[bo + k + 2] as number);
    s3 += (a[ao + k + 3] as number) * (b[bo + k + 3] as number);
  }
  for (; k < len; k++) s0 += (a[ao + k] as number) * (b[bo + k] as number);
  return s0 + s1 + (s2 + s3);
}

/** Cholesky factor of a symmetric positive-definite matrix: L (lower triangle) and Lᵀ, both row-major. */
export interface Cholesky {
  n: number;
  lower: Float64Array;
  upper: Float64Array;
}

export function choleskyFactor(a: Float64Array, n: number): Cholesky {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const sum = (a[ri + j] as number) - dot(l, ri, l, rj, j);
      if (i === j) {
        if (sum <= 0) throw new RangeError('matrix is not positive definite');
        l[ri + i] = Math.sqrt(sum);
      } else {
        l[ri + j] = sum / (l[rj + j] as number);
      }
    }
  }
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) u[j * n + i] = l[i * n + j] as number;
  return { n, lower: l, upper: u };
}

/** Solves (L Lᵀ) x = b given the Cholesky factor; returns x (b is not modified). */
export function choleskySolve(f: Cholesky, b: Float64Array, out = new Float64Array(f.n)): Float64Array {
  const { n, lower, upper } = f;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    out[i] = ((b[i] as number) - dot(lower, ri, out, 0, i)) / (lower[ri + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    out[i] = ((out[i] as number) - dot(upper, ri + i + 1, out, i + 1, n - i - 1)) / (upper[ri + i] as number);
  }
  return out;
}
