/**
 * `versus backup [FILE]`: a consistent copy of the SQLite database while the server keeps
 * running (SQLite's online backup API copies page by page and restarts when a writer changes a
 * copied page, so the copy is one committed state). PostgreSQL installations use pg_dump.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { openCore, sqlitePathOf } from '../core.js';

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
  // Opening the core would create an empty database where there is none: say so instead.
  const source = sqlitePathOf(config);
  if (!fs.existsSync(source)) throw new Error(`no database at ${source} (is DATA_DIR right?)`);
  const core = await openCore({ ...config, seed: false });
  try {
    return await core.store.backup(file);
  } finally {
    await core.close();
  }
}
