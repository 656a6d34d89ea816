/**
 * The comments part of the store conformance suite (runStoreConformance calls it, so it runs on
 * SQLite and PostgreSQL): replies counted on their root, soft deletion, likes once per person, the
 * badge subquery, and likes handed over on sign-up without counting one person twice.
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import type { NewCandidateRow, WorldcupRow } from '../../src/store/worldcups-repo.js';
import { newCommentId } from '../../src/services/comments.js';

export interface CommentConformanceContext {
  store: () => Store;
  worldcup: (over?: Partial<WorldcupRow>) => WorldcupRow;
  candidates: (worldcupId: string, n: number) => NewCandidateRow[];
}

export function runCommentConformance(ctx: CommentConformanceContext): void {
  it('comments: replies count on their root, deletion keeps the row, likes count once per person and move on sign-up', async () => {
    const store = ctx.store();
    const w = ctx.worldcup();
    await store.worldcups.insert(w, [], ctx.candidates(w.id, 4));
    const root = { id: newCommentId(1_000), worldcup_id: w.id, parent_id: null, author: 'anon', body: 'root', created_at: 1_000 };
    const reply = { ...root, id: newCommentId(2_000), parent_id: root.id, author: 'u:bob', body: 'reply', created_at: 2_000 };
    await store.transaction(async (tx) => {
      await tx.comments.insert(root);
      await tx.comments.insert(reply);
    });
    expect(root.id < reply.id).toBe(true);
    expect((await store.comments.get(root.id))?.reply_count).toBe(1);

    expect(await store.transaction((tx) => tx.comments.like(root.id, 'anon', 3))).toBe(1);
    expect(await store.transaction((tx) => tx.comments.like(root.id, 'anon', 4))).toBe(1);
    expect(await store.transaction((tx) => tx.comments.like(root.id, 'u:bob', 5))).toBe(2);
    // `anon` signs up as bob: bob already likes the root, so the two likes are one.
    await store.transaction((tx) => tx.accounts.transferOwnership('anon', 'u:bob'));
    expect((await store.comments.get(root.id))?.like_count).toBe(1);
    expect([...(await store.comments.likedBy('u:bob', [root.id, reply.id]))]).toEqual([root.id]);
    expect((await store.comments.get(root.id))?.author).toBe('u:bob');

    expect(await store.transaction((tx) => tx.comments.softDelete(reply, 6))).toBe(true);
    expect(await store.transaction((tx) => tx.comments.softDelete(reply, 7))).toBe(false);
    expect(await store.comments.get(reply.id)).toMatchObject({ body: '', deleted_at: 6 });
    expect((await store.comments.get(root.id))?.reply_count).toBe(0);
    // A deleted root with no replies left is no longer listed; the badge is null without games.
    const listed = await store.comments.listRoots({ worldcupId: w.id, order: 'best', limit: 10 });
    expect(listed.map((c) => [c.id, c.badge_candidate_id])).toEqual([[root.id, null]]);
    await store.transaction((tx) => tx.comments.softDelete(root, 8));
    expect(await store.comments.listRoots({ worldcupId: w.id, order: 'newest', limit: 10 })).toEqual([]);
  });
}
