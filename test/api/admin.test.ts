/**
 * Reports and moderation through the HTTP API, on SQLite and PostgreSQL: anyone reports a world
 * cup once; admins (ADMIN_USERNAME here; the CLI in test/cli/admin.test.ts) list and resolve
 * reports and hide, unhide or delete any world cup. A hidden world cup is gone for everyone but
 * its owner and admins: page, lists, search, tags, games, ranking, live streams.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteEvents } from '../../src/shared/events.js';
import type { Game, TagCount, WorldCup, WorldCupPage, WorldCupSummary } from '../../src/shared/schemas.js';
import type { Account, AdminReport, AdminReportPage, Report } from '../../src/shared/accounts.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';
import { SseClient } from '../helpers/sse.js';

const PASSWORD = 'correct horse battery';
let seq = 0;

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API reports and moderation (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { adminUsername: 'Root' } });
    const streams: SseClient[] = [];
    afterEach(() => streams.splice(0).forEach((s) => s.close()));

    const signUp = async (user: ApiClient, username = `user${++seq}`) =>
      (await user.ok<{ user: Account }>('POST', '/api/v1/auth/signup', 201, { json: { username, password: PASSWORD } })).user;
    let admin: ApiClient | undefined;
    /** The admin's browser: whoever signs up as ADMIN_USERNAME is one. */
    async function theAdmin(): Promise<ApiClient> {
      if (!admin) {
        admin = t.user();
        expect((await signUp(admin, 'root')).role).toBe('admin');
      }
      return admin;
    }
    /** A public world cup with a title and tag unique to this test, made by a new account. */
    async function ownedWorldCup(): Promise<{ owner: ApiClient; wc: WorldCup; word: string }> {
      const owner = t.user();
      await signUp(owner);
      const word = `zebra${++seq}x`;
      const wc = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: `Title ${word}`, tags: [word], candidates: textCandidates(4) },
      });
      return { owner, wc, word };
    }
    const report = (user: ApiClient, worldcupId: string, body: Record<string, unknown> = { reason: 'spam' }) =>
      user.post<Report>(`/api/v1/worldcups/${worldcupId}/reports`, body);
    const openReports = async (status = 'open') =>
      (await (await theAdmin()).ok<AdminReportPage>('GET', `/api/v1/admin/reports?status=${status}&limit=100`, 200)).items;
    /** What a stranger finds of the world cup: its page, in the list, in search, under its tag. */
    async function foundByStranger(wc: WorldCup, word: string) {
      const stranger = t.user();
      const page = await stranger.get(`/api/v1/worldcups/${wc.id}`);
      const list = await stranger.ok<WorldCupPage>('GET', '/api/v1/worldcups?sort=new&limit=60', 200);
      const search = await stranger.ok<WorldCupPage>('GET', `/api/v1/worldcups?q=${word}`, 200);
      const byTag = await stranger.ok<WorldCupPage>('GET', `/api/v1/worldcups?tag=${word}`, 200);
      const tags = await stranger.ok<TagCount[]>('GET', '/api/v1/tags', 200);
      return {
        page: page.status,
        listed: list.items.some((i) => i.id === wc.id),
        searched: search.items.some((i) => i.id === wc.id),
        tagged: byTag.items.some((i) => i.id === wc.id) || tags.some((x) => x.tag === word),
      };
    }

    it('takes a report once per person while it is open, and checks what is reported', async () => {
      const { wc } = await ownedWorldCup();
      const reporter = t.user();
      const res = await report(reporter, wc.id, { reason: 'copyright', text: '  my photos  ' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String) as string,
        worldcupId: wc.id,
        reason: 'copyright',
        text: 'my photos',
        status: 'open',
        createdAt: expect.any(String) as string,
        commentId: null,
      });
      expectError(await report(reporter, wc.id, { reason: 'spam' }), 409, 'already_reported');
      expect((await report(t.user(), wc.id, { reason: 'hate' })).status).toBe(201);

      expectError(await report(t.user(), wc.id, { reason: 'boring' }), 400, 'invalid_request');
      expectError(await report(t.user(), wc.id, {}), 400, 'invalid_request');
      expectError(await report(t.user(), wc.id, { reason: 'other', text: 'x'.repeat(1001) }), 400, 'invalid_request');
      expectError(await report(t.user(), 'nosuchworldcup', { reason: 'spam' }), 404, 'not_found');
      const { owner } = await ownedWorldCup();
      const secret = await owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'secret', visibility: 'private', candidates: textCandidates(4) },
      });
      expectError(await report(t.user(), secret.id), 404, 'not_found');
    });

    it('keeps the moderation queue to admins: 401 when logged out, 403 for other users', async () => {
      const { wc } = await ownedWorldCup();
      const anonymous = t.user();
      const user = t.user();
      await signUp(user);
      for (const [client, status, code] of [
        [anonymous, 401, 'not_logged_in'],
        [user, 403, 'forbidden'],
      ] as const) {
        expectError(await client.get('/api/v1/admin/reports'), status, code);
        expectError(await client.post('/api/v1/admin/reports/somereport1/resolve', { action: 'dismiss' }), status, code);
        expectError(await client.post(`/api/v1/admin/worldcups/${wc.id}/hide`), status, code);
        expectError(await client.post(`/api/v1/admin/worldcups/${wc.id}/unhide`), status, code);
      }
      expect((await foundByStranger(wc, 'unused')).page).toBe(200);
      expectError(await (await theAdmin()).get('/api/v1/admin/reports?status=closed'), 400, 'invalid_request');
    });

    it('hiding on a report takes a world cup away from everyone but its owner and admins, until unhidden', async () => {
      const { owner, wc, word } = await ownedWorldCup();
      const reporter = t.user();
      const reporterName = await signUp(reporter);
      const mine = (await report(reporter, wc.id, { reason: 'sexual', text: 'not ok' })).body;
      const anonymousReport = (await report(t.user(), wc.id, { reason: 'spam' })).body;
      const stranger = t.user();
      await stranger.ok('GET', `/api/v1/worldcups/${wc.id}`, 200);
      const stream = await SseClient.connect(`${t.url}/api/v1/worldcups/${wc.id}/events`, {
        headers: { cookie: `vs_session=${stranger.session ?? ''}` },
      });
      streams.push(stream);
      await stream.waitFor((e) => e.event === 'snapshot');
      expect(await foundByStranger(wc, word)).toEqual({ page: 200, listed: true, searched: true, tagged: true });

      const queued = (await openReports()).filter((r) => r.worldcup.id === wc.id);
      expect(queued.map((r) => [r.id, r.reporter]).sort()).toEqual(
        [
          [mine.id, reporterName.username],
          [anonymousReport.id, null],
        ].sort(),
      );
      expect(queued.find((r) => r.id === mine.id)).toMatchObject({
        reason: 'sexual',
        text: 'not ok',
        status: 'open',
        worldcup: { id: wc.id, title: wc.title, visibility: 'public', hidden: false },
        resolvedAt: null,
        resolvedBy: null,
      });

      const admin = await theAdmin();
      const resolved = await admin.ok<AdminReport>('POST', `/api/v1/admin/reports/${mine.id}/resolve`, 200, { json: { action: 'hide' } });
      expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'root', worldcup: { hidden: true } });
      // Acting on the world cup answers its other open report too.
      expect((await openReports()).some((r) => r.worldcup.id === wc.id)).toBe(false);
      expect((await openReports('resolved')).filter((r) => r.worldcup.id === wc.id).map((r) => r.id).sort()).toEqual(
        [mine.id, anonymousReport.id].sort(),
      );
      expectError(await admin.post(`/api/v1/admin/reports/${mine.id}/resolve`, { action: 'dismiss' }), 409, 'report_closed');

      // Gone for everyone else: page, lists, search, tags, new games, ranking, and the live stream.
      expect(await foundByStranger(wc, word)).toEqual({ page: 404, listed: false, searched: false, tagged: false });
      expectError(await stranger.post(`/api/v1/worldcups/${wc.id}/games`, { size: 4 }), 404, 'not_found');
      expectError(await stranger.get(`/api/v1/worldcups/${wc.id}/ranking`), 404, 'not_found');
      expectError(await report(t.user(), wc.id), 404, 'not_found');
      await stream.waitFor((e) => e.event === 'closed');
      // Its owner still sees it, marked hidden, and can play it; so do admins.
      expect(await owner.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).toMatchObject({ hidden: true, isOwner: true });
      const ownList = await owner.ok<WorldCupPage>('GET', '/api/v1/me/worldcups', 200);
      expect(ownList.items.map((i) => [i.id, i.hidden])).toEqual([[wc.id, true]]);
      await owner.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      expect(await admin.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).toMatchObject({ hidden: true, isOwner: false });
      // Editing it does not bring it back.
      await owner.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { visibility: 'public', title: `Title ${word} v2` } });
      expect((await foundByStranger(wc, word)).page).toBe(404);

      const shown = await admin.ok<WorldCupSummary>('POST', `/api/v1/admin/worldcups/${wc.id}/unhide`, 200);
      expect(shown).toMatchObject({ id: wc.id, hidden: false });
      expect(await foundByStranger(wc, word)).toEqual({ page: 200, listed: true, searched: true, tagged: true });
    });

    it('admins hide and unhide directly, idempotently, and see private world cups', async () => {
      const { owner, wc, word } = await ownedWorldCup();
      const admin = await theAdmin();
      for (let i = 0; i < 2; i++) {
        expect(await admin.ok<WorldCupSummary>('POST', `/api/v1/admin/worldcups/${wc.id}/hide`, 200)).toMatchObject({ hidden: true });
      }
      expect((await foundByStranger(wc, word)).page).toBe(404);
      await admin.ok('POST', `/api/v1/admin/worldcups/${wc.id}/unhide`, 200);
      await admin.ok('POST', `/api/v1/admin/worldcups/${wc.id}/unhide`, 200);
      expect((await foundByStranger(wc, word)).page).toBe(200);
      expectError(await admin.post('/api/v1/admin/worldcups/nosuchworldcup/hide'), 404, 'not_found');

      await owner.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { visibility: 'private' } });
      expect((await admin.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).visibility).toBe('private');
      expectError(await admin.patch(`/api/v1/worldcups/${wc.id}`, { title: 'admins do not edit' }), 403, 'forbidden');
    });

    it('dismissing closes only that report; the same person may report again later', async () => {
      const { wc, word } = await ownedWorldCup();
      const reporter = t.user();
      const first = (await report(reporter, wc.id, { reason: 'violence' })).body;
      const other = (await report(t.user(), wc.id, { reason: 'violence' })).body;
      const admin = await theAdmin();
      const dismissed = await admin.ok<AdminReport>('POST', `/api/v1/admin/reports/${first.id}/resolve`, 200, { json: { action: 'dismiss' } });
      expect(dismissed).toMatchObject({ status: 'dismissed', resolvedBy: 'root', worldcup: { hidden: false } });
      expect((await openReports()).map((r) => r.id)).toContain(other.id);
      expect((await openReports('dismissed')).map((r) => r.id)).toContain(first.id);
      expect((await foundByStranger(wc, word)).page).toBe(200);
      expect((await report(reporter, wc.id, { reason: 'violence', text: 'again' })).status).toBe(201);
      expectError(await admin.post('/api/v1/admin/reports/nosuchreport/resolve', { action: 'dismiss' }), 404, 'not_found');
      expectError(await admin.post(`/api/v1/admin/reports/${other.id}/resolve`, { action: 'ban' }), 400, 'invalid_request');
    });

    it('deleting on a report removes the world cup for everyone, its owner too; admins delete any world cup', async () => {
      const { owner, wc } = await ownedWorldCup();
      const filed = (await report(t.user(), wc.id, { reason: 'hate' })).body;
      const admin = await theAdmin();
      const answer = await admin.ok<AdminReport>('POST', `/api/v1/admin/reports/${filed.id}/resolve`, 200, { json: { action: 'delete' } });
      expect(answer).toMatchObject({ id: filed.id, status: 'resolved', resolvedBy: 'root' });
      expectError(await owner.get(`/api/v1/worldcups/${wc.id}`), 404, 'not_found');
      expect((await openReports()).some((r) => r.id === filed.id)).toBe(false);

      const second = await ownedWorldCup();
      await admin.ok('DELETE', `/api/v1/worldcups/${second.wc.id}`, 204);
      expectError(await second.owner.get(`/api/v1/worldcups/${second.wc.id}`), 404, 'not_found');
    });

    it('pages the queue newest first', async () => {
      const { wc } = await ownedWorldCup();
      const filed: string[] = [];
      for (let i = 0; i < 3; i++) filed.push((await report(t.user(), wc.id, { reason: 'other' })).body.id);
      const admin = await theAdmin();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const path: string = `/api/v1/admin/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page: AdminReportPage = await admin.ok<AdminReportPage>('GET', path, 200);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => filed.includes(id))).toEqual([...filed].reverse());
      expectError(await admin.get('/api/v1/admin/reports?cursor=garbage'), 400, 'invalid_cursor');
    });

    it('keeps champions of hidden world cups off the home page ticker', async () => {
      const { owner, wc } = await ownedWorldCup();
      let game = await owner.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 2 } });
      game = await owner.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.a.id } });
      expect(game.done).toBe(true);
      const siteChampions = async () => {
        const stream = await SseClient.connect(`${t.url}/api/v1/events`);
        streams.push(stream);
        const snapshot = SseClient.json<SiteEvents['snapshot']>(await stream.waitFor((e) => e.event === 'snapshot'));
        stream.close();
        return snapshot.champions.map((c) => c.worldcupId);
      };
      for (let i = 0; i < 50 && !(await siteChampions()).includes(wc.id); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await siteChampions()).toContain(wc.id);
      await (await theAdmin()).ok('POST', `/api/v1/admin/worldcups/${wc.id}/hide`, 200);
      expect(await siteChampions()).not.toContain(wc.id);
    });
  });
}
