/** Pure helpers of the live views: place moves between two rankings, the home feed, notice ages. */
import type { ChampionNotice } from '../../shared/events.js';
import type { RankingItem, WorldCupSummary } from '../../shared/schemas.js';

/**
 * Places each changed row moved in the table: old position minus new position (positive = up),
 * for rows that had a place before and after and whose place changed. New rows, and rows entering
 * or leaving the provisional section, have no move: they change section instead.
 */
export function rankMoves(before: readonly RankingItem[], changed: readonly RankingItem[]): Map<string, number> {
  const old = new Map(before.map((it) => [it.candidateId, it.position]));
  const moves = new Map<string, number>();
  for (const it of changed) {
    const was = old.get(it.candidateId);
    if (was === undefined || was === null || it.position === null || was === it.position) continue;
    moves.set(it.candidateId, was - it.position);
  }
  return moves;
}

/**
 * The rows a person would see change: new rows, and rows whose record (matches, championships),
 * place or section changed. Score-only changes are left out: after any vote every score shifts a
 * little, and lighting up every row would tell nothing.
 */
export function changedRows(before: readonly RankingItem[], changed: readonly RankingItem[]): string[] {
  const old = new Map(before.map((it) => [it.candidateId, it]));
  return changed
    .filter((it) => {
      const was = old.get(it.candidateId);
      return (
        !was ||
        was.matches !== it.matches ||
        was.championships !== it.championships ||
        was.position !== it.position ||
        was.provisional !== it.provisional
      );
    })
    .map((it) => it.candidateId);
}

/** One line of the home page's feed: someone crowned a champion, or a world cup was published. */
export type FeedItem =
  | { kind: 'champion'; key: string; at: string; notice: ChampionNotice }
  | { kind: 'worldcup'; key: string; at: string; worldcup: WorldCupSummary };

export const championItem = (notice: ChampionNotice): FeedItem => ({ kind: 'champion', key: `result:${notice.resultId}`, at: notice.at, notice });

/**
 * `incoming` notices (newest first) in front of `known`, each result once, at most `limit`. A notice
 * can arrive twice (a replay after a reconnect, a snapshot that already has it); the list must
 * still hold each once, since it is keyed by result.
 */
export function mergeChampions(known: readonly ChampionNotice[], incoming: readonly ChampionNotice[], limit: number): ChampionNotice[] {
  const seen = new Set<string>();
  const merged: ChampionNotice[] = [];
  for (const notice of [...incoming, ...known]) {
    if (seen.has(notice.resultId)) continue;
    seen.add(notice.resultId);
    merged.push(notice);
  }
  return merged.slice(0, limit);
}
export const worldcupItem = (worldcup: WorldCupSummary): FeedItem => ({ kind: 'worldcup', key: `wc:${worldcup.id}`, at: worldcup.createdAt, worldcup });

/** `feed` with `items` added: newest first, each game or world cup once, at most `limit` lines. */
export function addToFeed(feed: readonly FeedItem[], items: readonly FeedItem[], limit: number): FeedItem[] {
  const byKey = new Map(feed.map((it) => [it.key, it]));
  for (const it of items) byKey.set(it.key, it);
  return [...byKey.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, limit);
}

/** A notice this recent is told as "방금" (just now). */
export const FRESH_MS = 2 * 60_000;

export function isFresh(at: string, nowMs: number): boolean {
  return nowMs - Date.parse(at) < FRESH_MS;
}

/** "3분 전" / "3 minutes ago"; under a minute, `justNow`. */
export function timeAgo(at: string, nowMs: number, locale: string, justNow: string): string {
  const seconds = Math.max(0, (nowMs - Date.parse(at)) / 1000);
  if (!Number.isFinite(seconds) || seconds < 60) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.floor(seconds / 3600), 'hour');
  return format.format(-Math.floor(seconds / 86_400), 'day');
}
