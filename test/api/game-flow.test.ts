/**
 * Playing world cups through the HTTP API, on SQLite and PostgreSQL: round labels, resuming,
 * undo (never after the final), concurrent games and double-submitted picks, and the ranking
 * counters checked against the picks the test itself made.
 */
import { describe, expect, it } from 'vitest';
import type { Game, Match, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';

interface Played {
  round: number;
  index: number;
  winner: string;
  loser: string;
}

/** What one game contributes to the ranking: its counted picks, its drawn entrants, its champion. */
interface GameRecord {
  entrants: Set<string>;
  picks: Played[];
  champion: string | null;
}

const random = <T>(a: T, b: T): T => (Math.random() < 0.5 ? a : b);

async function createWorldCup(user: ApiClient, title: string, count: number): Promise<WorldCup> {
  return user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title, candidates: textCandidates(count) } });
}

async function startGame(user: ApiClient, worldcupId: string, size: number): Promise<Game> {
  return user.ok<Game>('POST', `/api/v1/worldcups/${worldcupId}/games`, 201, { json: { size } });
}

function current(game: Game): Match {
  expect(game.match, `game ${game.id} has no open match`).not.toBeNull();
  return game.match as Match;
}

/** Plays a game to its champion, choosing with `choose`; returns what was counted. */
async function playOut(user: ApiClient, start: Game, choose: (m: Match) => string = (m) => random(m.a.id, m.b.id)): Promise<GameRecord> {
  const record: GameRecord = { entrants: new Set(), picks: [], champion: null };
  let game = start;
  while (!game.done) {
    const m = current(game);
    if (m.round === game.size) record.entrants.add(m.a.id).add(m.b.id);
    const winner = choose(m);
    game = await user.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner } });
    record.picks.push({ round: m.round, index: m.index, winner, loser: winner === m.a.id ? m.b.id : m.a.id });
  }
  record.champion = game.champion?.id ?? null;
  expect(record.champion).toBe(record.picks.at(-1)?.winner);
  return record;
}

/** Asserts the ranking's counters are exactly what the recorded games imply. */
function expectRankingMatches(ranking: Ranking, wc: WorldCup, games: readonly GameRecord[]): void {
  const finished = games.filter((g) => g.champion !== null);
  expect(ranking.worldcupId).toBe(wc.id);
  expect(ranking.votes).toBe(games.reduce((n, g) => n + g.picks.length, 0));
  expect(ranking.games).toBe(finished.length);
  expect(ranking.items.map((i) => i.candidateId).sort()).toEqual(wc.candidates.map((c) => c.id).sort());
  for (const item of ranking.items) {
    const id = item.candidateId;
    const wins = games.reduce((n, g) => n + g.picks.filter((p) => p.winner === id).length, 0);
    const losses = games.reduce((n, g) => n + g.picks.filter((p) => p.loser === id).length, 0);
    const appearances = finished.filter((g) => g.entrants.has(id)).length;
    const championships = finished.filter((g) => g.champion === id).length;
    const matches = wins + losses;
    const candidate = wc.candidates.find((c) => c.id === id);
    expect(item.name).toBe(candidate?.name);
    expect(item.group).toBe(candidate?.group);
    expect({ id, wins: item.wins, losses: item.losses, ties: item.ties, matches: item.matches }).toEqual({ id, wins, losses, ties: 0, matches });
    expect({ id, appearances: item.appearances, championships: item.championships }).toEqual({ id, appearances, championships });
    if (matches === 0) expect(item.winRate).toBeNull();
    else expect(item.winRate).toBeCloseTo(wins / matches, 10);
    if (appearances === 0) expect(item.championshipRate).toBeNull();
    else expect(item.championshipRate).toBeCloseTo(championships / appearances, 10);
  }
}

