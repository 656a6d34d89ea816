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
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../src/services/errors.js';
import type { Dialect } from '../src/store/db.js';
import type { Database } from '../src/store/schema.js';
import { type Store, openStore } from '../src/store/store.js';
import { type NewCandidateRow, WorldcupRepo, type WorldcupRow } from '../src/store/worldcups-repo.js';
import { createTestDatabase, openTestStore } from '../test/helpers/databases.js';
import { PG_ADMIN_URL } from '../test/helpers/env.js';
import { fmtInt, fmtMs, isMain, log, rng, summarize, table } from './lib.js';

export interface SearchOptions {
  rows: number;
  runs: number;
  /** Per query, both methods together: stop after this long once MIN_RUNS are done. */
  budgetMs: number;
  postgres: boolean;
}

export function searchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SearchOptions {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Math.round(Number(v)) : d);
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

// ---- data -------------------------------------------------------------------------------------

interface Category {
  ko: string[];
  en: string[];
  tags: string[];
  names: string[];
}

const CATEGORIES: Category[] = [
  {
    ko: ['드림카', '스포츠카', '슈퍼카', '전기차', '자동차'],
    en: ['car', 'supercar', 'EV'],
    tags: ['자동차', 'cars'],
    names: ['포르쉐 911', 'Porsche Taycan', '페라리 F40', 'Ferrari 296', '람보르기니 우라칸', 'BMW M3', 'Tesla Model S', '현대 아이오닉 5', '기아 EV6', '제네시스 G90', 'McLaren P1', '벤츠 G바겐', 'Audi R8', '쉐보레 콜벳', 'Toyota Supra', 'Mazda MX-5'],
  },
  {
    ko: ['라면', '컵라면', '국물 라면'],
    en: ['ramen', 'instant noodle'],
    tags: ['음식', 'food', '라면'],
    names: ['신라면', '진라면 매운맛', '불닭볶음면', '짜파게티', '너구리', '안성탕면', '삼양라면', '열라면', '육개장 사발면', 'Nissin Cup Noodle', '오징어짬뽕', '비빔면', '틈새라면', '간짬뽕'],
  },
  {
    ko: ['여자 아이돌', '걸그룹', '보이그룹', '아이돌', '남자 아이돌'],
    en: ['K-pop', 'idol'],
    tags: ['연예', 'k-pop', '아이돌'],
    names: ['뉴진스', '아이브', '르세라핌', '에스파', '블랙핑크', '트와이스', 'BTS', '세븐틴', '스트레이 키즈', '엔하이픈', 'NCT 드림', '있지', '레드벨벳', '투모로우바이투게더', '(여자)아이들', '케플러'],
  },
  {
    ko: ['영화', '한국 영화', '인생 영화', '공포 영화'],
    en: ['movie', 'film'],
    tags: ['영화', 'movies'],
    names: ['기생충', '올드보이', '부산행', '타짜', '살인의 추억', 'Inception', 'Interstellar', 'The Dark Knight', 'Parasite', 'Spirited Away', '너의 이름은', '극한직업', '헤어질 결심', 'La La Land', 'Titanic', '범죄도시'],
  },
  {
    ko: ['분식', '떡볶이', '야식', '한식', '국밥'],
    en: ['Korean food', 'street food'],
    tags: ['음식', 'food'],
    names: ['엽기떡볶이', '국물 떡볶이', '순대', '김말이 튀김', '어묵', '김밥', '라볶이', '치즈볼', '김치찌개', '된장찌개', '비빔밥', '삼겹살', '돼지국밥', '순대국', '양념치킨', '후라이드 치킨'],
  },
  {
    ko: ['포켓몬', '애니 캐릭터', '지브리 캐릭터', '만화 주인공'],
    en: ['anime', 'Pokemon'],
    tags: ['애니', 'anime'],
    names: ['피카츄', '꼬부기', '파이리', '이상해씨', '잠만보', 'Eevee', 'Mewtwo', '토토로', '가오나시', '짱구', '도라에몽', '루피', '나루토', '고죠 사토루', 'Totoro', '키키'],
  },
  {
    ko: ['커피', '카페 음료', '디저트', '빵'],
    en: ['coffee', 'dessert'],
    tags: ['카페', 'food'],
    names: ['아메리카노', '카페라떼', '바닐라라떼', '콜드브루', '에스프레소', 'flat white', '크루아상', '소금빵', '마카롱', '티라미수', '말차 라떼', '딸기 케이크', '붕어빵', '호떡'],
  },
  {
    ko: ['강아지', '고양이', '동물', '강아지 품종'],
    en: ['dog', 'cat'],
    tags: ['동물', 'pets'],
    names: ['골든 리트리버', '웰시코기', '시바견', '진돗개', '푸들', '포메라니안', '비숑', 'Maine Coon', '러시안 블루', '스코티시 폴드', '코숏', '수달', '레서판다', '카피바라'],
  },
  {
    ko: ['여행지', '국내 여행', '해외 여행', '도시'],
    en: ['travel', 'city'],
    tags: ['여행', 'travel'],
    names: ['제주도', '부산', '강릉', '경주', '전주', '도쿄', '오사카', '파리', 'New York', '방콕', '다낭', '바르셀로나', 'London', '하와이', '스위스', '교토'],
  },
  {
    ko: ['축구 선수', '야구팀', '스포츠 스타', 'F1 드라이버'],
    en: ['football', 'NBA player', 'F1 driver'],
    tags: ['스포츠', 'sports'],
    names: ['손흥민', '메시', '호날두', '이강인', '김민재', 'LG 트윈스', '두산 베어스', 'KIA 타이거즈', 'Michael Jordan', 'LeBron James', 'Lewis Hamilton', 'Max Verstappen', '박지성', '류현진'],
  },
  {
    ko: ['게임', '게임 캐릭터', 'RPG 게임', '모바일 게임'],
    en: ['video game', 'game'],
    tags: ['게임', 'games'],
    names: ['리그 오브 레전드', '메이플스토리', '스타크래프트', '오버워치', 'Minecraft', '젤다의 전설', '마리오', 'Elden Ring', '카트라이더', '배틀그라운드', '원신', '로스트아크', 'Tetris', '동물의 숲'],
  },
  {
    ko: ['노래', '발라드', '힙합', '인생곡'],
    en: ['song', 'rapper', 'band'],
    tags: ['음악', 'music'],
    names: ['좋은 날', '밤편지', 'Hype Boy', 'Dynamite', '사건의 지평선', 'Love Dive', '봄날', '취중진담', '응급실', 'Bohemian Rhapsody', '너의 의미', 'Ditto', '눈의 꽃', 'Supernova'],
  },
];

