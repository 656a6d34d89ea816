import { describe, expect, it } from 'vitest';
import type { RankingItem } from '../../shared/schemas.js';
import { podiumOf } from './previews.js';

function item(name: string, position: number | null): RankingItem {
  const provisional = position === null;
  return {
    candidateId: name,
    name,
    group: null,
    media: null,
    rank: position,
    position,
    rankRange: provisional ? null : [position, position],
    score: provisional ? null : 1600 - position * 50,
    ci: provisional ? null : [1500, 1700],
    wins: 0,
    losses: 0,
    ties: 0,
    matches: provisional ? 3 : 20,
    winRate: null,
    appearances: 0,
    championships: 0,
    championshipRate: null,
    provisional,
    trend: [],
  };
}

describe("a ranking card's podium", () => {
  it('names places as the table states them, never a provisional candidate', () => {
    // A provisional candidate may come first in the payload (e.g. most championships): it has no place.
    const items = [item('new one', null), item('B', 2), item('A', 1), item('D', 4), item('C', 3)];
    expect(podiumOf(items).map((i) => `${i.position}위 ${i.name}`)).toEqual(['1위 A', '2위 B', '3위 C']);
  });

  it('is empty while every candidate is provisional, so no "1위" is stated', () => {
    expect(podiumOf([item('x', null), item('y', null)])).toEqual([]);
  });
});