/** [round, index, total] of every match of a bracket of `size`, in play order. */
function expectedLabels(size: number): [number, number, number][] {
  const labels: [number, number, number][] = [];
  for (let round = size; round >= 2; round /= 2) {
    for (let index = 0; index < round / 2; index++) labels.push([round, index, round / 2]);
  }
  return labels;
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API game flow (${dialect})`, () => {
    const t = useTestServer(dialect);

    it('plays a 16강 game to the champion: labels, bracket, resume, undo, ranking counters', async () => {
      const alice = t.user();
      const wc = await createWorldCup(alice, '과일 월드컵', 20);
      expect(wc.candidates).toHaveLength(20);
      expect(wc.sizes).toEqual([2, 4, 8, 16]);
      const byId = new Map(wc.candidates.map((c) => [c.id, c]));

      let game = await startGame(alice, wc.id, 16);
      expect(game).toMatchObject({ worldcupId: wc.id, worldcupTitle: '과일 월드컵', size: 16, done: false, picks: 0, totalPicks: 15, canUndo: false, champion: null });
      const labels = expectedLabels(16);
      expect(labels.map(([round]) => round)).toEqual([...Array<number>(8).fill(16), 8, 8, 8, 8, 4, 4, 2]);

      const record: GameRecord = { entrants: new Set(), picks: [], champion: null };
      for (let k = 0; k < 15; k++) {
        const m = current(game);
        expect([m.round, m.index, m.total], `match ${k}`).toEqual(labels[k]);
        expect(game.picks).toBe(k);
        expect(game.canUndo).toBe(k > 0);
        // Each side is a full candidate of this world cup.
        expect(m.a).toEqual(byId.get(m.a.id));
        expect(m.b).toEqual(byId.get(m.b.id));
        if (m.round === 16) {
          record.entrants.add(m.a.id).add(m.b.id);
        } else {
          // Later rounds pair the winners of the previous round's neighbouring matches.
          const previous = record.picks.filter((p) => p.round === m.round * 2).map((p) => p.winner);
          expect([m.a.id, m.b.id]).toEqual([previous[2 * m.index], previous[2 * m.index + 1]]);
        }

        if (k === 5) {
          // Leaving and coming back in the same browser resumes; to another session the game does not exist.
          expect(await alice.ok<Game>('GET', `/api/v1/games/${game.id}`, 200)).toEqual(game);
          expectError(await t.anonymous().get(`/api/v1/games/${game.id}`), 404, 'not_found');
        }

        let winner = random(m.a.id, m.b.id);
        if (k === 10) {
          // Pick a, see it counted, take it back: the same match is shown again and the vote is gone.
          const picked = await alice.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: m.a.id } });
          expect(picked.picks).toBe(k + 1);
          const counted = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
          expect(counted.votes).toBe(k + 1);
          const undone = await alice.ok<Game>('POST', `/api/v1/games/${game.id}/undo`, 200);
          expect(undone).toEqual(game);
          expect(await alice.ok<Game>('GET', `/api/v1/games/${game.id}`, 200)).toEqual(game);
          const uncounted = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
          expectRankingMatches(uncounted, wc, [{ ...record, champion: null }]);
          winner = m.b.id;
        }
        game = await alice.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner } });
        record.picks.push({ round: m.round, index: m.index, winner, loser: winner === m.a.id ? m.b.id : m.a.id });
      }

      expect(record.entrants.size).toBe(16);
      const final = record.picks.at(-1);
      expect(game).toMatchObject({ done: true, match: null, picks: 15, totalPicks: 15, canUndo: false });
      expect(game.champion).toEqual(byId.get(final?.winner ?? ''));
      record.champion = final?.winner ?? null;
      expect(await alice.ok<Game>('GET', `/api/v1/games/${game.id}`, 200)).toEqual(game);

      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expectRankingMatches(ranking, wc, [record]);
      expect(ranking.votes).toBe(15);
      expect(ranking.games).toBe(1);
      expect(ranking.items.filter((i) => i.appearances === 1)).toHaveLength(16);
      expect(ranking.items.filter((i) => i.appearances === 0 && i.matches === 0)).toHaveLength(4);
      // Ordered by championship rate first: the champion leads the table.
      expect(ranking.items[0]?.candidateId).toBe(record.champion);
      expect(ranking.items[0]?.championshipRate).toBe(1);

      const after = await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
      expect({ plays: after.plays, finishes: after.finishes }).toEqual({ plays: 1, finishes: 1 });
    });

    it('a finished game is final: undo after the final is refused and changes nothing', async () => {
      const alice = t.user();
      const wc = await createWorldCup(alice, 'undo the final', 6);
      const start = await startGame(alice, wc.id, 4);
      const played = await playOut(alice, start);
      const before = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expectRankingMatches(before, wc, [played]);
      const finished = await alice.ok<Game>('GET', `/api/v1/games/${start.id}`, 200);
      expect(finished).toMatchObject({ done: true, picks: 3, canUndo: false });

      expectError(await alice.post(`/api/v1/games/${start.id}/undo`, { picks: 3 }), 409, 'game_finished');
      expectError(await alice.post(`/api/v1/games/${start.id}/undo`), 409, 'game_finished');
      expect(await alice.ok<Game>('GET', `/api/v1/games/${start.id}`, 200)).toEqual(finished);
      const after = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect(after.items).toEqual(before.items);
      expect(after.games).toBe(1);
      const wcAfter = await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
      expect({ plays: wcAfter.plays, finishes: wcAfter.finishes }).toEqual({ plays: 1, finishes: 1 });
    });

    /**
     * Sends the same pick twice at once, each saying which state it answers (`picks`, as the web app
     * does); asserts one 200 and one 409; returns the 200's game.
     */
    async function doubleSubmit(user: ApiClient, game: Game, winner: string): Promise<Game> {
      const send = () => user.request<Game>('POST', `/api/v1/games/${game.id}/picks`, { json: { winner, picks: game.picks } });
      const results = await Promise.all([send(), send()]);
      const m = current(game);
      expect(results.map((r) => r.status), `double pick in round ${m.round} match ${m.index}`).toEqual(expect.arrayContaining([200, 409]));
      const rejected = results.find((r) => r.status === 409);
      if (rejected) expectError(rejected, 409, ['stale_game', 'not_in_match', 'game_busy', 'game_finished']);
      const accepted = results.find((r) => r.status === 200)?.body as Game;
      expect(accepted.picks).toBe(game.picks + 1);
      return accepted;
    }

    it('a pick double-submitted concurrently counts once: one 200, one 409', async () => {
      const alice = t.user();
      const wc = await createWorldCup(alice, 'double submit', 8);
      let game = await startGame(alice, wc.id, 8);
      const record: GameRecord = { entrants: new Set(), picks: [], champion: null };
      while (!game.done) {
        const m = current(game);
        if (m.round === 8) record.entrants.add(m.a.id).add(m.b.id);
        let winner: string;
        if (m.round === 4 && m.index === 1) {
          // Two different answers at once (the same-answer case is the next test): exactly one wins.
          const [ra, rb] = await Promise.all(
            [m.a.id, m.b.id].map((w) =>
              alice.request<Game>('POST', `/api/v1/games/${game.id}/picks`, { json: { winner: w, picks: game.picks } }),
            ),
          );
          expect([ra?.status, rb?.status].sort()).toEqual([200, 409]);
          winner = ra?.status === 200 ? m.a.id : m.b.id;
          game = (ra?.status === 200 ? ra.body : rb?.body) as Game;
          expect(game.picks).toBe(record.picks.length + 1);
        } else {
          winner = random(m.a.id, m.b.id);
          game = await doubleSubmit(alice, game, winner);
        }
        record.picks.push({ round: m.round, index: m.index, winner, loser: winner === m.a.id ? m.b.id : m.a.id });
      }
      record.champion = game.champion?.id ?? null;
      expect(record.picks).toHaveLength(7);
      expect(await alice.ok<Game>('GET', `/api/v1/games/${game.id}`, 200)).toEqual(game);
      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expectRankingMatches(ranking, wc, [record]);
      expect({ votes: ranking.votes, games: ranking.games }).toEqual({ votes: 7, games: 1 });
    });

    it('double-submitting the second semifinal does not also decide the final', async () => {
      // The second semifinal's winner is a finalist, so a duplicate of that pick names a candidate of
      // the next match too; it must still count once and leave the final to the player.
      const alice = t.user();
      const wc = await createWorldCup(alice, 'double semifinal', 4);
      let game = await startGame(alice, wc.id, 4);
      const first = current(game);
      game = await alice.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: first.a.id } });
      const semi = current(game);
      expect([semi.round, semi.index]).toEqual([4, 1]);
      const results = await Promise.all(
        [0, 1].map(() =>
          alice.request<Game>('POST', `/api/v1/games/${game.id}/picks`, { json: { winner: semi.a.id, picks: game.picks } }),
        ),
      );
      const after = await alice.ok<Game>('GET', `/api/v1/games/${game.id}`, 200);
      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect({ statuses: results.map((r) => r.status).sort(), done: after.done, picks: after.picks, votes: ranking.votes }).toEqual({
        statuses: [200, 409],
        done: false,
        picks: 2,
        votes: 2,
      });
      expect([after.match?.round, after.match?.a.id, after.match?.b.id]).toEqual([2, first.a.id, semi.a.id]);
    });

    it('10 concurrent 8강 games by 10 sessions, with undos, add up exactly', async () => {
      const alice = t.user();
      const wc = await createWorldCup(alice, 'concurrent games', 12);
      const players = Array.from({ length: 10 }, () => t.user());
      const records = await Promise.all(
        players.map(async (player, n) => {
          const start = await startGame(player, wc.id, 8);
          if (n % 2 === 1) return playOut(player, start);
          // Even players change their mind once: pick, undo, pick the other side.
          const first = current(start);
          await player.ok<Game>('POST', `/api/v1/games/${start.id}/picks`, 200, { json: { winner: first.a.id } });
          const undone = await player.ok<Game>('POST', `/api/v1/games/${start.id}/undo`, 200);
          expect(undone).toEqual(start);
          let changedMind = false;
          return playOut(player, undone, (m) => {
            if (changedMind) return random(m.a.id, m.b.id);
            changedMind = true;
            return m.b.id;
          });
        }),
      );
      expect(records.every((r) => r.picks.length === 7 && r.entrants.size === 8)).toBe(true);
      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expectRankingMatches(ranking, wc, records);
      expect(ranking.votes).toBe(70);
      expect(ranking.games).toBe(10);
      expect(ranking.items.reduce((n, i) => n + i.championships, 0)).toBe(10);
      expect(ranking.items.reduce((n, i) => n + i.appearances, 0)).toBe(80);
      const after = await alice.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
      expect({ plays: after.plays, finishes: after.finishes }).toEqual({ plays: 10, finishes: 10 });
    });
  });
}
