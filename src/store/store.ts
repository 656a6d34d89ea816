import type { Kysely } from 'kysely';
import { AccountRepo } from './accounts-repo.js';
import { type Dialect, type DbOptions, openDb } from './db.js';
import { GameRepo } from './games-repo.js';
import { GroupCommitter } from './group-commit.js';
import { migrateToLatest } from './migrations/index.js';
import { RankingRepo } from './ranking-repo.js';
import { ReportRepo } from './reports-repo.js';
import type { Database } from './schema.js';
import { UploadRepo } from './uploads-repo.js';
import { WorldcupRepo } from './worldcups-repo.js';

/** The repositories, bound either to the database or to one transaction. */
export interface Repos {
  worldcups: WorldcupRepo;
  games: GameRepo;
  uploads: UploadRepo;
  ranking: RankingRepo;
  accounts: AccountRepo;
  reports: ReportRepo;
}

export interface Store extends Repos {
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction; commits when it resolves. */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /** Like `transaction`, but shares the transaction (and its commit) with other jobs of the same tick. */
  groupCommit<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
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
  };
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
  const transaction = <T>(fn: (tx: Repos) => Promise<T>): Promise<T> =>
    db.kysely.transaction().execute((trx) => fn(bindRepos(trx, db.dialect)));
  const committer = new GroupCommitter<Repos>(transaction, isExpectedError, () => db.durable());
  return {
    ...bindRepos(db.kysely, db.dialect),
    dialect: db.dialect,
    kysely: db.kysely,
    transaction,
    groupCommit: (fn) => committer.submit(fn),
    close: () => db.close(),
  };
}
