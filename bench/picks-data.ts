/**
 * The data side of bench/picks.ts: the world cup and game pools the players draw from, and the
 * durability check of every acknowledged pick against the SQLite file.
 */
import Database from 'better-sqlite3';
import type { ChildServer } from './lib.js';
import type { GamePool, Ticket } from './picks-load.js';

/** Candidates in the world cup (the maximum); games are `gameSize` (1024 unless BENCH_GAME_SIZE). */
export const CANDIDATES = 1024;

async function postJson<T>(url: string, session: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** One world cup with 1024 text candidates; `refill` tops up its pool of fresh games of `gameSize`. */
export async function versusGames(server: ChildServer, gameSize: number): Promise<GamePool & { refill(min: number): Promise<number>; created(): number }> {
  const baseUrl = server.url;
  const candidates = Array.from({ length: CANDIDATES }, (_, i) => ({
    name: `후보 ${i + 1} candidate`,
    text: `텍스트 후보 #${i + 1}: a short text candidate`,
  }));
  const wc = await postJson<{ id: string; candidateCount: number }>(`${baseUrl}/api/v1/worldcups`, server.session, {
    title: '벤치마크 월드컵 (bench)',
    candidates,
  });
  if (wc.candidateCount !== CANDIDATES) throw new Error(`world cup has ${wc.candidateCount} candidates, expected ${CANDIDATES}`);
  const tickets: Ticket[] = [];
  let i = 0;
  const createOne = async () => {
    const g = await postJson<{ id: string; done: boolean; totalPicks: number; match: { a: { id: string } } | null }>(
      `${baseUrl}/api/v1/worldcups/${wc.id}/games`,
      server.session,
      { size: gameSize },
    );
    if (g.done || !g.match || g.totalPicks !== gameSize - 1) throw new Error(`unexpected new game: ${JSON.stringify(g).slice(0, 200)}`);
    tickets.push({ id: g.id, a: g.match.a.id });
  };
  return {
    next: () => tickets[i++],
    remaining: () => tickets.length - i,
    created: () => tickets.length,
    async refill(min: number) {
      const missing = Math.max(0, min - (tickets.length - i));
      let started = 0;
      const worker = async () => {
        while (started < missing) {
          started++;
          await createOne();
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      return missing;
    },
  };
}

/** The bare server has no games to create: any id starts a game at its first pick. */
export function endlessPool(prefix: string): GamePool {
  let i = 0;
  return { next: () => ({ id: `${prefix}${(i++).toString(36).padStart(8, '0')}`, a: 'c00000000000' }), remaining: () => Infinity };
}

export interface Durability {
  acknowledged: number;
  stored: number;
  missing: number;
  duplicates: number;
  /** Stored but never acknowledged: picks in flight when a run ended (harmless). */
  unacknowledged: number;
  countersConsistent: boolean;
  detail: string;
}

export function checkDurability(dbFile: string, acked: Map<string, number[]>): Durability {
  const db = new Database(dbFile);
  try {
    const stored = (db.prepare('select count(*) as n from picks where undone_at is null').get() as { n: number }).n;
    const storedKeys = new Map<string, Set<number>>();
    const rows = db.prepare('select game_id as g, version as v from picks where undone_at is null').iterate() as IterableIterator<{
      g: string;
      v: number;
    }>;
    for (const r of rows) {
      let s = storedKeys.get(r.g);
      if (!s) storedKeys.set(r.g, (s = new Set()));
      s.add(r.v);
    }
    let acknowledged = 0;
    let missing = 0;
    let duplicates = 0;
    const missingExamples: string[] = [];
    for (const [game, versions] of acked) {
      const seen = new Set<number>();
      const s = storedKeys.get(game);
      for (const v of versions) {
        acknowledged++;
        if (seen.has(v)) duplicates++;
        seen.add(v);
        if (!s?.has(v)) {
          missing++;
          if (missingExamples.length < 5) missingExamples.push(`${game}@${v}`);
        }
      }
    }
    // Every counted pick is one win in a pair cell (lo_wins + hi_wins); no bench pick is ever undone.
    const c = db.prepare('select coalesce(sum(lo_wins + hi_wins),0) as w from pair_counts').get() as { w: number };
    const g = db.prepare('select coalesce(sum(version),0) as v from games').get() as { v: number };
    const countersConsistent = c.w === stored && g.v === stored;
    const detail =
      `pair-cell wins ${c.w}, sum(games.version) ${g.v}` + (missingExamples.length ? `; missing e.g. ${missingExamples.join(', ')}` : '');
    return {
      acknowledged,
      stored,
      missing,
      duplicates,
      unacknowledged: stored - (acknowledged - missing - duplicates),
      countersConsistent,
      detail,
    };
  } finally {
    db.close();
  }
}

