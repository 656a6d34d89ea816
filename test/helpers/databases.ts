import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { AppError } from '../../src/services/errors.js';
import type { Dialect } from '../../src/store/db.js';
import { type Store, openStore } from '../../src/store/store.js';
import { PG_ADMIN_URL } from './env.js';

export interface TestDatabase {
  dialect: Dialect;
  /** DATABASE_URL for PostgreSQL, undefined for SQLite. */
  databaseUrl: string | undefined;
  /** A fresh data directory (the SQLite file, when SQLite, lives in it). */
  dataDir: string;
  drop(): Promise<void>;
}

/** A brand-new empty database of the given dialect, unique to the caller; drop() removes it. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-test-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') return { dialect, databaseUrl: undefined, dataDir, drop: () => Promise.resolve(removeDir()) };
  const name = `versus_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
        removeDir();
      }
    },
  };
}

export async function openTestStore(db: TestDatabase): Promise<Store> {
  return openStore(
    { databaseUrl: db.databaseUrl, sqlitePath: path.join(db.dataDir, 'versus.db') },
    (e) => e instanceof AppError,
  );
}
