/**
 * `kill -9` under load, on SQLite and PostgreSQL: several players play games (picks, and now and
 * then an undo) against `versus serve` as its own process; the process is
 * SIGKILLed mid-load; a new one starts on the same database. Then:
 *   - every acknowledged pick and undo is stored: each game's standing picks are exactly what its
 *     player was last told, or that plus the one request still in flight at the kill;
 *   - the game endpoint shows the stored state, and the restarted server takes further picks on
 *     the games that were in flight, to the end;
 *   - the aggregates equal a recount from the raw rows (pair cells from the standing counted picks,
 *     appearances and championships from the finished games, plays and finishes), in the database
 *     and in the ranking a user reads, both right after the restart and after the games finished.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import { apiDialects, textCandidates } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';
import { type ServerProcess, startServerProcess } from '../helpers/process.js';
import { type RawDb, type Row, openRawDb } from '../helpers/raw-db.js';
import { seededRandom } from '../../src/domain/rating/random.js';

const PLAYERS = 8;
/** Kill once this many picks and undos were acknowledged (or after MAX_LOAD_MS, whichever is first). */
const KILL_AFTER_ACKS = 800;
const MAX_LOAD_MS = 5_000;

type Op = { kind: 'pick'; winner: string } | { kind: 'undo' };

/** What a player was told about one game: its standing winners, and the request it had not heard back from. */
interface Tracked {
  id: string;
  /** Its player: only they may see or play it. */
  client: Client;
  acked: string[];
  inflight: Op | undefined;
}


