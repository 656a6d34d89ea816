/**
 * The data side of bench/rating.ts: the synthetic vote workload and its tally into pair cells (part
 * 1 and 3), and part 2, what keeping those pair cells costs per pick in the SQLite store; plus the
 * timing helpers the parts share.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type Comparisons, type PairTally, packComparisons } from '../src/domain/rating/comparisons.js';
import { seededRandom } from '../src/domain/rating/random.js';
import { loadConfig } from '../src/config.js';
import { openCore } from '../src/core.js';
import { QueryTemplate } from '../src/store/templates.js';
import type { NewCandidateRow, NewWorldcupRow } from '../src/store/worldcups-repo.js';
import { candidateRow, gameRow } from '../test/helpers/rows.js';

export const PICK_BATCH = 50;

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

export function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

// ---- workload -----------------------------------------------------------------------------------

function normal(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Raw votes as they happen: [a, b, outcome] with outcome 0 = a won, 1 = b won, 2 = tie. */
interface Votes {
  n: number;
  theta: Float64Array;
  a: Int32Array;
  b: Int32Array;
  outcome: Uint8Array;
}

export function generateVotes(n: number, count: number, tieRate: number, seed: number): Votes {
  const random = seededRandom(seed);
  const theta = Float64Array.from({ length: n }, () => normal(random));
  const v: Votes = { n, theta, a: new Int32Array(count), b: new Int32Array(count), outcome: new Uint8Array(count) };
  for (let k = 0; k < count; k++) {
    const a = Math.floor(random() * n);
    let b = Math.floor(random() * (n - 1));
    if (b >= a) b++;
    v.a[k] = a;
    v.b[k] = b;
    const pA = 1 / (1 + Math.exp((theta[b] as number) - (theta[a] as number)));
    v.outcome[k] = random() < tieRate ? 2 : random() < pA ? 0 : 1;
  }
  return v;
}

/** Votes → one cell per unordered pair (lo wins, hi wins, ties), as the store keeps them. */
export function tally(v: Votes): Comparisons {
  const cells = new Map<number, PairTally>();
  for (let k = 0; k < v.a.length; k++) {
    const a = v.a[k] as number;
    const b = v.b[k] as number;
    const lo = Math.min(a, b);
    const key = lo * v.n + Math.max(a, b);
    let t = cells.get(key);
    if (!t) cells.set(key, (t = { i: lo, j: Math.max(a, b), winsI: 0, winsJ: 0, ties: 0 }));
    const o = v.outcome[k];
    if (o === 2) t.ties++;
    else if ((o === 0) === (a === lo)) t.winsI++;
    else t.winsJ++;
  }
  return packComparisons(v.n, [...cells.values()]);
}

// ---- part 2: per-pick cost of the aggregates ----------------------------------------------------

export interface PickCostBench {
  picks: number;
  /** µs per pick, from the median batch of 50 (commit included). */
  recordPickUs: number;
  insertOnlyUs: number;
  /** pair-cell wins add up to the picks recorded (the pick row and its ledger count). */
  consistent: boolean;
  /** SQLite's synchronous setting as the store opened it (whether a commit fsyncs). */
  synchronous: string;
}

/** [game_id, version, worldcup_id, round, winner_id, loser_id, created_at]: the pick row alone. */
const insertPickOnly = new QueryTemplate<[string, number, string, number, string, string, number]>((db) =>
  db.insertInto('picks').values({ game_id: '', version: 0, worldcup_id: '', round: 0, winner_id: '', loser_id: '', created_at: 0 }),
);

export async function pickCostBench(batches: number): Promise<PickCostBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-rating-'));
  const core = await openCore(loadConfig({ DATA_DIR: dir, SEED: '0', LOG_LEVEL: 'silent' }));
  const { store } = core;
  try {
    const n = 150;
    const now = Date.now();
    const wc: NewWorldcupRow = {
      id: 'wcbenchrating',
      owner: 'bench',
      slug: null,
      title: '레이팅 벤치 (bench)',
      description: '',
      visibility: 'public',
      tags: '[]',
      search_text: 'rating bench',
      candidate_count: n,
      cover_image_id: null,
      plays: 0,
      finishes: 0,
      created_at: now,
      updated_at: now,
    };
    const ids = Array.from({ length: n }, (_, i) => `${wc.id}c${String(i).padStart(4, '0')}`);
    const candidates: NewCandidateRow[] = ids.map((id, position) =>
      candidateRow(wc.id, position, { id, name: `후보 ${position + 1}`, text: `candidate ${position + 1}` }),
    );
    await store.transaction((tx) => tx.worldcups.insert(wc, [], candidates));
    const game = (id: string) => gameRow(id, wc.id, { owner: 'bench', size: 1024, created_at: now });
    await store.games.insert(game('gaggregate'), ids.slice(0, 16));
    await store.games.insert(game('grawonly'), ids.slice(0, 16));

    const random = seededRandom(11);
    const theta = Float64Array.from({ length: n }, () => normal(random));
    const pick = () => {
      const a = Math.floor(random() * n);
      let b = Math.floor(random() * (n - 1));
      if (b >= a) b++;
      const aWins = random() < 1 / (1 + Math.exp((theta[b] as number) - (theta[a] as number)));
      return { winnerId: ids[aWins ? a : b] as string, loserId: ids[aWins ? b : a] as string };
    };
    let aggVersion = 0;
    let rawVersion = 0;
    const withAggregate = () =>
      store.transaction(async (tx) => {
        for (let k = 0; k < PICK_BATCH; k++) {
          const p = pick();
          await tx.games.recordPick({ worldcupId: wc.id, gameId: 'gaggregate', version: ++aggVersion, round: 1024, ...p, at: now, counted: true });
          await tx.votes.count(wc.id, 'bracket', p.winnerId, p.loserId, 'win', 1);
        }
      });
    // The same transaction store.transaction opens, running only the pick-row insert.
    const rowOnly = () =>
      store.kysely.transaction().execute(async (trx) => {
        for (let k = 0; k < PICK_BATCH; k++) {
          const p = pick();
          await insertPickOnly.run(trx, ['grawonly', ++rawVersion, wc.id, 1024, p.winnerId, p.loserId, now]);
        }
      });
    // Warm-up: statements prepared, pages cached, every pair cell of the world cup mostly present.
    for (let b = 0; b < 40; b++) {
      await withAggregate();
      await rowOnly();
    }
    const agg: number[] = [];
    const raw: number[] = [];
    for (let b = 0; b < batches; b++) {
      // Alternate which goes first, so both see the same conditions.
      for (const which of b % 2 ? [0, 1] : [1, 0]) {
        const t0 = performance.now();
        await (which === 0 ? withAggregate() : rowOnly());
        (which === 0 ? agg : raw).push(performance.now() - t0);
      }
    }
    const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.kysely);
    const level = Number(sync.rows[0]?.synchronous);
    const counted = await sql<{ w: number }>`select coalesce(sum(lo_wins + hi_wins), 0) as w from pair_counts where worldcup_id = ${wc.id}`.execute(
      store.kysely,
    );
    return {
      picks: batches * PICK_BATCH,
      recordPickUs: (median(agg) * 1000) / PICK_BATCH,
      insertOnlyUs: (median(raw) * 1000) / PICK_BATCH,
      consistent: Number(counted.rows[0]?.w) === aggVersion,
      synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level),
    };
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
