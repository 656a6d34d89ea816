import { type Kysely, sql } from 'kysely';
import { AccountRepo } from './accounts-repo.js';
import { ArenaRepo } from './arena-repo.js';
import { RoomsRepo } from './rooms-repo.js';
import { CommentRepo } from './comments-repo.js';
import { type Dialect, type DbOptions, openDb } from './db.js';
import { ReferenceGone, isForeignKeyViolation } from './errors.js';
import { GameRepo } from './games-repo.js';
import { GroupCommitter } from './group-commit.js';
import { migrateToLatest } from './migrations/index.js';
import { RankingRepo } from './ranking-repo.js';
import { ReportRepo } from './reports-repo.js';
import type { Database } from './schema.js';
import { UploadRepo } from './uploads-repo.js';
import { VotesRepo } from './votes-repo.js';
import { WorldcupRepo } from './worldcups-repo.js';

/** The repositories, bound either to the database or to one transaction. */
export interface Repos {
  worldcups: WorldcupRepo;
  games: GameRepo;
  uploads: UploadRepo;
  ranking: RankingRepo;
  accounts: AccountRepo;
  reports: ReportRepo;
  votes: VotesRepo;
  comments: CommentRepo;
  arena: ArenaRepo;
  rooms: RoomsRepo;
}

export interface Store extends Repos {
  readonly dialect: Dialect;
  /** SQLite: the database file, which other threads may open read-only (see openSqliteReader). */
  readonly sqlitePath?: string | undefined;
  /**
   * Runs `fn` in one transaction; commits when it resolves. On PostgreSQL `fn` runs again when the
   * database aborts the transaction (a deadlock; or it gave way to group commit, see openStore), so
   * it must only write through `tx`.
   */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /** Like `transaction`, but shares the transaction (and its commit) with other jobs of the same tick. */
  groupCommit<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /** SQLite: an online, integrity-checked copy of the database to `file` (see db.ts); PostgreSQL refuses. */
  backup(file: string): Promise<{ file: string; bytes: number }>;
  /** Raw Kysely handle, for tests and maintenance tools that check the stored data directly. */
  readonly kysely: Kysely<Database>;
  close(): Promise<void>;
}

function bindRepos(db: Kysely<Database>, dialect: Dialect): Repos {
  return {
    worldcups: new WorldcupRepo(db, dialect),
    games: new GameRepo(db),
    uploads: new UploadRepo(db),
    ranking: new RankingRepo(db),
    accounts: new AccountRepo(db),
    reports: new ReportRepo(db),
    votes: new VotesRepo(db),
    comments: new CommentRepo(db),
    arena: new ArenaRepo(db),
    rooms: new RoomsRepo(db, dialect),
  };
}

/**
 * SQLSTATEs with which PostgreSQL aborts a transaction that did nothing wrong, so that running it
 * again is the fix: a deadlock (40P01: two transactions took the same rows' locks in opposite
 * orders, e.g. two edits updating a world cup's candidates in different orders, or a pick batch
 * finishing games of it meanwhile), a serialization failure (40001), and a lock wait that ran out
 * (55P03: raised only where we set a lock_timeout, see `transaction` below).
 */
const RETRYABLE = new Set(['40P01', '40001', '55P03']);
const MAX_ATTEMPTS = 8;
/** The first attempts of a `transaction` give up any row lock they wait for longer than LOCK_WAIT. */
const YIELDING_ATTEMPTS = 4;
const LOCK_WAIT = '50ms';

const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && RETRYABLE.has(String(error.code));

/**
 * Runs a transaction again (up to MAX_ATTEMPTS in all) when PostgreSQL aborted it, after a short
 * random pause that grows with each attempt, so the two sides of a deadlock do not meet again in
 * step. This is why a job given to `transaction` or `groupCommit` must be safe to run twice: it
 * only writes through its `tx`, and anything else it does is to values it computes afresh.
 * SQLite has one writer at a time and no row locks: nothing there to retry.
 */
async function withRetries<T>(dialect: Dialect, run: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      // A foreign key refused a row whose parent a concurrent transaction deleted: not a retry, a 404.
      if (isForeignKeyViolation(error)) throw new ReferenceGone(error);
      if (dialect !== 'postgres' || attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/**
 * Opens the database, migrates it to the latest schema and returns the store.
 * `isExpectedError` tells group commit which job errors are client errors (see group-commit.ts).
 */
export async function openStore(opts: DbOptions, isExpectedError: (e: unknown) => boolean): Promise<Store> {
  const db = openDb(opts);
  try {
    await migrateToLatest(db.kysely as unknown as Kysely<unknown>, db.dialect);
  } catch (error) {
    await db.close();
    throw error;
  }
  const { kysely, dialect } = db;
  // Group commit's batches: the hot path (every pick), so they wait for whatever lock they need.
  const batch = <T>(fn: (tx: Repos) => Promise<T>): Promise<T> =>
    withRetries(dialect, () => kysely.transaction().execute((trx) => fn(bindRepos(trx, dialect))));
  // Any other transaction (an edit, a delete, a sign-up) gives way to them on PostgreSQL: in a lock
  // cycle with a batch, PostgreSQL only steps in after deadlock_timeout (1 s by default), a second
  // in which every pick of this instance waits. Its first attempts rather give up a lock they wait
  // for longer than a batch takes, roll back and run again; the later ones wait as long as needed.
  const transaction = <T>(fn: (tx: Repos) => Promise<T>): Promise<T> =>
    withRetries(dialect, (attempt) =>
      kysely.transaction().execute(async (trx) => {
        if (dialect === 'postgres' && attempt <= YIELDING_ATTEMPTS) await sql`select set_config('lock_timeout', ${LOCK_WAIT}, true)`.execute(trx);
        return fn(bindRepos(trx, dialect));
      }),
    );
  const committer = new GroupCommitter<Repos>(batch, isExpectedError, () => db.durable());
  return {
    ...bindRepos(kysely, dialect),
    dialect,
    sqlitePath: db.sqlitePath,
    kysely,
    transaction,
    groupCommit: (fn) => committer.submit(fn),
    backup: (file) => db.backup(file),
    close: () => db.close(),
  };
}
