/**
 * Search latency on 10,000 world cups: `WorldcupRepo.list({ sort: 'popular', q, limit: 24 })`
 * next to a plain scan baseline, on SQLite (FTS5 trigram vs `LIKE '%q%'`) and, when reachable,
 * PostgreSQL (pg_trgm GIN vs the same query with index and bitmap scans disabled).
 *
 * Data: deterministic (seeded), realistic mixed Korean/English titles, descriptions, tags and
 * candidate names (8–24 per world cup), bulk-inserted into a fresh store's tables (see fill()).
 * Each query: a few warm-up runs, then `runs` timed runs of the repo and of the baseline,
 * interleaved so both see the same conditions; both must return the same 24 ids.
 *
 * Env: BENCH_SEARCH_ROWS (10000), BENCH_SEARCH_RUNS (200), BENCH_SEARCH_BUDGET_MS (3000 per query,
 *      at least 50 runs), BENCH_PG=0 skips PostgreSQL,
 *      TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test) is the admin connection.
 * Standalone: tsx bench/search.ts
 * The data set and its bulk insert live in bench/search-data.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openCore } from '../src/core.js';
import type { Dialect } from '../src/store/db.js';
import type { Database } from '../src/store/schema.js';
import type { Store } from '../src/store/store.js';
import { WorldcupRepo, type WorldcupRow } from '../src/store/worldcups-repo.js';
import { createTestDatabase, openTestStore } from '../test/helpers/databases.js';
import { PG_ADMIN_URL, canReachPostgres } from '../test/helpers/env.js';
import { envNumber, fmtInt, fmtMs, isMain, log, summarize, table } from './lib.js';
import { fill } from './search-data.js';

export interface SearchOptions {
  rows: number;
  runs: number;
  /** Per query, both methods together: stop after this long once MIN_RUNS are done. */
  budgetMs: number;
  postgres: boolean;
}

export function searchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SearchOptions {
  const num = (v: string | undefined, d: number) => Math.round(envNumber(v, d));
  return {
    rows: num(env.BENCH_SEARCH_ROWS, 10_000),
    runs: num(env.BENCH_SEARCH_RUNS, 200),
    budgetMs: num(env.BENCH_SEARCH_BUDGET_MS, 3_000),
    postgres: env.BENCH_PG !== '0',
  };
}

/** The queries, each with what it exercises. */
export const QUERIES: { q: string; kind: string }[] = [
  { q: '드림', kind: '2-char Korean' },
  { q: '떡볶이', kind: '3-char Korean' },
  { q: '월드컵', kind: '3-char Korean, very common' },
  { q: '여자 아이돌', kind: 'Korean phrase' },
  { q: 'movie', kind: 'English' },
  { q: 'porsche', kind: 'English (candidate name)' },
  { q: '양자역학', kind: 'no hits' },
];

// ---- measurement ------------------------------------------------------------------------------

const MIN_RUNS = 50;

type Lister = (q: string) => Promise<{ id: string }[]>;

export interface QueryResult {
  q: string;
  kind: string;
  hits: number;
  returned: number;
  /** Timed runs of each method. */
  n: number;
  repo: { p50: number; p99: number };
  baseline: { p50: number; p99: number };
  sameResults: boolean;
  repoPlan: string;
  baselinePlan: string;
}

export interface DialectResult {
  dialect: Dialect;
  rows: number;
  insertS: number;
  repoLabel: string;
  baselineLabel: string;
  queries: QueryResult[];
}

const escapeLike = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function measure(
  queries: typeof QUERIES,
  runs: number,
  budgetMs: number,
  repo: Lister,
  baseline: Lister,
  hits: (q: string) => Promise<number>,
  plans: (q: string) => Promise<{ repo: string; baseline: string }>,
): Promise<QueryResult[]> {
  const out: QueryResult[] = [];
  for (const { q, kind } of queries) {
    const a = await repo(q);
    const b = await baseline(q);
    const sameResults = a.length === b.length && a.every((row, i) => row.id === b[i]?.id);
    for (let i = 0; i < 5; i++) {
      await repo(q);
      await baseline(q);
    }
    const tr: number[] = [];
    const tb: number[] = [];
    // ~200 runs each, unless a slow baseline would blow the time budget (then at least MIN_RUNS).
    const started = performance.now();
    for (let i = 0; i < runs && (i < MIN_RUNS || performance.now() - started < budgetMs); i++) {
      // Alternate which goes first, so neither always runs on a cache the other just warmed.
      const first = i % 2 === 0;
      for (const which of first ? [0, 1] : [1, 0]) {
        const t0 = performance.now();
        await (which === 0 ? repo(q) : baseline(q));
        (which === 0 ? tr : tb).push(performance.now() - t0);
      }
    }
    const sr = summarize(tr);
    const sb = summarize(tb);
    const plan = await plans(q);
    out.push({
      q,
      kind,
      hits: await hits(q),
      returned: a.length,
      n: tr.length,
      repo: { p50: sr.p50, p99: sr.p99 },
      baseline: { p50: sb.p50, p99: sb.p99 },
      sameResults,
      repoPlan: plan.repo,
      baselinePlan: plan.baseline,
    });
  }
  return out;
}

