/**
 * Who may watch a world cup's live stream when that changes: a world cup made private, or deleted,
 * ends the streams of everyone watching it (on every instance: the end travels as an event), and
 * only its owner gets back in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WorldcupEvents } from '../../src/shared/events.js';
import type { WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, textCandidates, useTestServer } from '../helpers/api.js';
import { SseClient } from '../helpers/sse.js';

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`live stream access (${dialect})`, () => {
    const t = useTestServer(dialect);
    const streams: SseClient[] = [];
    afterEach(() => streams.splice(0).forEach((s) => s.close()));

    /** `user`'s stream of the world cup (cookie sent), once its snapshot arrived. */
    async function watch(user: ApiClient, worldcupId: string): Promise<SseClient> {
      const headers: Record<string, string> = user.session ? { cookie: `vs_session=${user.session}` } : {};
      const stream = await SseClient.connect(`${t.url}/api/v1/worldcups/${worldcupId}/events`, { headers });
      streams.push(stream);
      expect(stream.status).toBe(200);
      await stream.waitFor((e) => e.event === 'snapshot');
      return stream;
    }

    async function statusOf(user: ApiClient, worldcupId: string): Promise<number> {
      const headers: Record<string, string> = user.session ? { cookie: `vs_session=${user.session}` } : {};
      const stream = await SseClient.connect(`${t.url}/api/v1/worldcups/${worldcupId}/events`, { headers });
      stream.close();
      return stream.status;
    }

    async function publicCup(owner: ApiClient): Promise<WorldCup> {
      return owner.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'soon hidden', candidates: textCandidates(4) } });
    }

    it('ends every stream of a world cup made private; only the owner can watch it again', async () => {
      const owner = t.user();
      const wc = await publicCup(owner);
      const stranger = t.user();
      await stranger.ok('GET', `/api/v1/worldcups/${wc.id}`, 200); // gets a session of its own
      const [theirs, mine] = [await watch(stranger, wc.id), await watch(owner, wc.id)];

      await owner.ok('PATCH', `/api/v1/worldcups/${wc.id}`, 200, { json: { visibility: 'private' } });
      for (const stream of [theirs, mine]) {
        const closed = await stream.waitFor((e) => e.event === 'closed');
        expect(SseClient.json<WorldcupEvents['closed']>(closed)).toEqual({ reason: 'private' });
        await stream.waitFor(() => stream.isClosed, 2_000).catch(() => undefined);
        expect(stream.isClosed).toBe(true);
      }
      expect(await statusOf(stranger, wc.id)).toBe(404);
      expect(await statusOf(owner, wc.id)).toBe(200);
    });

    it('ends every stream of a deleted world cup, which then answers 404', async () => {
      const owner = t.user();
      const wc = await publicCup(owner);
      const stream = await watch(t.user(), wc.id);
      await owner.ok('DELETE', `/api/v1/worldcups/${wc.id}`, 204);
      const closed = await stream.waitFor((e) => e.event === 'closed');
      expect(SseClient.json<WorldcupEvents['closed']>(closed)).toEqual({ reason: 'deleted' });
      await stream.waitFor(() => stream.isClosed, 2_000).catch(() => undefined);
      expect(stream.isClosed).toBe(true);
      expect(await statusOf(owner, wc.id)).toBe(404);
    });
  });
}
