/**
 * The camps' gap over time: every few votes (see services/rating/gap-points.ts), the mean gap of
 * each camp against the rest, measured from all votes counted until then. A world cup that got 300
 * votes in ten minutes thus has a curve at once, where hourly snapshots would show one point.
 */
import type { Migration } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';
import { columnTypes } from './columns.js';

export function campGaps(dialect: Dialect): Migration {
  const { time } = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('camp_gaps')
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('votes', 'integer', (c) => c.notNull())
        .addColumn('taken_at', time, (c) => c.notNull())
        // JSON object: camp name → [gap, lower, upper] in points (the camp's mean minus the rest's).
        .addColumn('gaps', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('camp_gaps_pk', ['worldcup_id', 'votes'])
        .execute();
    },
  };
}
