/**
 * `versus backup [FILE]`: a consistent copy of the SQLite database while the server keeps
 * running (SQLite's online backup API copies page by page and restarts when a writer changes a
 * copied page, so the copy is one committed state). PostgreSQL installations use pg_dump.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Config } from '../config.js';

export interface BackupResult {
  file: string;
  bytes: number;
}

/** Where a backup goes when no file is named: DATA_DIR/backups/versus-<UTC time>.db. */
export function defaultBackupFile(dataDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(dataDir, 'backups', `versus-${stamp}.db`);
}

export async function backupSqlite(config: Config, file = defaultBackupFile(config.dataDir)): Promise<BackupResult> {
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump (see README "Backups")');
  }
  const source = path.join(config.dataDir, 'versus.db');
  if (!fs.existsSync(source)) throw new Error(`no database at ${source} (is DATA_DIR right?)`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(file);
  } finally {
    db.close();
  }
  // The copy must open and pass SQLite's own check before we call it a backup.
  const copy = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the backup failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  return { file: path.resolve(file), bytes: fs.statSync(file).size };
}