async function sqliteBench(opts: SearchOptions): Promise<DialectResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-search-'));
  const core = await openCore(loadConfig({ DATA_DIR: dir, SEED: '0', LOG_LEVEL: 'silent' }));
  const { store } = core;
  try {
    const insertS = await fill(store, opts.rows);
    await sql`ANALYZE`.execute(store.kysely);
    const limit = 24;
    const repo: Lister = (q) => store.worldcups.list({ sort: 'popular', q, limit });
    // The baseline: the plain LIKE scan (what the repo itself does for 1–2 character needles).
    const baseline: Lister = async (q) =>
      (
        await sql<WorldcupRow>`select * from worldcups where visibility = 'public' and search_text like ${escapeLike(q)} escape '\\'
          order by plays desc, id desc limit ${limit}`.execute(store.kysely)
      ).rows;
    const hits = async (q: string) =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from worldcups where visibility = 'public' and search_text like ${escapeLike(q)} escape '\\'`.execute(
            store.kysely,
          )
        ).rows[0]?.n ?? 0,
      );
    const explain = async (query: RawBuilder<unknown>) =>
      (await sql<{ detail: string }>`explain query plan ${query}`.execute(store.kysely)).rows
        .map((r) => r.detail.replace(/USING (COVERING )?INDEX /, '').replace('VIRTUAL TABLE INDEX 0:', 'FTS '))
        .join('; ');
    const plans = async (q: string) => {
      const needle = q.toLowerCase();
      const repoSql =
        [...needle].length >= 3
          ? sql`select * from worldcups where visibility = 'public' and id in (select worldcup_id from worldcup_search where worldcup_search match ${`"${needle.replace(/"/g, '""')}"`}) order by plays desc, id desc limit 24`
          : sql`select * from worldcups where visibility = 'public' and search_text like ${escapeLike(q)} escape '\\' order by plays desc, id desc limit 24`;
      const baseSql = sql`select * from worldcups where visibility = 'public' and search_text like ${escapeLike(q)} escape '\\' order by plays desc, id desc limit 24`;
      return { repo: await explain(repoSql), baseline: await explain(baseSql) };
    };
    return {
      dialect: 'sqlite',
      rows: opts.rows,
      insertS,
      repoLabel: 'WorldcupRepo.list (FTS5 trigram; LIKE for < 3 chars)',
      baselineLabel: "plain LIKE '%q%'",
      queries: await measure(QUERIES, opts.runs, opts.budgetMs, repo, baseline, hits, plans),
    };
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface PgPlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PgPlanNode[];
}

function pgPlanLabel(node: PgPlanNode): string {
  const parts: string[] = [];
  const walk = (n: PgPlanNode) => {
    if (n['Node Type'] !== 'Limit') parts.push(n['Index Name'] ? `${n['Node Type']} ${n['Index Name']}` : n['Node Type']);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(node);
  return parts.join(' > ');
}

async function postgresBench(opts: SearchOptions): Promise<DialectResult> {
  const db = await createTestDatabase('postgres');
  const onSignal = () => {
    void db.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  let store: Store | undefined;
  let seqDb: Kysely<Database> | undefined;
  try {
    store = await openTestStore(db);
    const s = store;
    // Loading 10k rows into a live GIN index is several times slower than building the index
    // afterwards; drop the table's GIN indexes (whatever the migrations made) and rebuild them.
    const gin = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename = 'worldcups' and indexdef ilike '%using gin%'`.execute(s.kysely);
    for (const ix of gin.rows) await sql`drop index ${sql.id(ix.indexname)}`.execute(s.kysely);
    const insertS = await fill(s, opts.rows);
    const t0 = performance.now();
    for (const ix of gin.rows) await sql.raw(ix.indexdef).execute(s.kysely);
    const indexS = (performance.now() - t0) / 1000;
    if (gin.rows.length === 0) log('note: no GIN index on worldcups; the repo path has no trigram index to use');
    await sql`ANALYZE`.execute(s.kysely);
    // The baseline runs the very same repository code on connections whose planner may not use
    // index or bitmap scans: a sequential scan of the table for every query.
    const noIndex = '-c enable_bitmapscan=off -c enable_indexscan=off -c enable_indexonlyscan=off';
    seqDb = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: db.databaseUrl, max: 2, options: noIndex }) }),
    });
    const seqRepo = new WorldcupRepo(seqDb, 'postgres');
    const limit = 24;
    const repo: Lister = (q) => s.worldcups.list({ sort: 'popular', q, limit });
    const baseline: Lister = (q) => seqRepo.list({ sort: 'popular', q, limit });
    const hits = async (q: string) =>
      Number(
        (
          await sql<{ n: number }>`select count(*)::int as n from worldcups where visibility = 'public' and search_text ilike ${escapeLike(q)} escape '\\'`.execute(
            s.kysely,
          )
        ).rows[0]?.n ?? 0,
      );
    const explainOn = async (k: Kysely<Database>, q: string) => {
      const res = await sql<{ 'QUERY PLAN': { Plan: PgPlanNode }[] }>`explain (format json) select * from worldcups
        where visibility = 'public' and search_text ILIKE ${escapeLike(q)} ESCAPE '\\' order by plays desc, id desc limit ${limit}`.execute(k);
      const plan = res.rows[0]?.['QUERY PLAN'][0]?.Plan;
      return plan ? pgPlanLabel(plan) : '?';
    };
    const seq = seqDb;
    const plans = async (q: string) => ({ repo: await explainOn(s.kysely, q), baseline: await explainOn(seq, q) });
    return {
      dialect: 'postgres',
      rows: opts.rows,
      insertS: insertS + indexS,
      repoLabel: 'WorldcupRepo.list (ILIKE, pg_trgm GIN)',
      baselineLabel: 'same query, index/bitmap scans off',
      queries: await measure(QUERIES, opts.runs, opts.budgetMs, repo, baseline, hits, plans),
    };
  } finally {
    process.removeListener('SIGINT', onSignal);
    await seqDb?.destroy();
    await store?.close();
    await db.drop();
  }
}

