/**
 * Comments on world cups (README "Comments"): a root comment or a one-level reply, likes, deletion
 * by the author, the world cup's owner or an admin, and each comment's badge — the champion of its
 * author's latest finished game of the world cup, read with the page (one subquery per row in the
 * page's one query), so it follows their latest game. Who may see comments is who may see the world
 * cup; its stream carries new comments, deletions and like counts live (services/live.ts).
 *
 * A deleted comment keeps its row with the text removed: replies under it stay, and it shows as
 * deleted while any remain; a deleted reply or childless root drops out of the lists.
 */
import { randomBytes } from 'node:crypto';
import type { Comment, CommentPage, CommentsQuery, CreateCommentInput, LikeState, ReplyPage, RepliesQuery } from '../shared/comments.js';
import { INLINE_REPLIES } from '../shared/comments.js';
import type { CommentListRow, CommentRow } from '../store/comments-repo.js';
import type { Store } from '../store/store.js';
import type { WorldcupRow } from '../store/worldcups-repo.js';
import { type Access, type Viewer, isAuthor, requireActor } from './access.js';
import type { CandidateCache } from './candidate-cache.js';
import { presentComments } from './comment-present.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { DomainEventBus } from './domain-events.js';
import { notFound } from './errors.js';
import type { WorldCupService } from './worldcups.js';

/**
 * A comment id that sorts by creation time: 9 base-36 digits of epoch milliseconds (good until
 * the year 5188), then 8 random url-safe characters. Keyset pages order by it ("newest", and the
 * tie-break of "best") with no separate time column in the cursor.
 */
export function newCommentId(now = Date.now()): string {
  return now.toString(36).padStart(9, '0') + randomBytes(6).toString('base64url');
}

export class CommentService {
  constructor(
    private readonly store: Store,
    private readonly worldcups: WorldCupService,
    private readonly access: Access,
    private readonly cache: CandidateCache,
    private readonly events: DomainEventBus,
  ) {}

