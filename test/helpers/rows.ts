import type { RankingItem } from '../../src/shared/schemas.js';
import type { GameRow } from '../../src/store/games-repo.js';
import type { NewCandidateRow, WorldcupRow } from '../../src/store/worldcups-repo.js';

let seq = 0;

/**
 * A world cup row for store-level tests: public, owned by 'owner-a', with an id, title and times
 * that grow with each call (so keyset order is call order), unless `over` says otherwise.
 */
export function worldcupRow(over: Partial<WorldcupRow> = {}): WorldcupRow {
  seq++;
  const now = 1_700_000_000_000 + seq;
  return {
    id: `wc${String(seq).padStart(6, '0')}`,
    owner: 'owner-a',
    slug: null,
    title: `World cup ${seq}`,
    description: '',
    visibility: 'public',
    tags: '[]',
    search_text: `world cup ${seq}`,
    candidate_count: 4,
    cover_image_id: null,
    plays: 0,
    finishes: 0,
    created_at: now,
    updated_at: now,
    hidden_at: null,
    excluded_votes: 0,
    arena: '{}',
    ...over,
  };
}

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
    result_id: `result-of-${id}`,
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
    position: null,
    rankRange: null,
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
