/**
 * Capabilities stay private: a finished game gets a public, read-only result id of its own (notices
 * and share links carry it, never the game id that lets its player act), and session tokens are
 * signed with a per-site key so that the server accepts only tokens it issued.
 */
import { randomBytes } from 'node:crypto';
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';

export function capabilities(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('games').addColumn('result_id', 'text').execute();
      // Games from before get one too, random and unrelated to their id. Dialect branch: SQLite has
      // randomblob, PostgreSQL gen_random_uuid (built in since 13); both give 128 random bits.
      const random = dialect === 'sqlite' ? sql`lower(hex(randomblob(16)))` : sql`replace(gen_random_uuid()::text, '-', '')`;
      await sql`update games set result_id = ${random}`.execute(db);
      await db.schema.createIndex('games_result').on('games').column('result_id').unique().execute();
      // The key of the sessions' MAC (services/session-tokens.ts); one per site, like ip_salt.
      await sql`insert into site_secrets (name, value) values ('session_key', ${randomBytes(32).toString('base64url')})`.execute(db);
    },
  };
}