export interface SearchResult {
  options: SearchOptions;
  sqlite: DialectResult;
  postgres: DialectResult | { skipped: string };
}

export function printDialect(r: DialectResult): void {
  log(`\n${r.dialect}: ${fmtInt(r.rows)} world cups inserted in ${r.insertS.toFixed(1)} s; repo = ${r.repoLabel}; baseline = ${r.baselineLabel}`);
  log(
    table(
      ['q', 'kind', 'hits', 'n', 'repo p50', 'repo p99', 'base p50', 'base p99', 'speed-up p50', 'same 24', 'repo plan'],
      r.queries.map((x) => [
        x.q,
        x.kind,
        fmtInt(x.hits),
        String(x.n),
        fmtMs(x.repo.p50),
        fmtMs(x.repo.p99),
        fmtMs(x.baseline.p50),
        fmtMs(x.baseline.p99),
        `${(x.baseline.p50 / x.repo.p50).toFixed(1)}×`,
        x.sameResults ? 'yes' : 'NO',
        x.repoPlan,
      ]),
      [2, 3, 4, 5, 6, 7, 8],
    ),
  );
  log(`(times in ms; n = timed runs of each method; baseline plan: ${[...new Set(r.queries.map((x) => x.baselinePlan))].join(' | ')})`);
  for (const x of r.queries) if (!x.sameResults) log(`!! ${r.dialect} "${x.q}": repo and baseline returned different rows`);
  if (r.queries.every((x) => x.hits === 0)) log(`!! ${r.dialect}: no query found anything; the data set is wrong`);
}

export async function runSearchBench(opts: SearchOptions = searchOptionsFromEnv()): Promise<SearchResult> {
  log(`\n## search: ${fmtInt(opts.rows)} world cups, list({ sort: 'popular', q, limit: 24 }), ${opts.runs} timed runs per query and method`);
  const sqlite = await sqliteBench(opts);
  printDialect(sqlite);
  let postgres: DialectResult | { skipped: string };
  if (!opts.postgres) postgres = { skipped: 'BENCH_PG=0' };
  else if (!(await canReachPostgres())) postgres = { skipped: `not reachable at ${PG_ADMIN_URL}` };
  else {
    postgres = await postgresBench(opts);
    printDialect(postgres);
  }
  if ('skipped' in postgres) log(`\npostgres: skipped (${postgres.skipped})`);
  return { options: opts, sqlite, postgres };
}

if (isMain(import.meta.url)) {
  runSearchBench().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
