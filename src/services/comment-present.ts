/** Comments as everyone sees them: authors by username (never their owner keys), badges from the candidate cache. */
import type { CommentBadge, PublicComment } from '../shared/comments.js';
import type { CommentListRow } from '../store/comments-repo.js';
import type { Store } from '../store/store.js';
import type { CandidateCache } from './candidate-cache.js';

const userIdOf = (owner: string): string | undefined => (owner.startsWith('u:') ? owner.slice(2) : undefined);

/** Presents listed rows in order: one query for the authors' names, the badges from the cache (removed candidates loaded once). */
export async function presentComments(store: Store, cache: CandidateCache, worldcupId: string, rows: readonly CommentListRow[]): Promise<PublicComment[]> {
  if (rows.length === 0) return [];
  const userIds = rows.flatMap((r) => userIdOf(r.author) ?? []);
  const badgeIds = [...new Set(rows.flatMap((r) => (r.deleted_at === null && r.badge_candidate_id ? [r.badge_candidate_id] : [])))];
  const [users, loaded] = await Promise.all([store.accounts.usersByIds(userIds), badgeIds.length > 0 ? cache.load(worldcupId) : undefined]);
  const names = new Map(users.map((u) => [u.id, u.username]));
  const candidates = loaded ? (await cache.include(loaded, badgeIds)).byId : undefined;
  const badgeOf = (id: string | null): CommentBadge | null => {
    const c = id === null ? undefined : candidates?.get(id);
    if (!c) return null;
    return { candidateId: c.id, name: c.name, thumbUrl: c.media?.kind === 'image' ? c.media.thumbUrl : null };
  };
  return rows.map((r) => {
    const isDeleted = r.deleted_at !== null;
    const userId = userIdOf(r.author);
    return {
      id: r.id,
      worldcupId: r.worldcup_id,
      parentId: r.parent_id,
      body: isDeleted ? '' : r.body,
      deleted: isDeleted,
      // A deleted comment says nothing about who wrote it.
      author: isDeleted || userId === undefined ? null : (names.get(userId) ?? null),
      badge: isDeleted ? null : badgeOf(r.badge_candidate_id),
      likes: Number(r.like_count),
      createdAt: new Date(Number(r.created_at)).toISOString(),
    };
  });
}
