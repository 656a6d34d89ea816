/**
 * Comments on world cups (issue 12): one level of replies, likes, and comments as a second target
 * of the report queue. A deleted comment keeps its row (body emptied, `deleted_at` set) so that the
 * replies under it stay in place and show "deleted"; a world cup's deletion takes all of them.
 */
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../db.js';
import type { AnyDb } from './index.js';
import { columnTypes } from './columns.js';

export function comments(dialect: Dialect): Migration {
  const { time } = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('comments')
        // Time-ordered ids (see services/comments.ts newCommentId): ordering by id is ordering by age.
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        // Null for a root comment; replies always point at a root (one level).
        .addColumn('parent_id', 'text', (c) => c.references('comments.id').onDelete('cascade'))
        // Owner key, like worldcups.owner: `u:<userId>` or the anonymous session's hash.
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
        // Replies not deleted (roots only): a deleted root with none left is no longer listed.
        .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('deleted_at', time)
        .execute();
      // Roots of a world cup, newest first, and by likes ("best"); replies of a root, oldest first.
      await db.schema.createIndex('comments_new').on('comments').columns(['worldcup_id', 'parent_id', 'id']).execute();
      await db.schema.createIndex('comments_best').on('comments').columns(['worldcup_id', 'parent_id', 'like_count', 'id']).execute();
      await db.schema.createIndex('comments_replies').on('comments').columns(['parent_id', 'id']).execute();
      await db.schema.createIndex('comments_author').on('comments').column('author').execute();

      await db.schema
        .createTable('comment_likes')
        .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('liker', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('comment_likes_pk', ['comment_id', 'liker'])
        .execute();
      await db.schema.createIndex('comment_likes_liker').on('comment_likes').column('liker').execute();

      // A comment's badge: its author's latest finished game of the world cup, one index probe per comment.
      await db.schema.createIndex('games_badge').on('games').columns(['worldcup_id', 'owner', 'finished_at']).execute();

      // Reports gain a target: the world cup itself (comment_id null) or one of its comments.
      await db.schema.alterTable('reports').addColumn('comment_id', 'text', (c) => c.references('comments.id').onDelete('cascade')).execute();
      // One open report per reporter and target: the world cup's rule now leaves comment reports out.
      await sql`drop index reports_open_once`.execute(db);
      await sql`create unique index reports_open_once on reports (worldcup_id, reporter) where status = 'open' and comment_id is null`.execute(db);
      await sql`create unique index reports_open_once_comment on reports (comment_id, reporter) where status = 'open' and comment_id is not null`.execute(db);
    },
  };
}