const TITLE_TEMPLATES: ((c: { ko: string; ko2: string; en: string; n: number; year: number }) => string)[] = [
  (c) => `${c.ko} 월드컵`,
  (c) => `최고의 ${c.ko} 월드컵`,
  (c) => `${c.year} ${c.ko} 이상형 월드컵`,
  (c) => `${c.ko} ${c.n}강`,
  (c) => `Best ${c.en} world cup`,
  (c) => `${c.en} 월드컵 ${c.n}강`,
  (c) => `${c.ko} vs ${c.ko2}`,
  (c) => `My favorite ${c.en} ranking`,
  (c) => `${c.ko} 취향 테스트`,
  (c) => `[${c.year}] ${c.ko} 토너먼트`,
];

const DESCRIPTION_TEMPLATES: ((c: { ko: string; en: string; n: number }) => string)[] = [
  (c) => `당신의 최애 ${c.ko}, 골라보세요!`,
  (c) => `Pick your favorite ${c.en}.`,
  (c) => `${c.ko} 중에 하나만 고른다면? ${c.en} fans welcome`,
  (c) => `${c.n}개의 ${c.ko} 중 최고를 가려봅시다`,
  () => '',
  (c) => `친구들과 함께하는 ${c.ko} 밸런스 게임 — share with friends`,
];

function pickOne<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

interface GeneratedWorldcup {
  row: WorldcupRow;
  tags: string[];
  candidates: NewCandidateRow[];
}

