/**
 * Live rooms over HTTP (issue 14) on SQLite and PostgreSQL: the contract's statuses and JSON
 * errors, host-only actions, 202 votes, and the two streams — with reveal 'after' the audience's
 * stream carries no split while voting, the host's does (twice a second at most).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Room, RoomResults } from '../../src/shared/rooms.js';
import type { WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';
import { SseClient } from '../helpers/sse.js';

async function createRoom(host: ApiClient, reveal: 'live' | 'after'): Promise<Room> {
  const wc = await host.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'room', visibility: 'public', candidates: textCandidates(8) } });
  return host.ok<Room>('POST', '/api/v1/rooms', 201, { json: { worldcupId: wc.id, size: 4, reveal } });
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API live rooms (${dialect})`, () => {
    const t = useTestServer(dialect);
    const streams: SseClient[] = [];
    afterEach(() => {
      for (const s of streams.splice(0)) s.close();
    });
    const connect = async (code: string, host?: ApiClient): Promise<SseClient> => {
      const stream = await SseClient.connect(`${t.url}/api/v1/rooms/${code}/events`, host ? { headers: { cookie: `vs_session=${host.session ?? ''}` } } : {});
      streams.push(stream);
      expect(stream.status).toBe(200);
      return stream;
    };

    it('answers the contract: 201 with a join code, 403 to a non-host, 400/404 for bad codes, 202 per vote, 409 outside the window', async () => {
      const host = t.user();
      const viewer = t.user();
      const room = await createRoom(host, 'live');
      expect(room).toMatchObject({ status: 'lobby', isHost: true, joinUrl: `/r/${room.code}` });
      expectError(await viewer.post(`/api/v1/rooms/${room.code}/start`), 403, 'forbidden');
      expectError(await viewer.post(`/api/v1/rooms/${room.code}/votes`, { side: 'left' }), 409, 'voting_closed');
      expectError(await viewer.get('/api/v1/rooms/not-a-code'), 400, 'invalid_request');
      expectError(await viewer.get('/api/v1/rooms/AAAAAA'), 404, 'not_found');
      expectError(await viewer.post(`/api/v1/rooms/${room.code}/votes`, { side: 'middle' }), 400, 'invalid_request');
      await host.ok('POST', `/api/v1/rooms/${room.code.toLowerCase()}/start`, 200);
      expect(await viewer.ok('POST', `/api/v1/rooms/${room.code}/votes`, 202, { json: { side: 'left' } })).toMatchObject({ side: 'left', round: 4, matchIndex: 0 });
      const seen = await viewer.ok<Room>('GET', `/api/v1/rooms/${room.code}`, 200);
      expect(seen).toMatchObject({ status: 'voting', isHost: false, myVote: 'left', tally: { left: 1, right: 0 } });
      const advanced = await host.ok<Room>('POST', `/api/v1/rooms/${room.code}/advance`, 200, { json: {} });
      expect(advanced).toMatchObject({ matchIndex: 1, status: 'voting' });
      const results = await viewer.ok<RoomResults>('GET', `/api/v1/rooms/${room.code}/results`, 200);
      expect(results.matches).toEqual([expect.objectContaining({ result: 'left', overridden: false, tally: expect.objectContaining({ left: 1, right: 0 }) as unknown })]);
      // No host capability travels: the payloads name no session.
      expect(JSON.stringify([seen, results])).not.toContain(host.session ?? 'no session');
    });

    it("streams the room: with reveal 'after' the audience gets state but no split while voting; the host gets the tally", async () => {
      const host = t.user();
      const room = await createRoom(host, 'after');
      const hostStream = await connect(room.code, host);
      const crowd = await connect(room.code);
      await hostStream.waitFor((e) => e.event === 'snapshot');
      await crowd.waitFor((e) => e.event === 'snapshot');
      await host.ok('POST', `/api/v1/rooms/${room.code}/start`, 200);
      await crowd.waitFor((e) => e.event === 'state' && (JSON.parse(e.data) as Room).status === 'voting');
      for (let k = 0; k < 3; k++) await t.user().ok('POST', `/api/v1/rooms/${room.code}/votes`, 202, { json: { side: k < 2 ? 'left' : 'right' } });
      const tally = await hostStream.waitFor((e) => e.event === 'tally' && (JSON.parse(e.data) as { left: number }).left === 2, 3_000);
      expect(JSON.parse(tally.data)).toMatchObject({ left: 2, right: 1 });
      await host.ok('POST', `/api/v1/rooms/${room.code}/close`, 200);
      const closed = await crowd.waitFor((e) => e.event === 'state' && (JSON.parse(e.data) as Room).status === 'decided');
      expect((JSON.parse(closed.data) as Room).tally).toMatchObject({ left: 2, right: 1 });
      expect(crowd.events.filter((e) => e.event === 'tally')).toEqual([]);
      for (const e of crowd.events.filter((x) => x.event === 'state' && (JSON.parse(x.data) as Room).status === 'voting')) expect((JSON.parse(e.data) as Room).tally).toBeNull();
    });
  });
}
