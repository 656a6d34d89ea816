/** Pure helpers of the head-to-head map: its order and numbers, the row-side records, the colour scale and label fitting. */
import type { Matrix } from '../../shared/schemas.js';
import { predictedWinProbability } from '../../shared/rating.js';

/**
 * The matrix in the ranking table's order: candidates with a place by their position (1, 2, 3 …),
 * then the provisional ones (no position) in the server's score order. Cells are unchanged.
 */
export function inTableOrder(matrix: Matrix): Matrix {
  const placed = matrix.candidates.filter((c) => c.position !== null).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const provisional = matrix.candidates.filter((c) => c.position === null);
  return { ...matrix, candidates: [...placed, ...provisional] };
}

/** A row's number on the map: its place in the table, or `unnumbered` for a provisional candidate. */
export function mapNumber(candidate: Matrix['candidates'][number], unnumbered: string): string {
  return candidate.position === null ? unnumbered : String(candidate.position);
}

/** A pair's record from the row candidate's side. */
export interface SideRecord {
  wins: number;
  losses: number;
  ties: number;
  /** Probability that the row candidate beats the column one, when known. */
  predicted: number | null;
}

/**
 * Records as an n×n array (row-major; null for pairs that never met and on the diagonal) over the
 * first `n` candidates of the matrix. Pairs without a stored prediction get one from the scores.
 */
export function sideRecords(matrix: Matrix, n: number): (SideRecord | null)[] {
  const index = new Map(matrix.candidates.slice(0, n).map((c, i) => [c.id, i]));
  const out: (SideRecord | null)[] = new Array<SideRecord | null>(n * n).fill(null);
  for (const c of matrix.cells) {
    const i = index.get(c.a);
    const j = index.get(c.b);
    if (i === undefined || j === undefined || i === j) continue;
    out[i * n + j] = { wins: c.wins, losses: c.losses, ties: c.ties, predicted: c.predicted };
    out[j * n + i] = { wins: c.losses, losses: c.wins, ties: c.ties, predicted: c.predicted === null ? null : 1 - c.predicted };
  }
  return out;
}

/** Bradley–Terry probability from the two scores, for pairs the server gave no prediction for. */
export function fallbackPrediction(rowScore: number | null, colScore: number | null): number | null {
  return rowScore === null || colScore === null ? null : predictedWinProbability(rowScore, colScore);
}

/** Observed share of the pair won by the row candidate, a tie counting half; null when never met. */
export function winFraction(r: SideRecord | null): number | null {
  if (!r) return null;
  const total = r.wins + r.losses + r.ties;
  return total === 0 ? null : (r.wins + r.ties / 2) / total;
}

/** Diverging scale (ColorBrewer PuOr, colour-blind safe): orange = row lost, purple = row won. */
const STOPS: [number, [number, number, number]][] = [
  [0, [179, 88, 6]],
  [0.25, [241, 163, 64]],
  [0.5, [247, 247, 247]],
  [0.75, [153, 142, 195]],
  [1, [84, 39, 136]],
];

export const NEVER_MET = '#e6e8ef';

export function fractionColour(f: number | null): string {
  if (f === null) return NEVER_MET;
  const x = Math.min(1, Math.max(0, f));
  for (let k = 1; k < STOPS.length; k++) {
    const [p1, c1] = STOPS[k] as [number, [number, number, number]];
    const [p0, c0] = STOPS[k - 1] as [number, [number, number, number]];
    if (x <= p1) {
      const u = (x - p0) / (p1 - p0);
      const ch = (a: number, b: number) => Math.round(a + (b - a) * u);
      return `rgb(${ch(c0[0], c1[0])}, ${ch(c0[1], c1[1])}, ${ch(c0[2], c1[2])})`;
    }
  }
  return `rgb(${STOPS[STOPS.length - 1]?.[1].join(', ') ?? '84, 39, 136'})`;
}

/** The CSS gradient of the legend, the same stops as the cells. */
export const LEGEND_GRADIENT = `linear-gradient(90deg, ${STOPS.map(([p, c]) => `rgb(${c.join(', ')}) ${p * 100}%`).join(', ')})`;

/** Rough rendered width of a label at 11px (Hangul and other wide scripts ≈ twice Latin). */
export function labelWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x1100 ? 11 : 6.4;
  return w;
}

/** `s` cut with an ellipsis so that it fits `max` pixels at 11px. */
export function fitLabel(s: string, max: number): string {
  if (labelWidth(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (labelWidth(out + ch + '…') > max) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}