/** A player's browser: keeps the session the server issued it (only those are accepted), across the restart. */
class Client {
  private cookie = '';
  constructor(private readonly url: () => string) {}
  async send(method: string, path: string, json?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(this.url() + path, {
      method,
      headers: { cookie: this.cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('vs_session='));
    if (session) this.cookie = session.split(';')[0] ?? '';
    const text = await res.text(); // may throw if the connection dies mid-body: then it was not acknowledged
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
  async ok<T>(method: string, path: string, status: number, json?: unknown): Promise<T> {
    const res = await this.send(method, path, json);
    if (res.status !== status) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  }
}

/**
 * One player: starts games of 8 or 16, picks a or b at random (sending the picks count it saw),
 * undoes now and then (never after the final: a champion is final). Runs until a request fails (the kill).
 */
async function play(client: Client, worldcupId: string, seed: number, games: Map<string, Tracked>, onAck: () => void, unexpected: string[]): Promise<void> {
  const random = seededRandom(seed);
  for (;;) {
    let game: Game;
    try {
      game = await client.ok<Game>('POST', `/api/v1/worldcups/${worldcupId}/games`, 201, { size: random() < 0.5 ? 8 : 16 });
    } catch (error) {
      if (error instanceof Error && error.message.includes('→')) unexpected.push(error.message);
      return;
    }
    const track: Tracked = { id: game.id, client, acked: [], inflight: undefined };
    games.set(game.id, track);
    for (;;) {
      if (game.done) break;
      const undo = track.acked.length > 0 && random() < 0.12;
      const op: Op = undo ? { kind: 'undo' } : { kind: 'pick', winner: (random() < 0.5 ? game.match?.a.id : game.match?.b.id) ?? '' };
      track.inflight = op;
      let res: { status: number; body: unknown };
      try {
        res =
          op.kind === 'undo'
            ? await client.send('POST', `/api/v1/games/${game.id}/undo`, { picks: track.acked.length })
            : await client.send('POST', `/api/v1/games/${game.id}/picks`, { winner: op.winner, picks: track.acked.length });
      } catch {
        return; // the server died: this request is in flight, neither acknowledged nor refused
      }
      if (res.status !== 200) {
        unexpected.push(`${op.kind} on ${game.id} after ${track.acked.length} picks → ${res.status} ${JSON.stringify(res.body)}`);
        return;
      }
      if (op.kind === 'pick') track.acked.push(op.winner);
      else track.acked.pop();
      track.inflight = undefined;
      game = res.body as Game;
      if (game.picks !== track.acked.length) unexpected.push(`${game.id}: acknowledged with ${game.picks} picks, expected ${track.acked.length}`);
      onAck();
    }
  }
}

const num = (v: unknown): number => Number(v ?? 0);
/** Picks that count in the pair cells: standing (not undone) and, once fair play exists, counted. */
const counts = (p: Row): boolean => p.undone_at === null && (p.counted === undefined || num(p.counted) === 1);

interface Recount {
  votes: number;
  /** `lo|hi` → [lo wins, hi wins], from the raw picks. */
  cells: Map<string, [number, number]>;
  wins: Map<string, number>;
  losses: Map<string, number>;
  appearances: Map<string, number>;
  championships: Map<string, number>;
  plays: number;
  finishes: number;
}

/** Recounts every aggregate of a world cup from its raw rows, and checks the stored ones against it. */
async function recountAndCompare(raw: RawDb, worldcupId: string): Promise<Recount> {
  const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
  const picks = await raw.query('select * from picks where worldcup_id = $1', [worldcupId]);
  const r: Recount = { votes: 0, cells: new Map(), wins: new Map(), losses: new Map(), appearances: new Map(), championships: new Map(), plays: 0, finishes: 0 };
  for (const p of picks.filter(counts)) {
    const [w, l] = [String(p.winner_id), String(p.loser_id)];
    const key = w < l ? `${w}|${l}` : `${l}|${w}`;
    const cell = r.cells.get(key) ?? [0, 0];
    cell[w < l ? 0 : 1]++;
    r.cells.set(key, cell);
    bump(r.wins, w);
    bump(r.losses, l);
    r.votes++;
  }
  const games = await raw.query('select * from games where worldcup_id = $1', [worldcupId]);
  const entrants = new Map((await raw.query('select * from game_entrants')).map((e) => [String(e.game_id), JSON.parse(String(e.entrants)) as string[]]));
  r.plays = games.length;
  for (const g of games) {
    const standing = picks.filter((p) => p.game_id === g.id && p.undone_at === null).sort((a, b) => num(a.version) - num(b.version));
    const size = num(g.size);
    // The game row agrees with its picks: finished exactly when size − 1 picks stand, won by the last winner.
    expect({ game: g.id, finished: g.finished_at !== null, champion: g.champion_id }).toEqual({
      game: g.id,
      finished: standing.length === size - 1,
      champion: standing.length === size - 1 ? standing.at(-1)?.winner_id : null,
    });
    if (g.finished_at === null || (g.flagged !== undefined && g.flagged !== null)) continue;
    r.finishes++;
    for (const c of entrants.get(String(g.id)) ?? []) bump(r.appearances, c);
    bump(r.championships, String(g.champion_id));
  }
  const stored = new Map(
    (await raw.query('select * from pair_counts where worldcup_id = $1', [worldcupId]))
      .filter((c) => num(c.lo_wins) !== 0 || num(c.hi_wins) !== 0 || num(c.ties) !== 0)
      .map((c) => [`${String(c.lo_id)}|${String(c.hi_id)}`, [num(c.lo_wins), num(c.hi_wins)] as [number, number]]),
  );
  expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(r.cells));
  const candidates = await raw.query('select * from candidates where worldcup_id = $1', [worldcupId]);
  const storedFinishes = Object.fromEntries(candidates.map((c) => [String(c.id), [num(c.appearances), num(c.championships)]]));
  const recounted = Object.fromEntries(candidates.map((c) => [String(c.id), [r.appearances.get(String(c.id)) ?? 0, r.championships.get(String(c.id)) ?? 0]]));
  expect(storedFinishes).toEqual(recounted);
  const [wc] = await raw.query('select * from worldcups where id = $1', [worldcupId]);
  expect({ plays: num(wc?.plays), finishes: num(wc?.finishes) }).toEqual({ plays: r.plays, finishes: r.finishes });
  return r;
}

/** The ranking a user reads shows the recounted numbers. */
async function expectRankingMatches(client: Client, worldcupId: string, r: Recount): Promise<void> {
  const ranking = await client.ok<Ranking>('GET', `/api/v1/worldcups/${worldcupId}/ranking`, 200);
  expect({ votes: ranking.votes, games: ranking.games }).toEqual({ votes: r.votes, games: r.finishes });
  const shown = Object.fromEntries(ranking.items.map((i) => [i.candidateId, [i.wins, i.losses, i.appearances, i.championships]]));
  const want = Object.fromEntries(
    ranking.items.map((i) => [i.candidateId, [r.wins.get(i.candidateId) ?? 0, r.losses.get(i.candidateId) ?? 0, r.appearances.get(i.candidateId) ?? 0, r.championships.get(i.candidateId) ?? 0]]),
  );
  expect(shown).toEqual(want);
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`kill -9 under pick load (${dialect})`, () => {
    let db: TestDatabase | undefined;
    let server: ServerProcess | undefined;
    let raw: RawDb | undefined;

    afterAll(async () => {
      await raw?.close();
      server?.child.kill('SIGKILL');
      await server?.exited;
      await db?.drop();
    });

    it('keeps every acknowledged pick, keeps the counts true, and plays on after the restart', async () => {
      db = await createTestDatabase(dialect);
      const env = { DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', SEED: '0' };
      server = await startServerProcess(env);
      const url = () => server?.url ?? '';
      const owner = new Client(url);
      const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { title: 'kill -9', candidates: textCandidates(16) });

      // Load, then SIGKILL with requests in flight.
      const games = new Map<string, Tracked>();
      const unexpected: string[] = [];
      let acks = 0;
      const started = Date.now();
      const players = Array.from({ length: PLAYERS }, () => new Client(url));
      const load = Promise.all(players.map((client, i) => play(client, wc.id, 1000 + i, games, () => acks++, unexpected)));
      while (acks < KILL_AFTER_ACKS && Date.now() - started < MAX_LOAD_MS && unexpected.length === 0) await new Promise((r) => setTimeout(r, 10));
      server.child.kill('SIGKILL');
      expect(await server.exited).toBeNull(); // killed by the signal, not exited on its own
      await load;
      const inFlight = [...games.values()].filter((t) => t.inflight !== undefined).length;
      console.log(`kill -9 (${dialect}): ${acks} picks and undos acknowledged in ${Date.now() - started} ms over ${games.size} games; ${inFlight} requests in flight at the kill`);
      expect(unexpected).toEqual([]);
      expect(acks).toBeGreaterThan(100);

      // Restart on the same database.
      server = await startServerProcess(env);
      raw = await openRawDb(db);
      const player = owner;

      // Every acknowledged pick and undo is there; at most the one request in flight went further.
      const picks = await raw.query('select * from picks where worldcup_id = $1', [wc.id]);
      const lost: string[] = [];
      let committedUnacknowledged = 0;
      for (const t of games.values()) {
        const stored = picks.filter((p) => p.game_id === t.id && p.undone_at === null).sort((a, b) => num(a.version) - num(b.version)).map((p) => String(p.winner_id));
        const op = t.inflight;
        const allowed = [t.acked, ...(op === undefined ? [] : [op.kind === 'pick' ? [...t.acked, op.winner] : t.acked.slice(0, -1)])];
        if (op !== undefined && JSON.stringify(stored) !== JSON.stringify(t.acked)) committedUnacknowledged++;
        if (!allowed.some((a) => JSON.stringify(a) === JSON.stringify(stored))) {
          lost.push(`${t.id}: acknowledged ${JSON.stringify(t.acked)} (in flight: ${JSON.stringify(op)}), stored ${JSON.stringify(stored)}`);
        }
        // Each player resumes with the session they had before the restart.
        const shown = await t.client.ok<Game>('GET', `/api/v1/games/${t.id}`, 200);
        expect(shown.picks, t.id).toBe(stored.length);
      }
      expect(lost).toEqual([]);
      console.log(`kill -9 (${dialect}): all acknowledged state stored; ${committedUnacknowledged} of ${inFlight} requests in flight were committed without an answer`);

      // The aggregates equal a recount, in the database and in the ranking.
      await expectRankingMatches(player, wc.id, await recountAndCompare(raw, wc.id));

      // The games that were in flight take further picks, to the end.
      let continued = 0;
      for (const t of games.values()) {
        let game = await t.client.ok<Game>('GET', `/api/v1/games/${t.id}`, 200);
        if (game.done) continue;
        while (!game.done) {
          const next = await t.client.ok<Game>('POST', `/api/v1/games/${t.id}/picks`, 200, { winner: game.match?.b.id, picks: game.picks });
          expect(next.picks).toBe(game.picks + 1);
          game = next;
        }
        continued++;
      }
      expect(continued).toBeGreaterThan(0);
      const after = await recountAndCompare(raw, wc.id);
      await expectRankingMatches(player, wc.id, after);
      expect(after.finishes).toBeGreaterThanOrEqual(continued);
    }, 60_000);
  });
}
