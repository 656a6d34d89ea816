import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { CommentsTable, Database } from './schema.js';

export type CommentRow = Selectable<CommentsTable>;
export type NewCommentRow = Pick<CommentRow, 'id' | 'worldcup_id' | 'parent_id' | 'author' | 'body' | 'created_at'>;

/** A listed comment with its badge: the champion of its author's latest finished game of the world cup (null: none). */
export interface CommentListRow extends CommentRow {
  badge_candidate_id: string | null;
}

export type CommentOrder = 'newest' | 'best';

export interface RootFilter {
  worldcupId: string;
  order: CommentOrder;
  /** Keyset cursor of the last row of the previous page: its like count (best) and id. */
  after?: { value: number; id: string } | undefined;
  limit: number;
}

/**
 * The badge as a correlated subquery: one probe of games_badge (worldcup_id, owner, finished_at)
 * per listed comment, inside the page's one query.
 */
function withBadge(eb: ExpressionBuilder<Database, 'comments'>) {
  return eb
    .selectFrom('games')
    .select('games.champion_id')
    .whereRef('games.worldcup_id', '=', 'comments.worldcup_id')
    .whereRef('games.owner', '=', 'comments.author')
    .where('games.finished_at', 'is not', null)
    .orderBy('games.finished_at', 'desc')
    .limit(1)
    .as('badge_candidate_id');
}

export class CommentRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a comment; a reply also counts towards its root's replies (call inside a transaction). */
  async insert(row: NewCommentRow): Promise<void> {
    await this.db.insertInto('comments').values(row).execute();
    if (row.parent_id !== null) {
      await this.db
        .updateTable('comments')
        .set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
        .where('id', '=', row.parent_id)
        .execute();
    }
  }

  get(id: string): Promise<CommentRow | undefined> {
    return this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** One listed comment (a new one, for its live event). */
  getListed(id: string): Promise<CommentListRow | undefined> {
    return this.db.selectFrom('comments').selectAll('comments').select(withBadge).where('comments.id', '=', id).executeTakeFirst();
  }

  /** Root comments of a world cup; deleted ones only while replies remain under them. */
  listRoots(filter: RootFilter): Promise<CommentListRow[]> {
    let q = this.db
      .selectFrom('comments')
      .selectAll('comments')
      .select(withBadge)
      .where('comments.worldcup_id', '=', filter.worldcupId)
      .where('comments.parent_id', 'is', null)
      .where((eb) => eb.or([eb('comments.deleted_at', 'is', null), eb('comments.reply_count', '>', 0)]));
    const { after } = filter;
    if (filter.order === 'newest') {
      if (after) q = q.where('comments.id', '<', after.id);
      return q.orderBy('comments.id', 'desc').limit(filter.limit).execute();
    }
    if (after) {
      q = q.where((eb) =>
        eb.or([eb('comments.like_count', '<', after.value), eb.and([eb('comments.like_count', '=', after.value), eb('comments.id', '<', after.id)])]),
      );
    }
    return q.orderBy('comments.like_count', 'desc').orderBy('comments.id', 'desc').limit(filter.limit).execute();
  }

  /** The first `perRoot` replies (oldest first) of each root, in one query (a window per root). */
  async firstReplies(rootIds: readonly string[], perRoot: number): Promise<CommentListRow[]> {
    if (rootIds.length === 0) return [];
    const ranked = this.db
      .selectFrom('comments')
      .selectAll('comments')
      .select(withBadge)
      .select((eb) => eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('comments.parent_id').orderBy('comments.id')).as('place'))
      .where('comments.parent_id', 'in', [...rootIds])
      .where('comments.deleted_at', 'is', null)
      .as('ranked');
    const rows = await this.db.selectFrom(ranked).selectAll().where('place', '<=', perRoot).orderBy('id').execute();
    return rows.map(({ place: _place, ...row }) => row);
  }

  /** Replies of one root after `afterId`, oldest first. */
  replies(rootId: string, afterId: string | undefined, limit: number): Promise<CommentListRow[]> {
    let q = this.db
      .selectFrom('comments')
      .selectAll('comments')
      .select(withBadge)
      .where('comments.parent_id', '=', rootId)
      .where('comments.deleted_at', 'is', null);
    if (afterId !== undefined) q = q.where('comments.id', '>', afterId);
    return q.orderBy('comments.id').limit(limit).execute();
  }

  /**
   * Marks a comment deleted and empties its body; a reply stops counting towards its root. False
   * when it was already deleted (call inside a transaction).
   */
  async softDelete(comment: Pick<CommentRow, 'id' | 'parent_id'>, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('comments')
      .set({ deleted_at: at, body: '' })
      .where('id', '=', comment.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    if (comment.parent_id !== null) {
      await this.db
        .updateTable('comments')
        .set((eb) => ({ reply_count: eb('reply_count', '-', 1) }))
        .where('id', '=', comment.parent_id)
        .execute();
    }
    return true;
  }

  /** Adds `liker`'s like (idempotent) and returns the comment's like count (call inside a transaction). */
  async like(commentId: string, liker: string, at: number): Promise<number> {
    const inserted = await this.db
      .insertInto('comment_likes')
      .values({ comment_id: commentId, liker, created_at: at })
      .onConflict((oc) => oc.doNothing())
      .returning('comment_id')
      .executeTakeFirst();
    if (inserted) await this.bumpLikes(commentId, 1);
    return this.likeCount(commentId);
  }

  /** Takes `liker`'s like back (idempotent) and returns the comment's like count (call inside a transaction). */
  async unlike(commentId: string, liker: string): Promise<number> {
    const deleted = await this.db.deleteFrom('comment_likes').where('comment_id', '=', commentId).where('liker', '=', liker).executeTakeFirst();
    if (deleted.numDeletedRows > 0n) await this.bumpLikes(commentId, -1);
    return this.likeCount(commentId);
  }

  /** Which of these comments `liker` likes. */
  async likedBy(liker: string, commentIds: readonly string[]): Promise<Set<string>> {
    if (commentIds.length === 0 || liker.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('comment_likes')
      .select('comment_id')
      .where('liker', '=', liker)
      .where('comment_id', 'in', [...commentIds])
      .execute();
    return new Set(rows.map((r) => r.comment_id));
  }

  private async bumpLikes(commentId: string, delta: 1 | -1): Promise<void> {
    await this.db
      .updateTable('comments')
      .set((eb) => ({ like_count: eb('like_count', '+', delta) }))
      .where('id', '=', commentId)
      .execute();
  }

  private async likeCount(commentId: string): Promise<number> {
    const row = await this.db.selectFrom('comments').select('like_count').where('id', '=', commentId).executeTakeFirst();
    return Number(row?.like_count ?? 0);
  }
}
