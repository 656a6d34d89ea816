import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** SQLite: the database file (other threads may open it to read). */
  sqlitePath?: string | undefined;
  /**
   * Resolves once every transaction committed before the call is on stable storage. PostgreSQL's
   * COMMIT already guarantees that; for SQLite it fsyncs the WAL on libuv's thread pool.
   */
  durable(): Promise<void>;
  /**
   * SQLite: copies the database to `file` while it stays in use (SQLite's online backup: the copy
   * is one committed state) and checks the copy's integrity. PostgreSQL: refused (use pg_dump).
   */
  backup(file: string): Promise<{ file: string; bytes: number }>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath: string;
}

export function openDb(opts: DbOptions): Db {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.sqlitePath);
}

/**
 * Kysely over one SQLite connection. Kysely prepares every query afresh; the hot path runs the same
 * few statements thousands of times a second, so reuse prepared statements (bounded: ad-hoc SQL
 * must not grow it forever).
 */
function sqliteKysely(sqlite: SqliteDatabase.Database): Kysely<Database> {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const database = {
    prepare(query: string): SqliteDatabase.Statement {
      let statement = statements.get(query);
      if (!statement) {
        statement = sqlite.prepare(query);
        if (statements.size >= 500) statements.clear();
        statements.set(query, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/**
 * A read-only connection to an open SQLite database, for another thread: WAL readers see every
 * committed transaction and never block the writer (the rating workers read a big world cup's
 * pair cells this way, off the event loop).
 */
export function openSqliteReader(file: string): Kysely<Database> {
  const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('mmap_size = 268435456');
  return sqliteKysely(sqlite);
}

function openSqlite(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL: readers never block the writer and a commit is one append, not a page rewrite.
  sqlite.pragma('journal_mode = WAL');
  // NORMAL: COMMIT appends to the WAL without fsync, so the event loop never blocks on the disk.
  // Durability comes from durable() below: group commit fsyncs the WAL off the main thread before
  // it acknowledges a batch, so an acknowledged pick still survives power loss (what FULL would
  // give, minus a blocking fsync per commit). Checkpoints still sync the WAL and database first.
  sqlite.pragma('synchronous = NORMAL');
  // Another process (the CLI, a backup) holding the lock makes us wait instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  // SQLite leaves foreign keys off by default; we rely on them for cascading deletes.
  sqlite.pragma('foreign_keys = ON');
  // Keep the hot B-tree pages (games, picks, pair cells) in memory: the default 2 MB cache makes a
  // busy world cup's random-key inserts read pages back through system calls.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  const kysely = sqliteKysely(sqlite);
  // The WAL keeps its inode while the database is open (SQLite only deletes it at the last close),
  // so one read-only handle can fsync it for the whole run.
  let wal: Promise<fs.promises.FileHandle> | undefined;
  const durable = async (): Promise<void> => {
    wal ??= fs.promises.open(`${file}-wal`, 'r');
    await (await wal).datasync();
  };
  const backup = async (target: string): Promise<{ file: string; bytes: number }> => {
    if (fs.existsSync(target)) throw new Error(`${target} already exists; choose a new file`);
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    await sqlite.backup(target);
    // The copy must open and pass SQLite's own check before we call it a backup.
    const copy = new SqliteDatabase(target, { readonly: true, fileMustExist: true });
    try {
      const check: unknown = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    return { file: path.resolve(target), bytes: fs.statSync(target).size };
  };
  return {
    kysely,
    dialect: 'sqlite',
    sqlitePath: file,
    durable,
    backup,
    async close() {
      await kysely.destroy();
      if (wal) await (await wal).close();
    },
  };
}

function openPostgres(url: string): Db {
  // int8 (counts, epoch-ms times) as JS numbers: every value we store is far below 2^53.
  const parseInt8 = (v: string): number => Number(v);
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? parseInt8 : (pg.types.getTypeParser(oid, format) as (v: string) => unknown)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  // An idle client that loses its connection emits 'error'; without a listener that would crash the process.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    durable: () => Promise.resolve(),
    backup: () => Promise.reject(new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump (see README "Backups")')),
    close: () => kysely.destroy(),
  };
}