  async list(worldcupId: string, query: CommentsQuery, viewer: Viewer): Promise<CommentPage> {
    const row = await this.worldcups.visibleRow(worldcupId, viewer);
    const after = query.cursor ? decodeCursor(query.cursor, query.order === 'best' ? 'count' : 'time') : undefined;
    const rows = await this.store.comments.listRoots({ worldcupId: row.id, order: query.order, after, limit: query.limit + 1 });
    const roots = rows.slice(0, query.limit);
    const replies = await this.store.comments.firstReplies(
      roots.filter((r) => r.reply_count > 0).map((r) => r.id),
      INLINE_REPLIES,
    );
    const presented = await this.present(row, [...roots, ...replies], viewer);
    const byId = new Map(presented.map((c) => [c.id, c]));
    const items = roots.flatMap((r) => {
      const comment = byId.get(r.id);
      if (!comment) return [];
      const mine = replies.filter((reply) => reply.parent_id === r.id).flatMap((reply) => byId.get(reply.id) ?? []);
      return [{ ...comment, replies: mine, replyCount: Number(r.reply_count) }];
    });
    const last = roots[roots.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(query.order === 'best' ? Number(last.like_count) : Number(last.created_at), last.id) : null;
    return { items, nextCursor };
  }

  /** Replies of a root comment after the cursor, oldest first. */
  async replies(commentId: string, query: RepliesQuery, viewer: Viewer): Promise<ReplyPage> {
    const { comment, row } = await this.visibleComment(commentId, viewer, { deletedToo: true });
    const rootId = comment.parent_id ?? comment.id;
    const after = query.cursor ? decodeCursor(query.cursor, 'time') : undefined;
    const rows = await this.store.comments.replies(rootId, after?.id, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(Number(last.created_at), last.id) : null;
    return { items: await this.present(row, page, viewer), nextCursor };
  }

  /** Posts a comment, or a reply: to a reply it attaches to that reply's root (one level). */
  async post(worldcupId: string, input: CreateCommentInput, viewer: Viewer): Promise<Comment> {
    requireActor(viewer);
    const row = await this.worldcups.visibleRow(worldcupId, viewer);
    let parentId: string | null = null;
    if (input.parentId !== undefined) {
      const parent = await this.store.comments.get(input.parentId);
      if (!parent || parent.worldcup_id !== row.id || parent.deleted_at !== null) throw notFound('comment');
      parentId = parent.parent_id ?? parent.id;
    }
    const now = Date.now();
    const id = newCommentId(now);
    await this.store.transaction((tx) => tx.comments.insert({ id, worldcup_id: row.id, parent_id: parentId, author: viewer, body: input.body, created_at: now }));
    const stored = await this.store.comments.getListed(id);
    if (!stored) throw notFound('comment');
    const [comment] = await this.present(row, [stored], viewer);
    if (!comment) throw notFound('comment');
    const { liked: _liked, isMine: _isMine, canDelete: _canDelete, ...everyone } = comment;
    void this.events.emit('comment.posted', { comment: everyone });
    return comment;
  }

  /** Deletes a comment (its author, the world cup's owner, an admin); its open reports are answered. */
  async delete(commentId: string, viewer: Viewer): Promise<void> {
    requireActor(viewer);
    const { comment, row } = await this.visibleComment(commentId, viewer);
    await this.access.requireCommentDeleter(row, { owner: comment.author }, viewer);
    await this.remove(comment, viewer.startsWith('u:') ? viewer.slice(2) : null);
  }

  /** Deletes a comment for an admin acting on a report (the caller checked the role). */
  async removeForAdmin(commentId: string, adminId: string): Promise<void> {
    const comment = await this.store.comments.get(commentId);
    if (comment && comment.deleted_at === null) await this.remove(comment, adminId);
  }

  async like(commentId: string, viewer: Viewer, isLiked: boolean): Promise<LikeState> {
    requireActor(viewer);
    const { comment, row } = await this.visibleComment(commentId, viewer);
    const now = Date.now();
    const likes = await this.store.transaction((tx) => (isLiked ? tx.comments.like(comment.id, viewer, now) : tx.comments.unlike(comment.id, viewer)));
    if (likes !== Number(comment.like_count)) void this.events.emit('comment.liked', { worldcupId: row.id, id: comment.id, likes });
    return { id: comment.id, likes, liked: isLiked };
  }

  /** A comment (not deleted, unless asked) of a world cup the viewer may see; 404 otherwise. */
  async visibleComment(commentId: string, viewer: Viewer, opts: { deletedToo?: boolean } = {}): Promise<{ comment: CommentRow; row: WorldcupRow }> {
    const comment = await this.store.comments.get(commentId);
    if (!comment || (comment.deleted_at !== null && !opts.deletedToo)) throw notFound('comment');
    const row = await this.worldcups.visibleRow(comment.worldcup_id, viewer);
    return { comment, row };
  }

  private async remove(comment: CommentRow, resolvedBy: string | null): Promise<void> {
    const now = Date.now();
    const isDeleted = await this.store.transaction(async (tx) => {
      const done = await tx.comments.softDelete(comment, now);
      if (done) await tx.reports.resolveOpenOfComment(comment.id, now, resolvedBy);
      return done;
    });
    if (isDeleted) void this.events.emit('comment.deleted', { worldcupId: comment.worldcup_id, id: comment.id, parentId: comment.parent_id });
  }

  private async present(row: WorldcupRow, rows: readonly CommentListRow[], viewer: Viewer): Promise<Comment[]> {
    const [liked, moderates] = await Promise.all([
      this.store.comments.likedBy(
        viewer,
        rows.map((r) => r.id),
      ),
      this.access.moderatesComments(row, viewer),
    ]);
    const everyone = await presentComments(this.store, this.cache, row.id, rows);
    return everyone.map((c, i) => {
      const isMine = isAuthor({ owner: rows[i]?.author ?? '' }, viewer);
      return { ...c, liked: liked.has(c.id), isMine, canDelete: !c.deleted && (isMine || moderates) };
    });
  }
}
