/**
 * A live room across two real `versus serve` processes on PostgreSQL + Redis (issue 14): a vote on
 * instance A is in the tally a viewer of instance B sees; the host's session works on either; when
 * A dies mid-vote, every vote it acknowledged is in the final tally read on B, and a third instance
 * started afterwards serves the same room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room, RoomResults, RoomTally } from '../../src/shared/rooms.js';
import type { WorldCup } from '../../src/shared/schemas.js';
import { ApiClient, textCandidates } from '../helpers/api.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';
import { REDIS_URL, requireDependency } from '../helpers/env.js';
import { type ServerProcess, startServerProcess, tearDownCluster } from '../helpers/process.js';
import { SseClient } from '../helpers/sse.js';

const enabled = (await requireDependency('postgres')) && (await requireDependency('redis'));
const prefix = `versus-rooms-${process.pid}-${Date.now().toString(36)}:`;

describe.runIf(enabled)('a live room on two instances (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  const started: ServerProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    env = { DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', REDIS_URL, REDIS_PREFIX: prefix, SEED: '0' };
    started.push(await startServerProcess(env)); // alone first: it migrates the empty database
    started.push(await startServerProcess(env));
  }, 120_000);

  afterAll(async () => {
    await tearDownCluster(started, db, prefix);
  });

  it('shares votes, tallies and the host between instances, and loses no acknowledged vote when one dies', async () => {
    const [a, b] = started as [ServerProcess, ServerProcess];
    const hostOnA = new ApiClient(() => a.url);
    const wc = await hostOnA.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'room cluster', candidates: textCandidates(8) } });
    const room = await hostOnA.ok<Room>('POST', '/api/v1/rooms', 201, { json: { worldcupId: wc.id, size: 4, voteSeconds: 60 } });
    const hostOnB = new ApiClient(() => b.url, { session: hostOnA.session });
    // The host's session is the host on the other instance too.
    expect((await hostOnB.ok<Room>('GET', `/api/v1/rooms/${room.code}`, 200)).isHost).toBe(true);
    const viewerOnB = await SseClient.connect(`${b.url}/api/v1/rooms/${room.code}/events`);
    try {
      await viewerOnB.waitFor((e) => e.event === 'snapshot');
      await hostOnA.ok('POST', `/api/v1/rooms/${room.code}/start`, 200);
      await viewerOnB.waitFor((e) => e.event === 'state' && SseClient.json<Room>(e).status === 'voting');
      // Votes on A: B's viewer sees them in its tally.
      const acked = { left: 0, right: 0 };
      for (let k = 0; k < 6; k++) {
        const side = k % 3 === 0 ? 'right' : 'left';
        await new ApiClient(() => a.url).ok('POST', `/api/v1/rooms/${room.code}/votes`, 202, { json: { side } });
        acked[side]++;
      }
      const seen = await viewerOnB.waitFor((e) => e.event === 'tally' && SseClient.json<RoomTally>(e).left + SseClient.json<RoomTally>(e).right === 6, 5_000);
      expect(SseClient.json<RoomTally>(seen)).toMatchObject(acked);
      // A dies while votes go on, on both instances: those acknowledged count, wherever they landed.
      const voting = Array.from({ length: 20 }, (_, k) => {
        const base = k % 2 === 0 ? a.url : b.url;
        const side = k % 4 === 0 ? 'right' : 'left';
        return new ApiClient(() => base)
          .post(`/api/v1/rooms/${room.code}/votes`, { side })
          .then((res) => (res.status === 202 ? acked[side]++ : undefined))
          .catch(() => undefined);
      });
      a.child.kill('SIGKILL');
      await Promise.all(voting);
      await a.exited;
      const closed = await hostOnB.ok<Room>('POST', `/api/v1/rooms/${room.code}/close`, 200);
      expect(closed.tally).toMatchObject(acked);
      // A third instance, started now, serves the same room and its results.
      const c = await startServerProcess(env);
      started.push(c);
      const results = await new ApiClient(() => c.url).ok<RoomResults>('GET', `/api/v1/rooms/${room.code}/results`, 200);
      expect(results.matches[0]?.tally).toMatchObject(acked);
    } finally {
      viewerOnB.close();
    }
  }, 90_000);
});
