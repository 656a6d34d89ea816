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
