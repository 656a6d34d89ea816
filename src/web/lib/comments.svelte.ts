/**
 * The comments of one world cup as the page shows them (reactive): the threads loaded so far in
 * the chosen order, paging, posting, likes, deletion, and the live events of the world cup's
 * stream merged in. Live events are hints: a comment already shown is not added twice, and a
 * reconnect's snapshot reloads the first page.
 */
import type { Comment, CommentOrder, CommentThread, PublicComment } from '../../shared/comments';
import { SvelteMap } from 'svelte/reactivity';
import { api } from './api';

export class CommentsState {
  threads = $state<CommentThread[]>([]);
  order = $state<CommentOrder>('newest');
  nextCursor = $state<string | null>(null);
  loading = $state(true);
  loadingMore = $state(false);
  error = $state<unknown>(null);
  /** Replies paged in beyond the inline ones, per root: the cursor to continue from. */
  private replyCursors = new SvelteMap<string, string | null>();
  private seq = 0;

  constructor(
    private readonly worldcupId: string,
    /** Whether this viewer may delete anyone's comment here (the world cup's owner, an admin). */
    private readonly moderates: () => boolean,
  ) {}

  async reload(order: CommentOrder = this.order): Promise<void> {
    const mine = ++this.seq;
    this.order = order;
    this.loading = true;
    this.error = null;
    try {
      const page = await api.comments(this.worldcupId, order);
      if (mine !== this.seq) return;
      this.threads = page.items;
      this.nextCursor = page.nextCursor;
      this.replyCursors.clear();
    } catch (e) {
      if (mine === this.seq) this.error = e;
    } finally {
      if (mine === this.seq) this.loading = false;
    }
  }

  async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const mine = this.seq;
    this.loadingMore = true;
    try {
      const page = await api.comments(this.worldcupId, this.order, this.nextCursor);
      if (mine !== this.seq) return;
      // A plain lookup, not a Set: it lives for this one append (as in pager.svelte.ts).
      const seen: Record<string, true> = Object.fromEntries(this.threads.map((c) => [c.id, true]));
      this.threads = [...this.threads, ...page.items.filter((c) => !Object.hasOwn(seen, c.id))];
      this.nextCursor = page.nextCursor;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Replies of a root not shown yet. */
  hiddenReplies(thread: CommentThread): number {
    return Math.max(0, thread.replyCount - thread.replies.length);
  }

  async moreReplies(rootId: string): Promise<void> {
    const thread = this.threads.find((c) => c.id === rootId);
    if (!thread) return;
    const after = this.replyCursors.get(rootId);
    const page = await api.replies(rootId, after ?? undefined);
    this.replyCursors.set(rootId, page.nextCursor);
    this.updateThread(rootId, (t) => {
      const seen: Record<string, true> = Object.fromEntries(t.replies.map((r) => [r.id, true]));
      const replies = [...t.replies, ...page.items.filter((r) => !Object.hasOwn(seen, r.id))];
      // Everything there is: the count follows what is shown (replies deleted meanwhile are gone).
      return { ...t, replies, replyCount: page.nextCursor === null ? replies.length : Math.max(t.replyCount, replies.length) };
    });
  }

  async post(body: string, parentId?: string): Promise<Comment> {
    const comment = await api.postComment(this.worldcupId, parentId === undefined ? { body } : { body, parentId });
    // Our own answer knows more than the live event (it is ours): it wins if the event came first.
    this.add(comment, true);
    return comment;
  }

  async toggleLike(comment: Comment): Promise<void> {
    const state = await api.likeComment(comment.id, !comment.liked);
    this.updateComment(comment.id, (c) => ({ ...c, liked: state.liked, likes: state.likes }));
  }

  async remove(comment: Comment): Promise<void> {
    await api.deleteComment(comment.id);
    this.deleted(comment.id, comment.parentId);
  }

  /** A comment from the live stream (or our own answer): added once, where it belongs. */
  received(comment: PublicComment): void {
    this.add({ ...comment, liked: false, isMine: false, canDelete: this.moderates() });
  }

  likesChanged(id: string, likes: number): void {
    this.updateComment(id, (c) => ({ ...c, likes }));
  }

  /** A deleted root with replies stays as "deleted"; anything else leaves the list. */
  deleted(id: string, parentId: string | null): void {
    if (parentId !== null) {
      this.updateThread(parentId, (t) => ({ ...t, replies: t.replies.filter((r) => r.id !== id), replyCount: Math.max(0, t.replyCount - 1) }));
      return;
    }
    this.threads = this.threads.flatMap((t) => {
      if (t.id !== id) return [t];
      return t.replyCount > 0 ? [{ ...t, deleted: true, body: '', author: null, badge: null, canDelete: false, liked: false }] : [];
    });
  }

  private add(comment: Comment, isAuthoritative = false): void {
    if (isAuthoritative) this.updateComment(comment.id, (c) => ({ ...c, ...comment }));
    if (comment.parentId === null) {
      if (this.threads.some((t) => t.id === comment.id)) return;
      // New roots go on top in either order: the author wants to see theirs, others see what is new.
      this.threads = [{ ...comment, replies: [], replyCount: 0 }, ...this.threads];
      return;
    }
    this.updateThread(comment.parentId, (t) =>
      t.replies.some((r) => r.id === comment.id) ? t : { ...t, replies: [...t.replies, comment], replyCount: t.replyCount + 1 },
    );
  }

  private updateThread(id: string, change: (t: CommentThread) => CommentThread): void {
    this.threads = this.threads.map((t) => (t.id === id ? change(t) : t));
  }

  private updateComment(id: string, change: (c: Comment) => Comment): void {
    this.threads = this.threads.map((t) => {
      if (t.id === id) return { ...t, ...change(t) };
      if (!t.replies.some((r) => r.id === id)) return t;
      return { ...t, replies: t.replies.map((r) => (r.id === id ? change(r) : r)) };
    });
  }
}
