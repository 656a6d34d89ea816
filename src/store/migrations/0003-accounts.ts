/** Accounts, their sessions, reports, and admin-hidden world cups. */
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';
import { columnTypes } from './columns.js';

export function accounts(dialect: Dialect): Migration {
  // bigint for epoch milliseconds on PostgreSQL (its integer is 32-bit), as in 0001.
  const { time } = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        // NFKC, lower-cased: "Alice", "ALICE" and full-width "ａｌｉｃｅ" are one account.
        .addColumn('username_key', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().defaultTo('user'))
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('auth_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();
      await db.schema.createIndex('auth_sessions_expires').on('auth_sessions').column('expires_at').execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('reporter', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('text', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('resolved_at', time)
        .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .execute();
      // One open report per reporter and world cup; a partial unique index (both dialects have them)
      // lets the same person report again once the first report was dealt with.
      await db.schema
        .createIndex('reports_open_once')
        .on('reports')
        .columns(['worldcup_id', 'reporter'])
        .unique()
        .where(sql.ref('status'), '=', 'open')
        .execute();
      await db.schema.createIndex('reports_queue').on('reports').columns(['status', 'created_at', 'id']).execute();
      await db.schema.createIndex('reports_reporter').on('reports').column('reporter').execute();
      await db.schema.createIndex('reports_worldcup').on('reports').column('worldcup_id').execute();

      // Set by an admin; null for every world cup that is not hidden. Lists filter on it as a
      // residual condition: hidden world cups are few, so no index of its own.
      await db.schema.alterTable('worldcups').addColumn('hidden_at', time).execute();

      // Signing up hands an anonymous session's uploads and games to the account (worldcups.owner
      // is indexed since 0001): without these, every sign-up and log-in would scan both tables.
      await db.schema.createIndex('uploads_owner').on('uploads').column('owner').execute();
      await db.schema.createIndex('games_owner').on('games').column('owner').execute();
    },
  };
}
