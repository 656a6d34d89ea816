/**
 * Arena mode (issue 13): battles (a pair drawn by the server for one voter, and that voter's one
 * answer), prompts with one response per candidate, each world cup's arena settings, and pair
 * cells per prompt category, so that every category has a leaderboard of its own read from
 * maintained counts. Existing cells belong to no category ('').
 */
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../db.js';
import { columnTypes } from './columns.js';
import type { AnyDb } from './index.js';

export function arena(dialect: Dialect): Migration {
  const { time } = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      // JSON of the settings that differ from the defaults (shared/arena-settings.ts).
      await db.schema.alterTable('worldcups').addColumn('arena', 'text', (c) => c.notNull().defaultTo('{}')).execute();

      await db.schema
        .createTable('prompts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('prompts_worldcup').on('prompts').columns(['worldcup_id', 'category', 'position']).execute();
      await db.schema
        .createTable('prompt_responses')
        .addColumn('prompt_id', 'text', (c) => c.notNull().references('prompts.id').onDelete('cascade'))
        .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
        .addColumn('text', 'text')
        .addColumn('image_id', 'text')
        .addPrimaryKeyConstraint('prompt_responses_pk', ['prompt_id', 'candidate_id'])
        .execute();

      await db.schema
        .createTable('battles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        // Owner key of the voter it was drawn for: only they can answer it.
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('ip_key', 'text')
        .addColumn('left_id', 'text', (c) => c.notNull())
        .addColumn('right_id', 'text', (c) => c.notNull())
        .addColumn('prompt_id', 'text', (c) => c.references('prompts.id').onDelete('set null'))
        .addColumn('category', 'text')
        .addColumn('blind', 'integer', (c) => c.notNull())
        // The probability with which the sampler drew this pair (README "Arena": reweighting).
        .addColumn('probability', 'real', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('decided_at', time)
        // 'left' | 'right' | 'tie' | 'both_bad' | 'skip'; null while open.
        .addColumn('choice', 'text')
        // The vote's source as counted: 'blind' or 'arena' (a blind battle whose names the voter had seen counts as 'arena').
        .addColumn('source', 'text')
        // 1 when the vote is in the pair cells; 0 for skips and votes fair play excluded.
        .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('flagged', 'text')
        .execute();
      // A voter's recent battles (the daily cap), and the battles of a world cup's pair a voter has had.
      await db.schema.createIndex('battles_owner').on('battles').columns(['owner', 'decided_at']).execute();
      await db.schema.createIndex('battles_pair').on('battles').columns(['worldcup_id', 'owner', 'left_id', 'right_id']).execute();
      // A world cup's battles in id order: votes.jsonl pages through them.
      await db.schema.createIndex('battles_worldcup').on('battles').columns(['worldcup_id', 'id']).execute();

      if (dialect === 'postgres') {
        await db.schema.alterTable('pair_counts').addColumn('category', 'text', (c) => c.notNull().defaultTo('')).execute();
        await sql`alter table pair_counts drop constraint pair_counts_pk`.execute(db);
        await db.schema.alterTable('pair_counts').addPrimaryKeyConstraint('pair_counts_pk', ['worldcup_id', 'lo_id', 'hi_id', 'source', 'category']).execute();
        return;
      }
      // Dialect branch: SQLite cannot change a primary key in place; the table is rebuilt and copied.
      await db.schema
        .createTable('pair_counts_by_category')
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('lo_id', 'text', (c) => c.notNull())
        .addColumn('hi_id', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull().defaultTo('bracket'))
        .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('lo_wins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('hi_wins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ties', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('pair_counts_pk', ['worldcup_id', 'lo_id', 'hi_id', 'source', 'category'])
        .execute();
      await sql`insert into pair_counts_by_category (worldcup_id, lo_id, hi_id, source, category, lo_wins, hi_wins, ties)
        select worldcup_id, lo_id, hi_id, source, '', lo_wins, hi_wins, ties from pair_counts`.execute(db);
      await db.schema.dropTable('pair_counts').execute();
      await sql`alter table pair_counts_by_category rename to pair_counts`.execute(db);
    },
  };
}
