/**
 * Plain SQL reads of a test database (SQLite file or PostgreSQL), from outside the server that owns
 * it: for tests that check what is stored while `versus serve` runs as its own process. Rows come
 * back as plain records (`select *`), so columns added by later migrations are simply there.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TestDatabase } from './databases.js';

export type Row = Record<string, unknown>;

export interface RawDb {
  /** `sql` with `?` placeholders on SQLite and `$1…` on PostgreSQL; write it with `$n` and it is translated. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** User tables (migration bookkeeping and SQLite's FTS shadow tables excluded). */
  tables(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openRawDb(db: TestDatabase): Promise<RawDb> {
  if (db.databaseUrl) {
    const client = new pg.Client({ connectionString: db.databaseUrl });
    await client.connect();
    return {
      query: async (sql, params = []) => (await client.query(sql, [...params])).rows as Row[],
      tables: async () =>
        (
          (await client.query(
            `select table_name as name from information_schema.tables
             where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by 1`,
          )).rows as { name: string }[]
        ).map((r) => r.name),
      close: () => client.end(),
    };
  }
  const sqlite = new Database(path.join(db.dataDir, 'versus.db'), { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const query = (sql: string, params: readonly unknown[] = []) =>
    Promise.resolve(sqlite.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as Row[]);
  return {
    query,
    tables: async () =>
      (
        (await query(
          `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
           and name not like 'kysely_%' and name not like 'worldcup_search%' order by 1`,
        )) as { name: string }[]
      ).map((r) => r.name),
    close: () => Promise.resolve(void sqlite.close()),
  };
}

/** A value as both dialects agree on it: PostgreSQL's bigint strings and SQLite's numbers compare equal. */
function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `bytes:${createHash('sha256').update(value).digest('hex')}`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return value;
}

export interface TableState {
  rows: number;
  /** sha256 over the rows, each as canonical JSON, sorted: independent of row order. */
  checksum: string;
}

/** Row count and checksum of every user table except `exclude` (e.g. tables a read may legitimately write). */
export async function tableStates(raw: RawDb, exclude: readonly string[] = []): Promise<Record<string, TableState>> {
  const out: Record<string, TableState> = {};
  for (const table of await raw.tables()) {
    if (exclude.includes(table)) continue;
    const rows = await raw.query(`select * from ${table}`);
    const lines = rows
      .map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, canonical(r[k])])))
      .sort();
    out[table] = { rows: rows.length, checksum: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16) };
  }
  return out;
}
