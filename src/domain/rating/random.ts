/** Seeded randomness for the bootstrap: reproducible in tests, fast in the hot loop. */

/**
 * Uniform 32-bit integers, one per call; `fill` writes many at once (a tight loop without a call
 * per word: the bootstrap draws hundreds of thousands a round).
 */
export type Bits = (() => number) & { fill?: (out: Uint32Array) => void };

/** sfc32: a small, fast generator with good statistical quality; returns uniform 32-bit integers. */
export function seededBits(seed: number): Bits {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed | 0;
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next(); // mix the seed in
  /** The same sequence as calling `next` out.length times. */
  const fill = (out: Uint32Array): void => {
    let sa = a | 0;
    let sb = b | 0;
    let sc = c | 0;
    let sd = d | 0;
    for (let k = 0; k < out.length; k++) {
      const t = (((sa + sb) | 0) + sd) | 0;
      sd = (sd + 1) | 0;
      sa = sb ^ (sb >>> 9);
      sb = (sc + (sc << 3)) | 0;
      sc = (sc << 21) | (sc >>> 11);
      sc = (sc + t) | 0;
      out[k] = t;
    }
    a = sa;
    b = sb;
    c = sc;
    d = sd;
  };
  return Object.assign(next, { fill });
}

/** Uniform floats in [0, 1) from 32 random bits each. */
export function uniformFrom(bits: () => number): () => number {
  return () => bits() / 4294967296;
}

/** sfc32 as floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  return uniformFrom(seededBits(seed));
}

/** log Γ(x) for x ≥ 1 (Stirling series; exact to ~1e-12 once shifted past 10). */
function logGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  const x2 = 1 / (x * x);
  const series = (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 / 1680))) / x;
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
}

/**
 * A Poisson(μ) draw. Small means use inversion; larger ones Hörmann's PTRS transformed rejection
 * (the method NumPy uses), so every draw is exact whatever the mean.
 */
export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean < 10) {
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = random();
    while (u > cdf && k < 1000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
}

/**
 * Randomness per bootstrap round: round r of seed s always draws the same numbers, whichever
 * thread computes it and whichever rounds it computes alongside (a ranking may be split across
 * workers and still be the same ranking).
 */
export function roundBits(seed: number): (round: number) => Bits {
  return (round) => seededBits(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(round + 1, 0x165667b1));
}
