/**
 * Votes by source: a pair cell per (world cup, pair, source) — 'bracket' for picks of games, and
 * later arena battles and live rooms — so counts can be told apart by where they came from while
 * the ranking sums them. Existing cells are all bracket votes.
 */
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';

export function voteSources(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === 'postgres') {
        await db.schema.alterTable('pair_counts').addColumn('source', 'text', (c) => c.notNull().defaultTo('bracket')).execute();
        await sql`alter table pair_counts drop constraint pair_counts_pk`.execute(db);
        await db.schema.alterTable('pair_counts').addPrimaryKeyConstraint('pair_counts_pk', ['worldcup_id', 'lo_id', 'hi_id', 'source']).execute();
        return;
      }
      // Dialect branch: SQLite cannot change a primary key in place; the table is rebuilt and copied.
      await db.schema
        .createTable('pair_counts_by_source')
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('lo_id', 'text', (c) => c.notNull())
        .addColumn('hi_id', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull().defaultTo('bracket'))
        .addColumn('lo_wins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('hi_wins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ties', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('pair_counts_pk', ['worldcup_id', 'lo_id', 'hi_id', 'source'])
        .execute();
      await sql`insert into pair_counts_by_source (worldcup_id, lo_id, hi_id, source, lo_wins, hi_wins, ties)
        select worldcup_id, lo_id, hi_id, 'bracket', lo_wins, hi_wins, ties from pair_counts`.execute(db);
      await db.schema.dropTable('pair_counts').execute();
      await sql`alter table pair_counts_by_source rename to pair_counts`.execute(db);
    },
  };
}
