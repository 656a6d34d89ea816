/**
 * The store conformance suite: the same behaviour on every dialect. Each dialect's test file calls
 * runStoreConformance with a factory for a fresh, empty, migrated store.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/services/errors.js';
import type { Store } from '../../src/store/store.js';
import type { NewCandidateRow, WorldcupRow } from '../../src/store/worldcups-repo.js';
import { candidateRow, gameRow, worldcupRow } from '../helpers/rows.js';
import { runAccountConformance } from './conformance-accounts.js';
import { runCommentConformance } from './conformance-comments.js';

const worldcup = worldcupRow;

function candidates(worldcupId: string, n: number): NewCandidateRow[] {
  return Array.from({ length: n }, (_, i) => candidateRow(worldcupId, i, { group_name: i % 2 ? 'odd' : 'even' }));
}

export function runStoreConformance(name: string, open: () => Promise<{ store: Store; drop: () => Promise<void> }>): void {
  describe(`store conformance: ${name}`, () => {
    let store: Store;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ store, drop } = await open());
    });
    afterAll(async () => {
      await store.close();
      await drop();
    });

    it('migrates an empty database and re-opening is a no-op', async () => {
      const rows = await store.kysely.selectFrom('worldcups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(rows.n)).toBe(0);
    });

    it('stores a world cup with tags and candidates, and reads them back in order', async () => {
      const w = worldcup({ title: '드림카 월드컵', tags: '["cars"]' });
      await store.transaction((tx) => tx.worldcups.insert(w, ['cars', 'cars', '자동차'], candidates(w.id, 5)));
      expect(await store.worldcups.get(w.id)).toEqual(w);
      const cs = await store.worldcups.candidates(w.id);
      expect(cs.map((c) => c.name)).toEqual(['Candidate 0', 'Candidate 1', 'Candidate 2', 'Candidate 3', 'Candidate 4']);
      expect(cs.every((c) => c.appearances === 0 && c.championships === 0)).toBe(true);
      const tags = await store.worldcups.popularTags(10);
      expect(tags).toEqual(expect.arrayContaining([{ tag: 'cars', count: 1 }, { tag: '자동차', count: 1 }]));
    });

    it('rolls back a failed transaction completely', async () => {
      const w = worldcup();
      await expect(
        store.transaction(async (tx) => {
          await tx.worldcups.insert(w, [], candidates(w.id, 4));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.worldcups.get(w.id)).toBeUndefined();
      expect(await store.worldcups.candidates(w.id)).toEqual([]);
    });

    it('pages public world cups newest first and by popularity with a keyset cursor', async () => {
      const owner = `pager-${Math.random().toString(36).slice(2)}`;
      const made: WorldcupRow[] = [];
      for (let i = 0; i < 7; i++) {
        const w = worldcup({ owner, plays: [5, 3, 5, 0, 9, 1, 5][i] as number, visibility: i === 6 ? 'private' : 'public' });
        made.push(w);
        await store.worldcups.insert(w, ['pager'], candidates(w.id, 4));
      }
      const seen: string[] = [];
      let after: { value: number; id: string } | undefined;
      for (;;) {
        const page = await store.worldcups.list({ sort: 'popular', tag: 'pager', limit: 2, after });
        seen.push(...page.map((r) => r.id));
        const last = page[page.length - 1];
        if (page.length < 2 || !last) break;
        after = { value: last.plays, id: last.id };
      }
      const expected = made
        .filter((w) => w.visibility === 'public')
        .sort((a, b) => b.plays - a.plays || (a.id < b.id ? 1 : -1))
        .map((w) => w.id);
      expect(seen).toEqual(expected);
      const newest = await store.worldcups.list({ sort: 'new', tag: 'pager', limit: 3 });
      expect(newest.map((r) => r.id)).toEqual(made.slice(0, 6).reverse().slice(0, 3).map((w) => w.id));
      const mine = await store.worldcups.list({ sort: 'new', owner, limit: 10 });
      expect(mine).toHaveLength(7);
    });

    it('finds Korean and English substrings, case-insensitively, and never private ones', async () => {
      const a = worldcup({ search_text: '드림카 월드컵 2024\nporsche 911' });
      const b = worldcup({ search_text: '오픈소스 vs 폐쇄형 ai\nllama 3.1' });
      const c = worldcup({ search_text: '비밀 드림카', visibility: 'private' });
      const d = worldcup({ search_text: '100% real_cars' });
      for (const w of [a, b, c, d]) await store.worldcups.insert(w, [], candidates(w.id, 4));
      const ids = async (q: string) => (await store.worldcups.list({ sort: 'new', q, limit: 50 })).map((r) => r.id);
      expect(await ids('드림')).toEqual([a.id]);
      expect(await ids('드림카 월드')).toEqual([a.id]);
      expect(await ids('PORSCHE')).toEqual([a.id]);
      expect(await ids('폐쇄형')).toEqual([b.id]);
      expect(await ids('0% r')).toEqual([d.id]);
      expect(await ids('e_l')).toEqual([]); // '_' is literal, not a wildcard matching "eal"
      expect(await ids('없는말')).toEqual([]);
      await store.worldcups.update(a.id, { search_text: '바뀐 제목' });
      expect(await ids('드림')).toEqual([]);
      expect(await ids('바뀐')).toEqual([a.id]);
    });

    it('stores games apart from their bracket, counts picks and undos in pair cells, and a stale version cannot advance', async () => {
      const w = worldcup();
      await store.worldcups.insert(w, [], candidates(w.id, 4));
      const [c0, c1] = [`${w.id}c0`, `${w.id}c1`];
      const entrants = [c0, c1, `${w.id}c2`, `${w.id}c3`];
      const game = gameRow(`g${w.id}`, w.id);
      await store.transaction(async (tx) => {
        await tx.games.countStart(w.id);
        await tx.games.insert(game, entrants);
      });
      expect((await store.worldcups.get(w.id))?.plays).toBe(1);
      expect(await store.games.load(game.id)).toEqual({ row: game, entrants, winners: [], pickTimes: [] });
      const next = { version: 1, updated_at: 2, finished_at: null, champion_id: null };
      await store.transaction(async (tx) => {
        expect(await tx.games.advance(game.id, 0, next)).toBe(true);
        await tx.games.recordPick({ worldcupId: w.id, gameId: game.id, version: 1, round: 4, winnerId: c1, loserId: c0, at: 2, counted: true });
        await tx.votes.count(w.id, 'bracket', c1, c0, 'win', 1);
      });
      expect(await store.games.advance(game.id, 0, { ...next, version: 2 })).toBe(false);
      expect(await store.games.load(game.id)).toEqual({ row: { ...game, ...next }, entrants, winners: [c1], pickTimes: [2] });
      const lo = c0 < c1 ? c0 : c1;
      const cell = (loWins: number, hiWins: number) => [{ lo_id: lo, hi_id: lo === c0 ? c1 : c0, lo_wins: loWins, hi_wins: hiWins, ties: 0 }];
      expect(await store.votes.pairCounts(w.id)).toEqual(lo === c1 ? cell(1, 0) : cell(0, 1));
      const undone = await store.transaction(async (tx) => {
        const latest = await tx.games.undoLatestPick(game.id, 3);
        if (latest?.counted) await tx.votes.count(w.id, 'bracket', latest.winner_id, latest.loser_id, 'win', -1);
        return latest;
      });
      expect(undone).toEqual({ winner_id: c1, loser_id: c0, counted: true });
      expect(await store.votes.pairCounts(w.id)).toEqual(cell(0, 0));
      expect((await store.games.load(game.id))?.winners).toEqual([]);
      expect(await store.transaction((tx) => tx.games.undoLatestPick(game.id, 4))).toBeUndefined();
      await store.transaction((tx) => tx.games.countFinish(w.id, entrants, c1, 1));
      const after = await store.worldcups.candidates(w.id);
      expect(after.map((c) => c.appearances)).toEqual([1, 1, 1, 1]);
      expect(after.find((c) => c.id === c1)?.championships).toBe(1);
      expect((await store.worldcups.get(w.id))?.finishes).toBe(1);
    });

    it('fair play: excluded picks stay out of pair cells, a flag moves standing votes out once, undoing an excluded pick changes no count', async () => {
      const w = worldcup();
      await store.worldcups.insert(w, [], candidates(w.id, 4));
      const [c0, c1, c2, c3] = [0, 1, 2, 3].map((i) => `${w.id}c${i}`) as [string, string, string, string];
      const game = gameRow(`gf${w.id}`, w.id, { owner: 'p', created_at: 1000, ip_key: 'k' });
      await store.games.insert(game, [c0, c1, c2, c3]);
      // As the game service records a pick: the row, and the ledger counts or excludes it.
      const pick = (version: number, winnerId: string, loserId: string, counted: boolean) =>
        store.transaction(async (tx) => {
          await tx.games.recordPick({ worldcupId: w.id, gameId: game.id, version, round: 4, winnerId, loserId, at: 1000 + version, counted });
          if (counted) await tx.votes.count(w.id, 'bracket', winnerId, loserId, 'win', 1);
          else await tx.votes.exclude(w.id, 1);
        });
      const undo = (at: number) =>
        store.transaction(async (tx) => {
          const latest = await tx.games.undoLatestPick(game.id, at);
          if (latest?.counted) await tx.votes.count(w.id, 'bracket', latest.winner_id, latest.loser_id, 'win', -1);
          return latest;
        });
      const flag = (reason: string) =>
        store.transaction(async (tx) => {
          const standing = await tx.games.flag(game.id, reason);
          for (const p of standing) await tx.votes.count(w.id, 'bracket', p.winner_id, p.loser_id, 'win', -1);
          if (standing.length > 0) await tx.votes.exclude(w.id, standing.length);
          return standing.length;
        });
      const votes = async () => (await store.votes.pairCounts(w.id)).reduce((n, p) => n + p.lo_wins + p.hi_wins, 0);
      const excluded = async () => (await store.worldcups.get(w.id))?.excluded_votes;

      await pick(1, c0, c1, true);
      await pick(2, c2, c3, true);
      expect(await undo(1002)).toEqual({ winner_id: c2, loser_id: c3, counted: true });
      await pick(3, c3, c2, true);
      expect([await votes(), await excluded()]).toEqual([2, 0]);

      // The flag takes out the two standing votes (not the one undone before), once.
      expect(await flag('too_fast')).toBe(2);
      expect([await votes(), await excluded()]).toEqual([0, 2]);
      expect(await flag('too_many_games')).toBe(0);
      expect([await votes(), await excluded()]).toEqual([0, 2]);
      expect((await store.games.load(game.id))?.row.flagged).toBe('too_fast');

      await pick(4, c0, c3, false);
      expect([await votes(), await excluded()]).toEqual([0, 3]);
      expect(await undo(1005)).toEqual({ winner_id: c0, loser_id: c3, counted: false });
      expect([await votes(), await excluded()]).toEqual([0, 3]);
      const stored = await store.games.load(game.id);
      expect(stored?.winners).toEqual([c0, c3]);
      expect(stored?.pickTimes).toEqual([1001, 1002, 1003, 1004]);
      const uncounted = await sql<{ n: number | string }>`select count(*) as n from picks where game_id = ${game.id} and counted = 0`.execute(store.kysely);
      expect(Number(uncounted.rows[0]?.n)).toBe(3);
    });

    it('vote ledger: wins and ties by source, summed for the ranking, one source on request; excluded votes apart', async () => {
      const w = worldcup();
      await store.worldcups.insert(w, [], candidates(w.id, 3));
      const [a, b, c] = [0, 1, 2].map((i) => `${w.id}c${i}`) as [string, string, string];
      await store.transaction(async (tx) => {
        await tx.votes.count(w.id, 'bracket', a, b, 'win', 2);
        await tx.votes.count(w.id, 'bracket', b, a, 'win', 1);
        await tx.votes.count(w.id, 'arena', a, b, 'tie', 1);
        await tx.votes.count(w.id, 'arena', c, b, 'win', 1);
        await tx.votes.count(w.id, 'room', a, b, 'win', 1);
        await tx.votes.count(w.id, 'room', a, b, 'win', -1); // taken back
        await tx.votes.count(w.id, 'blind', a, c, 'win', 2, '코딩');
        await tx.votes.count(w.id, 'blind', c, a, 'tie', 1, '코딩');
        await tx.votes.count(w.id, 'arena', a, c, 'win', 1, '글쓰기');
        await tx.votes.exclude(w.id, 3);
      });
      const byPair = (rows: { lo_id: string; hi_id: string; lo_wins: number; hi_wins: number; ties: number }[]) =>
        Object.fromEntries(rows.map((r) => [`${r.lo_id}-${r.hi_id}`, [r.lo_wins, r.hi_wins, r.ties]]));
      // a < b < c by id: the cells are (a,b) and (b,c).
      expect(byPair(await store.votes.pairCounts(w.id))).toEqual({ [`${a}-${b}`]: [2, 1, 1], [`${b}-${c}`]: [0, 1, 0], [`${a}-${c}`]: [3, 0, 1] });
      expect(byPair(await store.votes.pairCounts(w.id, { sources: ['arena'] }))).toEqual({ [`${a}-${b}`]: [0, 0, 1], [`${b}-${c}`]: [0, 1, 0], [`${a}-${c}`]: [1, 0, 0] });
      expect(byPair(await store.votes.pairCounts(w.id, { sources: ['bracket'] }))).toEqual({ [`${a}-${b}`]: [2, 1, 0] });
      // A prompt category's cells, of every source or some.
      expect(byPair(await store.votes.pairCounts(w.id, { category: '코딩' }))).toEqual({ [`${a}-${c}`]: [2, 0, 1] });
      expect(byPair(await store.votes.pairCounts(w.id, { sources: ['arena'], category: '코딩' }))).toEqual({});
      // Votes by source: a tie is one vote (half a win to each side).
      expect(await store.votes.sourceTotals(w.id)).toEqual({ bracket: 3, arena: 3, blind: 3, room: 0 });
      expect(await store.votes.sourceTotals(w.id, { category: '글쓰기' })).toEqual({ bracket: 0, arena: 1, blind: 0, room: 0 });
      expect((await store.worldcups.get(w.id))?.excluded_votes).toBe(3);
    });

    it('fair play: counts recent game starts per session and per address, and keeps one address salt', async () => {
      const [w, other] = [worldcup(), worldcup()];
      for (const x of [w, other]) await store.worldcups.insert(x, [], candidates(x.id, 2));
      const entrants = [`${w.id}c0`, `${w.id}c1`];
      const start = (id: string, worldcupId: string, owner: string, ipKey: string | null, at: number) =>
        store.games.insert(gameRow(`${id}${w.id}`, worldcupId, { owner, size: 2, created_at: at, ip_key: ipKey }), entrants);
      await start('a', w.id, 'me', 'addr', 1000);
      await start('b', w.id, 'someone', 'addr', 5000);
      await start('c', w.id, 'me', null, 6000);
      await start('d', other.id, 'me', 'addr', 7000);
      expect(await store.games.recentStarts(w.id, 'me', 'addr', 0)).toEqual({ bySession: 2, byAddress: 2 });
      expect(await store.games.recentStarts(w.id, 'me', 'addr', 5000)).toEqual({ bySession: 1, byAddress: 1 });
      expect(await store.games.recentStarts(w.id, 'me', null, 0)).toEqual({ bySession: 2, byAddress: 0 });
      const salt = await store.accounts.siteSecret('ip_salt');
      expect(salt.length).toBeGreaterThanOrEqual(32);
      expect(await store.accounts.siteSecret('ip_salt')).toBe(salt);
      const key = await store.accounts.siteSecret('session_key');
      expect(key.length).toBeGreaterThanOrEqual(32);
      expect(key).not.toBe(salt);
    });

    it('group-commits concurrent jobs: all commit, a client error fails only its own job', async () => {
      const ws = Array.from({ length: 60 }, () => worldcup());
      const results = await Promise.allSettled(
        ws.map((w, i) =>
          store.groupCommit(async (tx) => {
            if (i % 10 === 3) throw new AppError(409, 'nope', 'expected');
            await tx.worldcups.insert(w, [], candidates(w.id, 4));
            return w.id;
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(6);
      for (const [i, w] of ws.entries()) expect(Boolean(await store.worldcups.get(w.id))).toBe(i % 10 !== 3);
    });

    it('isolates a job that breaks the transaction: the others of its batch still commit', async () => {
      const ws = Array.from({ length: 5 }, () => worldcup());
      const results = await Promise.allSettled(
        ws.map((w, i) =>
          store.groupCommit(async (tx) => {
            // Job 2 violates the primary key of job 0's row: a database error, not a client error.
            await tx.worldcups.insert(i === 2 ? { ...w, id: (ws[0] as WorldcupRow).id } : w, [], []);
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      for (const i of [0, 1, 3, 4]) expect(await store.worldcups.get((ws[i] as WorldcupRow).id)).toBeDefined();
    });

    it('deletes a world cup with everything that hangs off it', async () => {
      const w = worldcup();
      await store.worldcups.insert(w, ['gone'], candidates(w.id, 4));
      await store.transaction((tx) => tx.worldcups.delete(w.id));
      expect(await store.worldcups.get(w.id)).toBeUndefined();
      expect(await store.worldcups.candidates(w.id, { includeRemoved: true })).toEqual([]);
      const tagRows = await sql<{ n: number }>`select count(*) as n from worldcup_tags where worldcup_id = ${w.id}`.execute(store.kysely);
      expect(Number(tagRows.rows[0]?.n)).toBe(0);
    });

    runAccountConformance({ store: () => store, worldcup, candidates });
    runCommentConformance({ store: () => store, worldcup, candidates });
  });
}
