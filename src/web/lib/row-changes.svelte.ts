/**
 * What the ranking table marks after a live update: the rows that changed (highlighted briefly) and
 * how many places each moved (an arrow for a few seconds). Timers only; the marks live in reactive
 * collections the table reads.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { RankingItem } from '../../shared/schemas';
import { changedRows, rankMoves } from './live-feed';

export const HIGHLIGHT_MS = 2_000;
export const MOVE_MS = 6_000;

export class RowChanges {
  readonly changed = new SvelteSet<string>();
  /** Places moved lately, positive = up. */
  readonly moves = new SvelteMap<string, number>();
  /** Pending un-marks by mark; plain (not reactive): nothing renders them. */
  private timers: Record<string, ReturnType<typeof setTimeout>> = {};

  /** Marks what changed from `before` in `changedItems` (new versions of rows); a row marked again keeps its mark longer. */
  mark(before: readonly RankingItem[], changedItems: readonly RankingItem[]): void {
    for (const id of changedRows(before, changedItems)) {
      this.changed.add(id);
      this.expire(`changed:${id}`, HIGHLIGHT_MS, () => this.changed.delete(id));
    }
    // Moves within the arrow's lifetime add up: ▲1 then ▲2 shows ▲3.
    for (const [id, move] of rankMoves(before, changedItems)) {
      const total = (this.moves.get(id) ?? 0) + move;
      if (total === 0) this.moves.delete(id);
      else this.moves.set(id, total);
      this.expire(`move:${id}`, MOVE_MS, () => this.moves.delete(id));
    }
  }

  dispose(): void {
    for (const timer of Object.values(this.timers)) clearTimeout(timer);
    this.timers = {};
  }

  private expire(key: string, afterMs: number, clear: () => void): void {
    clearTimeout(this.timers[key]);
    this.timers[key] = setTimeout(() => {
      delete this.timers[key];
      clear();
    }, afterMs);
  }
}
