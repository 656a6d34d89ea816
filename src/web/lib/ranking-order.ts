/** Pure helpers of the ranking table: its columns, sorting, shared ranks and the interval scale. */
import { compareRankingItems } from '../../shared/rating.js';
import type { RankingItem } from '../../shared/schemas.js';
import type { MessageKey } from './i18n.js';

export type SortKey = 'rank' | 'name' | 'score' | 'championshipRate' | 'winRate' | 'matches';

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
  { key: 'rank', label: 'ranking.rank', short: 'ranking.rank', numeric: true, firstDesc: false },
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

/** Ranks held by more than one candidate (shown as 공동 / tied). */
export function sharedRanks(items: readonly RankingItem[]): Set<number> {
  const seen = new Map<number, number>();
  for (const it of items) if (it.rank !== null) seen.set(it.rank, (seen.get(it.rank) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([r]) => r));
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
