import type { RankingItem } from '../../src/shared/schemas.js';
import type { GameRow } from '../../src/store/games-repo.js';
import type { NewCandidateRow } from '../../src/store/worldcups-repo.js';

/** A candidate row for store-level tests and benchmarks: a plain named entry unless `fields` say otherwise. */
export function candidateRow(worldcupId: string, position: number, fields: Partial<NewCandidateRow> = {}): NewCandidateRow {
  return {
    id: `${worldcupId}c${position}`,
    worldcup_id: worldcupId,
    position,
    name: `Candidate ${position}`,
    group_name: null,
    caption: null,
    image_id: null,
    video_url: null,
    video_id: null,
    video_start: null,
    video_end: null,
    text: null,
    active: 1,
    ...fields,
  };
}

/** A game row for store-level tests and benchmarks: unfinished, unflagged, version 0, made at `at`, unless `fields` say otherwise. */
export function gameRow(id: string, worldcupId: string, fields: Partial<GameRow> = {}): GameRow {
  const at = fields.created_at ?? 1;
  return {
    id,
    worldcup_id: worldcupId,
    owner: 'o',
    size: 4,
    version: 0,
    created_at: at,
    updated_at: at,
    finished_at: null,
    champion_id: null,
    flagged: null,
    ip_key: null,
    ...fields,
  };
}

/** A ranking-table row as the API sends it: unscored, never played, unless `over` says otherwise. */
export function rankingItem(id: string, over: Partial<RankingItem> = {}): RankingItem {
  return {
    candidateId: id,
    name: id,
    group: null,
    media: null,
    rank: null,
    score: null,
    ci: null,
    wins: 0,
    losses: 0,
    ties: 0,
    matches: 0,
    winRate: null,
    appearances: 0,
    championships: 0,
    championshipRate: null,
    provisional: true,
    trend: [],
    ...over,
  };
}
