// AssemblyScript (compiled by `npm run build:wasm` to src/domain/rating/kernels-wasm.ts): the two
// passes over the pairs that a sparse bootstrap round repeats, for two rounds at once — each f64x2
// holds the two lanes that sparse-pair.ts interleaves, so the arithmetic is lane for lane the same
// as the TypeScript version's (IEEE operations, no fused multiply-add), bit for bit.
// Pointers are byte offsets into this module's memory; see sparse-pair.ts for the layout.

/** Both lanes' gradient into g and H at θ: the per-pair part (g, diag must hold −λθ and λ; e holds e^θ). */
export function gradientAndCurvature(n: i32, rowStart: usize, cj: usize, wa: usize, wb: usize, e: usize, g: usize, diag: usize, h: usize): void {
  const one = f64x2.splat(1.0);
  for (let i: i32 = 0; i < n; i++) {
    const ei = v128.load(e + (<usize>i << 4));
    let ownG = f64x2.splat(0.0);
    let ownD = f64x2.splat(0.0);
    const end = load<i32>(rowStart + (<usize>(i + 1) << 2));
    for (let k: i32 = load<i32>(rowStart + (<usize>i << 2)); k < end; k++) {
      const j = <usize>load<i32>(cj + (<usize>k << 2)) << 4;
      const kk = <usize>k << 4;
      const a = v128.load(wa + kk);
      const total = f64x2.add(a, v128.load(wb + kk));
      const p = f64x2.div(ei, f64x2.add(ei, v128.load(e + j)));
      const residual = f64x2.sub(a, f64x2.mul(total, p));
      const curvature = f64x2.mul(f64x2.mul(total, p), f64x2.sub(one, p));
      v128.store(h + kk, curvature);
      ownG = f64x2.add(ownG, residual);
      ownD = f64x2.add(ownD, curvature);
      v128.store(g + j, f64x2.sub(v128.load(g + j), residual));
      v128.store(diag + j, f64x2.add(v128.load(diag + j), curvature));
    }
    const at = <usize>i << 4;
    v128.store(g + at, f64x2.add(v128.load(g + at), ownG));
    v128.store(diag + at, f64x2.add(v128.load(diag + at), ownD));
  }
}

/** y = H·x, both lanes. */
export function apply(n: i32, rowStart: usize, cj: usize, h: usize, x: usize, y: usize, lambda: f64): void {
  const l = f64x2.splat(lambda);
  for (let i: i32 = 0; i < n; i++) v128.store(y + (<usize>i << 4), f64x2.mul(l, v128.load(x + (<usize>i << 4))));
  for (let i: i32 = 0; i < n; i++) {
    const xi = v128.load(x + (<usize>i << 4));
    let own = f64x2.splat(0.0);
    const end = load<i32>(rowStart + (<usize>(i + 1) << 2));
    for (let k: i32 = load<i32>(rowStart + (<usize>i << 2)); k < end; k++) {
      const j = <usize>load<i32>(cj + (<usize>k << 2)) << 4;
      const d = f64x2.mul(v128.load(h + (<usize>k << 4)), f64x2.sub(xi, v128.load(x + j)));
      own = f64x2.add(own, d);
      v128.store(y + j, f64x2.sub(v128.load(y + j), d));
    }
    const at = <usize>i << 4;
    v128.store(y + at, f64x2.add(v128.load(y + at), own));
  }
}
