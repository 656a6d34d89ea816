/**
 * What the camp view may say, read off the camps payload and nothing else (pure, no wording): which
 * comparison the headline is about, whether it names a leader, and the gap curve's points. The
 * server decides every verdict (`leader`, `trend`, `votesToSettle`); this only picks and orients.
 */
import type { CampComparison, Camps, Estimate } from '../../shared/schemas.js';

/** The comparison `against` value meaning "every other camp together". */
export const REST = 'rest';

export type CampVerdict =
  /** No mean gap yet (no votes between camps). */
  | { kind: 'none' }
  /** `leader` leads `trailer` (a camp or REST); `gap` is the leader's mean minus the other's, its interval above 0. */
  | { kind: 'leads'; leader: string; trailer: string; gap: Estimate }
  /**
   * Too close to call. `votesToSettle`: about how many more votes would settle a gap of this size;
   * null when the camps are level so far. `gap` is `group` minus `against`, its interval containing 0.
   */
  | { kind: 'close'; group: string; against: string; gap: Estimate; votesToSettle: number | null };

/**
 * The comparison the headline is about: the two camps' comparison; with three or more camps, the
 * highest-mean camp that leads the rest, else the highest-mean camp against the rest (the server
 * lists `versusRest` highest mean first). Null with fewer than two camps.
 */
export function focusComparison(camps: Camps): CampComparison | null {
  if (camps.comparison) return camps.comparison;
  return camps.versusRest.find((c) => c.leader !== null) ?? camps.versusRest[0] ?? null;
}

/** A gap seen from the other side: negated, its interval flipped. */
function flipped(e: Estimate): Estimate {
  return { value: -e.value, ci: [-e.ci[1], -e.ci[0]] };
}

/** The headline's verdict, straight from the focus comparison's `leader`, `meanGap` and `votesToSettle`. */
export function campVerdict(camps: Camps): CampVerdict {
  const focus = focusComparison(camps);
  if (!focus?.meanGap) return { kind: 'none' };
  if (focus.leader === null) {
    return { kind: 'close', group: focus.group, against: focus.against, gap: focus.meanGap, votesToSettle: focus.votesToSettle };
  }
  const isGroup = focus.leader === focus.group;
  return {
    kind: 'leads',
    leader: focus.leader,
    trailer: isGroup ? focus.against : focus.group,
    gap: isGroup ? focus.meanGap : flipped(focus.meanGap),
  };
}

/** One point of the gap curve: the mean gap after `votes` votes, with its 95% interval. */
export interface GapPoint {
  votes: number;
  gap: number;
  ci: [number, number];
}

/**
 * The gap curve: the payload's `gapHistory` (the camp the server follows against the other camp or
 * the rest), then the gap now when it is newer than the last stored point, so the curve ends where
 * the headline is. `camp`/`against` name its two sides; null when there is no comparison.
 */
export function gapCurve(camps: Camps): { camp: string; against: string; points: GapPoint[] } | null {
  const followed = camps.comparison ?? camps.versusRest[0];
  if (!followed) return null;
  const points: GapPoint[] = camps.gapHistory.map((p) => ({ votes: p.votes, gap: p.gap, ci: p.ci }));
  const last = points.at(-1);
  if (followed.meanGap && camps.votes > (last?.votes ?? 0)) {
    points.push({ votes: camps.votes, gap: followed.meanGap.value, ci: followed.meanGap.ci });
  }
  return { camp: followed.group, against: followed.against, points };
}

/**
 * About four round tick values covering [lo, hi] (steps of 1, 2, 2.5 or 5 × a power of ten), and
 * the padded domain they span.
 */
export function niceTicks(lo: number, hi: number, count = 4): { ticks: number[]; domain: [number, number] } {
  const span = Math.max(1e-9, hi - lo);
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= last + step * 1e-6; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { ticks, domain: [first, last] };
}
