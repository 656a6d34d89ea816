/** Display helpers of camps (candidate groups): names, stable colours, the headline sentence. */
import type { Camps } from '../../shared/schemas';
import { t } from './locale.svelte';

/** Camp names are user data, shown as-is, except the two the starter world cup uses. */
export function campLabel(name: string): string {
  const key = name.trim().toLowerCase();
  if (key === 'open') return t('camp.open');
  if (key === 'closed') return t('camp.closed');
  return name;
}

const PALETTE = ['#5b3df5', '#0e9f8e', '#e8710a', '#d92d4b', '#1a73e8', '#a23bbf', '#7c8a1e', '#6b7280'];

/** A colour per camp that does not change when the lead changes: by the camp's place in name order. */
export function campColours(names: readonly string[]): Map<string, string> {
  const order = [...new Set(names)].sort((a, b) => a.localeCompare(b));
  return new Map(order.map((name, i) => [name, PALETTE[i % PALETTE.length] ?? '#6b7280']));
}

/** "폐쇄형이 34점 앞서는 중 (격차 줄어드는 중)" when separated, otherwise "Too close to call…". */
export function campHeadline(lead: NonNullable<Camps['lead']>): string {
  if (!lead.isSeparated) return t('camp.tooClose');
  const params = { leader: campLabel(lead.leader), gap: Math.round(lead.gap) };
  if (lead.trend === null) return t('camp.leads', params);
  return t('camp.leadsTrend', { ...params, trend: t(`camp.trend.${lead.trend}`) });
}

/**
 * The chart's points: the stored snapshots, then "now" (each camp's current best score) when it is
 * newer than the last snapshot, so the line ends where the headline and the gap are.
 */
export function campSeries(camps: Camps): Camps['history'] {
  const now: Record<string, number> = {};
  for (const c of camps.camps) if (c.best) now[c.name] = c.best.score;
  const last = camps.history.at(-1);
  if (Object.keys(now).length === 0) return camps.history;
  if (last && Date.parse(last.at) >= Date.parse(camps.updatedAt)) return camps.history;
  return [...camps.history, { at: camps.updatedAt, best: now }];
}
