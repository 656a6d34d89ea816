/** Pure helpers of the ranking table: its columns, its two sections, sorting and the interval scale. */
import { compareRankingItems } from '../../shared/rating.js';
import type { RankingItem } from '../../shared/schemas.js';
import type { MessageKey } from './i18n.js';

export type SortKey = 'position' | 'name' | 'score' | 'championshipRate' | 'winRate' | 'matches';

export interface Column {
  key: SortKey;
  label: MessageKey;
  short: MessageKey;
  numeric: boolean;
  /** The first click sorts descending (bigger is better). */
  firstDesc: boolean;
  /** Hidden on phones; its numbers are stacked under the candidate's name instead. */
  secondary?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: 'position', label: 'ranking.rank', short: 'ranking.rank', numeric: true, firstDesc: false },
  { key: 'name', label: 'ranking.candidate', short: 'ranking.candidate', numeric: false, firstDesc: false },
  { key: 'score', label: 'ranking.score', short: 'ranking.score', numeric: true, firstDesc: true },
  { key: 'championshipRate', label: 'ranking.championshipRate', short: 'ranking.championshipRateShort', numeric: true, firstDesc: true, secondary: true },
  { key: 'winRate', label: 'ranking.winRate', short: 'ranking.winRate', numeric: true, firstDesc: true, secondary: true },
  { key: 'matches', label: 'ranking.matches', short: 'ranking.matches', numeric: true, firstDesc: true, secondary: true },
];

/** Score order (the server's): championships, then win rate, decide while nothing is scored. */
function baseOrder(items: readonly RankingItem[]): Map<string, number> {
  const order = [...items].sort(compareRankingItems);
  return new Map(order.map((it, i) => [it.candidateId, i]));
}

function value(it: RankingItem, key: SortKey): number | string | null {
  return key === 'name' ? it.name : it[key];
}

/** Sorted by `key`; nulls last whatever the direction; equal values keep score order. */
export function sortItems(items: readonly RankingItem[], key: SortKey, descending: boolean): RankingItem[] {
  const base = baseOrder(items);
  const dir = descending ? -1 : 1;
  return [...items].sort((x, y) => {
    const a = value(x, key);
    const b = value(y, key);
    const tie = (base.get(x.candidateId) ?? 0) - (base.get(y.candidateId) ?? 0);
    if (a === null && b === null) return tie;
    if (a === null) return 1;
    if (b === null) return -1;
    const c = typeof a === 'string' || typeof b === 'string' ? String(a).localeCompare(String(b)) : a - b;
    return c * dir || tie;
  });
}

/** Whether a row has a place in the table: scored with enough data (the server gives it a position). */
export function isRanked(it: RankingItem): boolean {
  return !it.provisional && it.position !== null;
}

/** The table's two sections: ranked rows (numbered 1, 2, 3 …) and provisional ones (no number), input order kept. */
export function splitByPlace(items: readonly RankingItem[]): { ranked: RankingItem[]; provisional: RankingItem[] } {
  const ranked: RankingItem[] = [];
  const provisional: RankingItem[] = [];
  for (const it of items) (isRanked(it) ? ranked : provisional).push(it);
  return { ranked, provisional };
}

/** A range of places worth showing beside the position: one wider than a single place. */
export function placeRange(it: RankingItem): [number, number] | null {
  const range = isRanked(it) ? it.rankRange : null;
  return range && range[1] > range[0] ? range : null;
}

/** One scale for every interval bar: all intervals, padded a little, at least 100 points wide. */
export function scoreDomain(items: readonly { ci: readonly [number, number] | null }[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const it of items) {
    if (!it.ci) continue;
    lo = Math.min(lo, it.ci[0]);
    hi = Math.max(hi, it.ci[1]);
  }
  if (!Number.isFinite(lo)) return [900, 1100];
  const mid = (lo + hi) / 2;
  const half = Math.max(50, (hi - lo) / 2) * 1.04;
  return [mid - half, mid + half];
}
