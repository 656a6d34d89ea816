/** Dense symmetric positive-definite solves for the Newton steps (row-major n×n arrays). */

/** Cholesky factor L (lower triangle, row-major) of a symmetric positive-definite matrix. */
export function choleskyFactor(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let sum = a[ri + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[ri + k] as number) * (l[rj + k] as number);
      if (i === j) {
        if (sum <= 0) throw new RangeError('matrix is not positive definite');
        l[ri + i] = Math.sqrt(sum);
      } else {
        l[ri + j] = sum / (l[rj + j] as number);
      }
    }
  }
  return l;
}

/** Solves (L Lᵀ) x = b given the Cholesky factor L; returns x (b is not modified). */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array, out = new Float64Array(n)): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[ri + k] as number) * (out[k] as number);
    out[i] = sum / (l[ri + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = out[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (out[k] as number);
    out[i] = sum / (l[i * n + i] as number);
  }
  return out;
}
