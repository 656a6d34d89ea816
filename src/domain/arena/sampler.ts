/** Placeholder until the sampler branch lands: every eligible pair alike (interface as in the brief). */
export interface SamplerState {
  n: number;
  scores: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  pairCount: (i: number, j: number) => number;
  groups?: Int32Array | undefined;
  eligible?: readonly number[] | undefined;
}
export interface SamplerOptions {
  mode: 'active' | 'uniform';
  topK: number;
  epsilon?: number;
  campShare?: number | null;
}
export function choosePair(state: SamplerState, _opts: SamplerOptions, random: () => number): { i: number; j: number; probability: number } {
  const pool = state.eligible ?? Array.from({ length: state.n }, (_, k) => k);
  const m = pool.length;
  const a = Math.floor(random() * m);
  let b = Math.floor(random() * (m - 1));
  if (b >= a) b++;
  return { i: pool[a] as number, j: pool[b] as number, probability: 2 / (m * (m - 1)) };
}
