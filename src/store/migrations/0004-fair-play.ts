/** Fair play: flagged games, picks that do not count, and excluded-vote counters. */
import { randomBytes } from 'node:crypto';
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';

// Every column here means the same on both dialects, so the dialect is not consulted.
export function fairPlay(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // Why a game stopped counting ('too_fast', 'too_many_games'); null for a fair game. Sticky.
      await db.schema.alterTable('games').addColumn('flagged', 'text').execute();
      // A salted hash of the player's address, never the address itself: only compared for equality.
      await db.schema.alterTable('games').addColumn('ip_key', 'text').execute();
      // "Games started in the last hour on this world cup by this session / this address".
      await db.schema.createIndex('games_wc_owner_started').on('games').columns(['worldcup_id', 'owner', 'created_at']).execute();
      await db.schema.createIndex('games_wc_ip_started').on('games').columns(['worldcup_id', 'ip_key', 'created_at']).execute();

      // 1 while the pick is in pair_counts (unless undone); 0 for a flagged game's picks. Existing picks counted.
      await db.schema.alterTable('picks').addColumn('counted', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      // Picks stored but not counted, shown beside the ranking (one SQLite ALTER adds one column).
      await db.schema.alterTable('worldcups').addColumn('excluded_votes', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      // The salt of ip_key, one per site so that every instance hashes an address alike. Kept in the
      // database (not the configuration) so that nobody has to set it and a backup keeps it.
      await db.schema
        .createTable('site_secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into site_secrets (name, value) values ('ip_salt', ${randomBytes(32).toString('base64url')})`.execute(db);
    },
  };
}