/** Row `i` of the deterministic data set (same as src/services/worldcups.ts builds search_text). */
function generate(i: number, r: () => number): GeneratedWorldcup {
  const cat = pickOne(r, CATEGORIES);
  const other = pickOne(r, CATEGORIES);
  const n = pickOne(r, [8, 16, 16, 32, 32, 64]);
  const vars = { ko: pickOne(r, cat.ko), ko2: pickOne(r, other.ko), en: pickOne(r, cat.en), n, year: 2019 + Math.floor(r() * 7) };
  const title = pickOne(r, TITLE_TEMPLATES)(vars);
  const description = pickOne(r, DESCRIPTION_TEMPLATES)(vars);
  const tags = [...new Set(cat.tags.filter(() => r() < 0.6))];
  const id = `sw${i.toString(36).padStart(10, '0')}`;
  // Candidates: the category's names, a few from the other category, then numbered fillers.
  const pool = [...cat.names, ...other.names.slice(0, 3)];
  const count = 8 + Math.floor(r() * 17); // 8–24 rows per world cup keeps the insert quick
  const names: string[] = [];
  for (let k = 0; k < count; k++) names.push(k < pool.length ? (pool[(k * 7 + i) % pool.length] as string) : `${vars.ko} ${k + 1}`);
  const unique = [...new Set(names)];
  const candidates: NewCandidateRow[] = unique.map((name, position) => ({
    id: `${id}c${position}`,
    worldcup_id: id,
    position,
    name,
    group_name: null,
    caption: null,
    image_id: null,
    video_url: null,
    video_id: null,
    video_start: null,
    video_end: null,
    text: null,
    active: 1,
  }));
  const v = r();
  const created = 1_700_000_000_000 + Math.floor(r() * 365 * 24 * 3600 * 1000);
  return {
    row: {
      id,
      owner: `owner${i % 997}`,
      slug: null,
      title,
      description,
      visibility: v < 0.9 ? 'public' : v < 0.97 ? 'unlisted' : 'private',
      tags: JSON.stringify(tags),
      search_text: [title, description, tags.join(' '), unique.join(' ')].join('\n').toLowerCase(),
      candidate_count: unique.length,
      cover_image_id: null,
      // Heavy-tailed popularity: most world cups have a few plays, some have many.
      plays: Math.floor(Math.exp(r() * 11)) - 1,
      finishes: 0,
      created_at: created,
      updated_at: created,
    },
    tags,
    candidates,
  };
}

/**
 * Bulk-inserts the data set straight into the store's tables (multi-row inserts, 250 world cups a
 * statement), writing exactly what WorldcupRepo.insert writes: the row, its tags, its candidates
 * and, on SQLite, its FTS5 copy. The "same 24" check below would catch a divergence.
 */
async function fill(store: Store, rows: number): Promise<number> {
  const r = rng(20_240_601);
  const all = Array.from({ length: rows }, (_, i) => generate(i, r));
  const t0 = performance.now();
  const chunk = 250;
  await store.kysely.transaction().execute(async (db) => {
    for (let i = 0; i < all.length; i += chunk) {
      const slice = all.slice(i, i + chunk);
      await db.insertInto('worldcups').values(slice.map((w) => w.row)).execute();
      const tags = slice.flatMap((w) => w.tags.map((tag) => ({ worldcup_id: w.row.id, tag })));
      if (tags.length > 0) await db.insertInto('worldcup_tags').values(tags).execute();
      const candidates = slice.flatMap((w) => w.candidates);
      // SQLite caps bound parameters per statement; 13 columns × 1000 rows stays well below.
      for (let k = 0; k < candidates.length; k += 1000) await db.insertInto('candidates').values(candidates.slice(k, k + 1000)).execute();
      if (store.dialect === 'sqlite') {
        await db.insertInto('worldcup_search').values(slice.map((w) => ({ worldcup_id: w.row.id, body: w.row.search_text }))).execute();
      }
    }
  });
  return (performance.now() - t0) / 1000;
}

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
  const store = await openStore({ sqlitePath: path.join(dir, 'versus.db') }, (e) => e instanceof AppError);
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
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
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
  else if (!(await postgresReachable())) postgres = { skipped: `not reachable at ${PG_ADMIN_URL}` };
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
