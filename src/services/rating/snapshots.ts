/** The shape of a stored ranking snapshot, written by the engine and read by the ranking views. */
import type { SnapshotRow } from '../../store/ranking-repo.js';

export const HOUR_MS = 3_600_000;
/** Snapshots the history views read: an hourly point for up to 30 days. */
export const HISTORY_POINTS = 24 * 30;

/** Scores are shown and stored to one decimal. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

export type SnapshotItem = [candidateId: string, score: number, lower: number, upper: number, rank: number];

export function encodeSnapshot(items: readonly SnapshotItem[]): string {
  return JSON.stringify(items.map(([id, score, lower, upper, rank]) => [id, round1(score), round1(lower), round1(upper), rank]));
}

export function parseSnapshot(row: SnapshotRow): SnapshotItem[] {
  return JSON.parse(row.items) as SnapshotItem[];
}

/** The hour bucket a snapshot taken at `at` belongs to (one row per world cup and hour). */
export const hourBucket = (at: number): number => Math.floor(at / HOUR_MS);
