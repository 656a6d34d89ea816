/** Messages between the ranking service and its worker thread. */
export interface RatingRequest {
  id: number;
  n: number;
  i: Int32Array;
  j: Int32Array;
  winsI: Float64Array;
  winsJ: Float64Array;
  ties: Float64Array;
  rounds: number;
  /** Warm start θ per candidate index. */
  init: Float64Array;
}

export type RatingResponse =
  | { id: number; ok: true; scores: Float64Array; lower: Float64Array; upper: Float64Array; ranks: number[]; ms: number }
  | { id: number; ok: false; error: string };
