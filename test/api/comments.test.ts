/**
 * Comments through the HTTP API, on SQLite and PostgreSQL (issue 12): length limits, the champion
 * badge, one level of replies, likes, reports into the admins' queue, who may delete, privacy,
 * live events on the world cup's stream, and the rate limits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Account, AdminReport, AdminReportPage, Report } from '../../src/shared/accounts.js';
import type { Comment, CommentPage, LikeState, ReplyPage } from '../../src/shared/comments.js';
import type { Game, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';
import { SseClient } from '../helpers/sse.js';

const PASSWORD = 'correct horse battery';
let seq = 0;

const signUp = async (user: ApiClient, username = `writer${++seq}`) =>
  (await user.ok<{ user: Account }>('POST', '/api/v1/auth/signup', 201, { json: { username, password: PASSWORD } })).user;
const newWorldCup = (owner: ApiClient, visibility: 'public' | 'private' = 'public') =>
  owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: `comments ${++seq}`, visibility, candidates: textCandidates(4) } });
const post = (user: ApiClient, worldcupId: string, body: string, parentId?: string) =>
  user.post<Comment>(`/api/v1/worldcups/${worldcupId}/comments`, parentId === undefined ? { body } : { body, parentId });
const comment = async (user: ApiClient, worldcupId: string, body: string, parentId?: string) => {
  const res = await post(user, worldcupId, body, parentId);
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const page = (user: ApiClient, worldcupId: string, query = '') => user.ok<CommentPage>('GET', `/api/v1/worldcups/${worldcupId}/comments${query}`, 200);

/** Plays a whole game of 4, always picking the named candidate when it is in the match (else `a`). */
async function playTo(player: ApiClient, wc: WorldCup, favourite: string): Promise<Game> {
  let game = await player.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
  while (!game.done && game.match) {
    const { a, b } = game.match;
    const winner = b.name === favourite ? b.id : a.id;
    game = await player.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner, picks: game.picks } });
  }
  return game;
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API comments (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { adminUsername: 'Root' } });
    const streams: SseClient[] = [];
    afterEach(() => streams.splice(0).forEach((s) => s.close()));
    let admin: ApiClient | undefined;
    async function theAdmin(): Promise<ApiClient> {
      if (!admin) {
        admin = t.user();
        expect((await signUp(admin, 'root')).role).toBe('admin');
      }
      return admin;
    }

    it('takes 1–500 characters (code points, after trimming) and refuses empty or longer ones with a JSON 400', async () => {
      const wc = await newWorldCup(t.user());
      const alice = t.user();
      expect(expectError(await post(alice, wc.id, 'x'.repeat(501)), 400, 'invalid_request').error.message).toMatch(/at most 500 characters/);
      expectError(await post(alice, wc.id, '😀'.repeat(501)), 400, 'invalid_request');
      expectError(await post(alice, wc.id, '   \n '), 400, 'invalid_request');
      expectError(await post(alice, wc.id, ''), 400, 'invalid_request');
      // 500 emoji are 1,000 UTF-16 units and still 500 characters.
      const emoji = await comment(alice, wc.id, '😀'.repeat(500));
      expect([...emoji.body]).toHaveLength(500);
      const trimmed = await comment(alice, wc.id, `  ${'가'.repeat(500)}  `);
      expect(trimmed.body).toBe('가'.repeat(500));
      expect(trimmed).toMatchObject({ isMine: true, canDelete: true, liked: false, likes: 0, deleted: false, parentId: null, author: null });
      // Plain text, as written: markup is not interpreted by the server either.
      expect((await comment(alice, wc.id, '<img src=x onerror=alert(1)>')).body).toBe('<img src=x onerror=alert(1)>');
      expectError(await alice.post(`/api/v1/worldcups/${wc.id}/comments`, { body: 'hi', extra: 1 }), 400, 'invalid_request');
      expectError(await post(alice, 'nosuchworldcup', 'hi'), 404, 'not_found');
    });

    it("shows the commenter's champion from their latest finished game of that world cup as a badge", async () => {
      const wc = await newWorldCup(t.user());
      const player = t.user();
      const account = await signUp(player);
      const before = await comment(player, wc.id, 'no game yet');
      expect(before.badge).toBeNull();
      expect(before.author).toBe(account.username);
      const first = await playTo(player, wc, 'Candidate 02');
      expect(first.champion?.name).toBe('Candidate 02');
      const c = await comment(player, wc.id, 'after one game');
      expect(c.badge).toMatchObject({ candidateId: first.champion?.id, name: 'Candidate 02' });
      const second = await playTo(player, wc, 'Candidate 03');
      // An unfinished game later does not count: the badge is the latest *finished* one.
      await player.ok('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      const list = await page(t.user(), wc.id);
      const badges = list.items.filter((i) => i.author === account.username).map((i) => i.badge?.name ?? null);
      expect(badges).toEqual(['Candidate 03', 'Candidate 03']);
      expect(second.champion?.name).toBe('Candidate 03');
      // Someone else's games are not this commenter's.
      expect(list.items.every((i) => i.isMine === false)).toBe(true);
    });

    it('attaches a reply to a reply to its root, shows the first 3 replies inline and pages the rest', async () => {
      const wc = await newWorldCup(t.user());
      const alice = t.user();
      const root = await comment(alice, wc.id, 'root');
      const r1 = await comment(t.user(), wc.id, 'reply 1', root.id);
      const r2 = await comment(t.user(), wc.id, 'reply to a reply', r1.id);
      expect(r2.parentId).toBe(root.id);
      for (let i = 3; i <= 5; i++) await comment(t.user(), wc.id, `reply ${i}`, root.id);
      const list = await page(alice, wc.id);
      expect(list.items).toHaveLength(1);
      const [thread] = list.items;
      expect(thread?.replyCount).toBe(5);
      expect(thread?.replies.map((r) => r.body)).toEqual(['reply 1', 'reply to a reply', 'reply 3']);
      const rest = await alice.ok<ReplyPage>('GET', `/api/v1/comments/${root.id}/replies?limit=2`, 200);
      expect(rest.items.map((r) => r.body)).toEqual(['reply 1', 'reply to a reply']);
      const more = await alice.ok<ReplyPage>('GET', `/api/v1/comments/${root.id}/replies?limit=2&cursor=${rest.nextCursor ?? ''}`, 200);
      expect(more.items.map((r) => r.body)).toEqual(['reply 3', 'reply 4']);
      expectError(await post(alice, wc.id, 'reply', 'nosuchcomment'), 404, 'not_found');
      const other = await newWorldCup(t.user());
      expectError(await post(alice, other.id, 'cross-posted reply', root.id), 404, 'not_found');
    });

    it('counts one like per person (liking twice is one like), orders best by likes, and pages', async () => {
      const wc = await newWorldCup(t.user());
      const [a, b, c] = [await comment(t.user(), wc.id, 'a'), await comment(t.user(), wc.id, 'b'), await comment(t.user(), wc.id, 'c')];
      if (!a || !b || !c) throw new Error('posted');
      const fan = t.user();
      expect(await fan.ok<LikeState>('PUT', `/api/v1/comments/${b.id}/like`, 200)).toEqual({ id: b.id, likes: 1, liked: true });
      expect(await fan.ok<LikeState>('PUT', `/api/v1/comments/${b.id}/like`, 200)).toEqual({ id: b.id, likes: 1, liked: true });
      await t.user().ok('PUT', `/api/v1/comments/${b.id}/like`, 200);
      await fan.ok('PUT', `/api/v1/comments/${a.id}/like`, 200);
      const best = await page(fan, wc.id, '?order=best');
      expect(best.items.map((i) => [i.body, i.likes, i.liked])).toEqual([
        ['b', 2, true],
        ['a', 1, true],
        ['c', 0, false],
      ]);
      expect((await page(fan, wc.id, '?order=newest')).items.map((i) => i.body)).toEqual(['c', 'b', 'a']);
      const first = await page(fan, wc.id, '?order=best&limit=2');
      expect(first.items.map((i) => i.body)).toEqual(['b', 'a']);
      const second = await page(fan, wc.id, `?order=best&limit=2&cursor=${first.nextCursor ?? ''}`);
      expect(second).toMatchObject({ items: [{ body: 'c' }], nextCursor: null });
      expect(await fan.ok<LikeState>('DELETE', `/api/v1/comments/${b.id}/like`, 200)).toEqual({ id: b.id, likes: 1, liked: false });
      expect(await fan.ok<LikeState>('DELETE', `/api/v1/comments/${b.id}/like`, 200)).toEqual({ id: b.id, likes: 1, liked: false });
      expectError(await fan.request('PUT', '/api/v1/comments/nosuchcomment/like'), 404, 'not_found');
      expectError(await fan.get(`/api/v1/worldcups/${wc.id}/comments?cursor=garbage!`), 400, 'invalid_cursor');
    });

    it('lets the author, the world cup owner and admins delete, not a stranger (403); replies stay under a deleted comment', async () => {
      const owner = t.user();
      const wc = await newWorldCup(owner);
      const alice = t.user();
      const root = await comment(alice, wc.id, 'will be deleted');
      const reply = await comment(t.user(), wc.id, 'a reply that stays', root.id);
      const lonely = await comment(alice, wc.id, 'no replies');
      const byAdmin = await comment(alice, wc.id, 'an admin removes this');
      const stranger = t.user();
      expectError(await stranger.delete(`/api/v1/comments/${root.id}`), 403, 'forbidden');
      expect((await page(stranger, wc.id)).items.find((i) => i.id === root.id)?.canDelete).toBe(false);
      expect((await page(owner, wc.id)).items.find((i) => i.id === root.id)?.canDelete).toBe(true);
      await owner.ok('DELETE', `/api/v1/comments/${root.id}`, 204);
      await alice.ok('DELETE', `/api/v1/comments/${lonely.id}`, 204);
      await (await theAdmin()).ok('DELETE', `/api/v1/comments/${byAdmin.id}`, 204);
      expectError(await alice.delete(`/api/v1/comments/${lonely.id}`), 404, 'not_found');
      const list = await page(stranger, wc.id);
      expect(list.items.map((i) => i.id)).toEqual([root.id]);
      expect(list.items[0]).toMatchObject({ deleted: true, body: '', author: null, badge: null, canDelete: false, replyCount: 1 });
      expect(list.items[0]?.replies.map((r) => r.id)).toEqual([reply.id]);
      expectError(await post(stranger, wc.id, 'reply to the deleted', root.id), 404, 'not_found');
    });

    it("puts a reported comment into the admins' queue with its text; deleting it from the queue removes it", async () => {
      const wc = await newWorldCup(t.user());
      const author = t.user();
      await signUp(author, `author${++seq}`);
      const bad = await comment(author, wc.id, 'spammy text');
      const reporter = t.user();
      const filed = await reporter.ok<Report>('POST', `/api/v1/comments/${bad.id}/reports`, 201, { json: { reason: 'spam', text: 'ads' } });
      expect(filed).toMatchObject({ commentId: bad.id, worldcupId: wc.id, status: 'open' });
      expectError(await reporter.post(`/api/v1/comments/${bad.id}/reports`, { reason: 'spam' }), 409, 'already_reported');
      // A report of the comment does not use up the reporter's report of the world cup, and back.
      await reporter.ok('POST', `/api/v1/worldcups/${wc.id}/reports`, 201, { json: { reason: 'other' } });
      const adminClient = await theAdmin();
      const queue = await adminClient.ok<AdminReportPage>('GET', '/api/v1/admin/reports?limit=100', 200);
      const item = queue.items.find((r) => r.id === filed.id);
      expect(item?.comment).toEqual({ id: bad.id, body: 'spammy text', author: expect.stringMatching(/^author/) as string, deleted: false });
      expect(queue.items.find((r) => r.worldcupId === wc.id && r.commentId === null)?.comment).toBeNull();
      expectError(await adminClient.post(`/api/v1/admin/reports/${filed.id}/resolve`, { action: 'hide' }), 400, 'invalid_action');
      const resolved = await adminClient.ok<AdminReport>('POST', `/api/v1/admin/reports/${filed.id}/resolve`, 200, { json: { action: 'delete' } });
      expect(resolved).toMatchObject({ status: 'resolved', comment: { id: bad.id, deleted: true, body: '' } });
      expect((await page(t.user(), wc.id)).items.some((i) => i.id === bad.id)).toBe(false);
      // The world cup itself is untouched, and so is its own report.
      await t.user().ok('GET', `/api/v1/worldcups/${wc.id}`, 200);
      const open = await adminClient.ok<AdminReportPage>('GET', '/api/v1/admin/reports?limit=100', 200);
      expect(open.items.some((r) => r.worldcupId === wc.id && r.commentId === null)).toBe(true);
      expectError(await reporter.post(`/api/v1/comments/${bad.id}/reports`, { reason: 'spam' }), 404, 'not_found');
    });

    it('goes with its world cup: deleting one with comments, replies, likes and reports of them leaves none behind', async () => {
      const owner = t.user();
      const wc = await newWorldCup(owner);
      const root = await comment(t.user(), wc.id, 'root');
      await comment(t.user(), wc.id, 'reply', root.id);
      await t.user().ok('PUT', `/api/v1/comments/${root.id}/like`, 200);
      await t.user().ok('POST', `/api/v1/comments/${root.id}/reports`, 201, { json: { reason: 'spam' } });
      await owner.ok('DELETE', `/api/v1/worldcups/${wc.id}`, 204);
      const db = t.server.server.store.kysely;
      expect(await db.selectFrom('comments').select('id').where('worldcup_id', '=', wc.id).execute()).toEqual([]);
      expect(await db.selectFrom('comment_likes').select('liker').where('comment_id', '=', root.id).execute()).toEqual([]);
      expect(await db.selectFrom('reports').select('id').where('worldcup_id', '=', wc.id).execute()).toEqual([]);
      expectError(await t.user().get(`/api/v1/comments/${root.id}/replies`), 404, 'not_found');
    });

    it('keeps the comments of a private world cup to those who may see it', async () => {
      const owner = t.user();
      const wc = await newWorldCup(owner, 'private');
      const mine = await comment(owner, wc.id, 'note to self');
      const stranger = t.user();
      expectError(await stranger.get(`/api/v1/worldcups/${wc.id}/comments`), 404, 'not_found');
      expectError(await post(stranger, wc.id, 'let me in'), 404, 'not_found');
      expectError(await stranger.get(`/api/v1/comments/${mine.id}/replies`), 404, 'not_found');
      expectError(await stranger.request('PUT', `/api/v1/comments/${mine.id}/like`), 404, 'not_found');
      expectError(await stranger.post(`/api/v1/comments/${mine.id}/reports`, { reason: 'spam' }), 404, 'not_found');
      expectError(await stranger.delete(`/api/v1/comments/${mine.id}`), 404, 'not_found');
      expect((await page(owner, wc.id)).items.map((i) => i.body)).toEqual(['note to self']);
    });

    it("arrives live on the world cup's event stream: new comments, like counts and deletions", async () => {
      const wc = await newWorldCup(t.user());
      const stream = await SseClient.connect(`${t.url}/api/v1/worldcups/${wc.id}/events`);
      streams.push(stream);
      await stream.waitFor((e) => e.event === 'snapshot');
      const alice = t.user();
      const posted = await comment(alice, wc.id, 'hello live');
      const event = await stream.waitFor((e) => e.event === 'comment');
      const live = JSON.parse(event.data) as Record<string, unknown>;
      expect(live).toMatchObject({ id: posted.id, body: 'hello live', worldcupId: wc.id, likes: 0 });
      // Nothing viewer-specific (nor the author's session) goes out to everyone.
      expect(Object.keys(live).sort()).toEqual(['author', 'badge', 'body', 'createdAt', 'deleted', 'id', 'likes', 'parentId', 'worldcupId']);
      await t.user().ok('PUT', `/api/v1/comments/${posted.id}/like`, 200);
      expect(JSON.parse((await stream.waitFor((e) => e.event === 'commentLikes')).data)).toEqual({ id: posted.id, likes: 1 });
      await alice.ok('DELETE', `/api/v1/comments/${posted.id}`, 204);
      expect(JSON.parse((await stream.waitFor((e) => e.event === 'commentDeleted')).data)).toEqual({ id: posted.id, parentId: null });
    });

    it("hands an anonymous session's comments and likes to the account it signs up as", async () => {
      const wc = await newWorldCup(t.user());
      const browser = t.user();
      const written = await comment(browser, wc.id, 'before signing up');
      await browser.ok('PUT', `/api/v1/comments/${written.id}/like`, 200);
      const account = await signUp(browser);
      const [item] = (await page(browser, wc.id)).items;
      expect(item).toMatchObject({ id: written.id, isMine: true, liked: true, likes: 1, author: account.username });
    });
  });

  (enabled ? describe : describe.skip)(`API comment rate limits (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { limitCommentsPerMinute: 2, limitCommentLikesPerMinute: 2, limitCommentReadsPerMinute: 3, limitIpMultiplier: 0 } });

    it('refuses the 3rd comment, like or page of a minute with 429 and stores nothing more', async () => {
      const wc = await newWorldCup(t.user());
      const alice = t.user();
      const first = await comment(alice, wc.id, 'one');
      await comment(alice, wc.id, 'two');
      const res = await post(alice, wc.id, 'three');
      expectError(res, 429, 'rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(res.body).toMatchObject({ error: { message: expect.stringMatching(/comments from this browser: at most 2 a minute/) as string } });
      const count = await t.server.server.store.kysely.selectFrom('comments').select('id').where('worldcup_id', '=', wc.id).execute();
      expect(count).toHaveLength(2);
      await alice.ok('PUT', `/api/v1/comments/${first.id}/like`, 200);
      await alice.ok('DELETE', `/api/v1/comments/${first.id}/like`, 200);
      expectError(await alice.request('PUT', `/api/v1/comments/${first.id}/like`), 429, 'rate_limited');
      for (let i = 0; i < 3; i++) await page(alice, wc.id);
      expectError(await alice.get(`/api/v1/worldcups/${wc.id}/comments`), 429, 'rate_limited');
    });
  });
}
