/**
 * Live rooms (issue 14): a room per join code with its bracket as JSON and the current match's
 * voting window as columns (a vote checks them under a shared lock on the row, so a vote and the
 * close that decides the match never cross), and the audience's votes: one per voter and match,
 * replaced when they vote again. A match's tally is counted from its votes (primary-key order
 * makes that a range read).
 */
import type { Migration } from 'kysely';
import type { Dialect } from '../db.js';
import { columnTypes } from './columns.js';
import type { AnyDb } from './index.js';

export function rooms(dialect: Dialect): Migration {
  const { time } = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('rooms')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('match_no', 'integer', (c) => c.notNull())
        .addColumn('opens_at', time)
        .addColumn('closes_at', time)
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();
      // A host's open rooms (the cap), and a world cup's rooms.
      await db.schema.createIndex('rooms_host').on('rooms').columns(['host', 'status']).execute();
      await db.schema.createIndex('rooms_worldcup').on('rooms').columns(['worldcup_id']).execute();
      await db.schema
        .createTable('room_votes')
        .addColumn('code', 'text', (c) => c.notNull().references('rooms.code').onDelete('cascade'))
        .addColumn('match_no', 'integer', (c) => c.notNull())
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('room_votes_pk', ['code', 'match_no', 'voter'])
        .execute();
    },
  };
}
