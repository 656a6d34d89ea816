/**
 * Live rooms through the service layer on SQLite and PostgreSQL (issue 14), with the server's
 * clock injected: host-only actions, one vote per session per match with replacement, the window
 * by the clock (and the stream delay), early close, ties and overrides, reveal modes, votes in the
 * ranking only with reveal 'after', a finished room's results, and a room that outlives its services.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Services, createServices } from '../../src/services/index.js';
import type { CreateRoom } from '../../src/shared/rooms.js';
import type { Store } from '../../src/store/store.js';
import { type TestDatabase, createTestDatabase, openTestStore } from '../helpers/databases.js';
import { requireDependency } from '../helpers/env.js';

const HOST = 'host-session';
const audience = (k: number) => `viewer-${k}`;

for (const dialect of ['sqlite', 'postgres'] as const) {
  const enabled = dialect === 'sqlite' || (await requireDependency('postgres'));
  (enabled ? describe : describe.skip)(`live rooms (${dialect})`, () => {
    let db: TestDatabase | undefined;
    let store: Store | undefined;
    let services: Services | undefined;
    let clock = Date.UTC(2026, 11, 4, 12);

    afterEach(async () => {
      await services?.close();
      await store?.close();
      await db?.drop();
      services = undefined;
      store = undefined;
      db = undefined;
    });

    async function open(): Promise<Services> {
      db ??= await createTestDatabase(dialect);
      store ??= await openTestStore(db);
      services = await createServices(store, { rooms: { now: () => clock, tallyEveryMs: 60_000 } });
      return services;
    }

    async function room(s: Services, input: Partial<CreateRoom> = {}) {
      const wc = await s.worldcups.create({ title: 'room cup', candidates: Array.from({ length: 8 }, (_, k) => ({ name: `c${k}` })) }, HOST);
      const created = await s.rooms.create({ worldcupId: wc.id, size: 4, voteSeconds: 20, reveal: 'live', delaySeconds: 0, ...input }, HOST);
      return { wc, code: created.code, created };
    }

    it('gives a 6-character code without look-alikes and a join URL; only the host runs it (403 to others)', async () => {
      const s = await open();
      const { code, created } = await room(s);
      expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
      expect(created).toMatchObject({ status: 'lobby', joinUrl: `/r/${code}`, isHost: true, left: null });
      for (const act of [() => s.rooms.start(code, 'someone'), () => s.rooms.close(code, 'someone'), () => s.rooms.advance(code, 'someone', undefined), () => s.rooms.end(code, 'someone')]) {
        await expect(act()).rejects.toMatchObject({ status: 403 });
      }
      await expect(s.rooms.vote(code, audience(1), 'left')).rejects.toMatchObject({ status: 409, code: 'voting_closed' });
      const started = await s.rooms.start(code, HOST);
      expect(started).toMatchObject({ status: 'voting', round: 4, matchIndex: 0, matchTotal: 2 });
      expect((await s.rooms.get(code, audience(1))).isHost).toBe(false);
    });

    it('keeps one vote per session per match (the last counts) and decides by the final tally at the deadline', async () => {
      const s = await open();
      const { code } = await room(s);
      const shown = await s.rooms.start(code, HOST);
      await s.rooms.vote(code, audience(1), 'left');
      await s.rooms.vote(code, audience(1), 'right'); // replaces
      await s.rooms.vote(code, audience(2), 'right');
      await s.rooms.vote(code, audience(3), 'left');
      expect((await s.rooms.get(code, audience(1))).myVote).toBe('right');
      expect((await s.rooms.get(code, HOST)).tally).toMatchObject({ left: 1, right: 2 });
      clock += 20_000; // the deadline, by the server's clock
      await expect(s.rooms.vote(code, audience(4), 'left')).rejects.toMatchObject({ status: 409, code: 'voting_closed' });
      const decided = await s.rooms.get(code, audience(4));
      expect(decided).toMatchObject({ status: 'decided', result: 'right', tally: { left: 1, right: 2 } });
      const next = await s.rooms.advance(code, HOST, undefined);
      expect(next).toMatchObject({ status: 'voting', matchIndex: 1 });
      const results = await s.rooms.results(code);
      expect(results.matches).toHaveLength(1);
      expect(results.matches[0]).toMatchObject({ result: 'right', overridden: false, winner: { id: shown.right?.id } });
    });

    it('opens voting after the stream delay, closes early at the margin, and sends a tie to the host', async () => {
      const s = await open();
      const { code } = await room(s, { delaySeconds: 10, closeEarly: { margin: 2 } });
      const shown = await s.rooms.start(code, HOST);
      await expect(s.rooms.vote(code, audience(1), 'left')).rejects.toMatchObject({ status: 409, code: 'voting_closed' });
      clock += 10_000;
      await s.rooms.vote(code, audience(1), 'left');
      expect((await s.rooms.get(code, HOST)).status).toBe('voting');
      await s.rooms.vote(code, audience(2), 'left'); // margin 2 reached: closed at once
      expect((await s.rooms.get(code, HOST)).status).toBe('decided');
      // Overriding the audience is recorded beside its result.
      await s.rooms.advance(code, HOST, shown.right?.id);
      expect((await s.rooms.results(code)).matches[0]).toMatchObject({ result: 'left', overridden: true, winner: { id: shown.right?.id } });
      // Second match: a tie needs the host's choice.
      clock += 10_000;
      await s.rooms.vote(code, audience(1), 'left');
      await s.rooms.vote(code, audience(2), 'right');
      await s.rooms.close(code, HOST);
      await expect(s.rooms.advance(code, HOST, undefined)).rejects.toMatchObject({ status: 409, code: 'tie_needs_host' });
      await expect(s.rooms.advance(code, HOST, 'not-a-candidate')).rejects.toMatchObject({ status: 409, code: 'not_in_match' });
      const second = await s.rooms.get(code, HOST);
      const final = await s.rooms.advance(code, HOST, second.left?.id);
      expect(final).toMatchObject({ round: 2, status: 'voting' });
    });

    it("hides the split from the audience until close with reveal 'after' (the host sees it), and counts those votes in the ranking", async () => {
      const s = await open();
      const { code, wc } = await room(s, { reveal: 'after' });
      await s.rooms.start(code, HOST);
      await s.rooms.vote(code, audience(1), 'left');
      await s.rooms.vote(code, audience(2), 'left');
      await s.rooms.vote(code, audience(3), 'right');
      expect((await s.rooms.get(code, audience(1))).tally).toBeNull();
      expect((await s.rooms.get(code, HOST)).tally).toMatchObject({ left: 2, right: 1 });
      await s.rooms.close(code, HOST);
      expect((await s.rooms.get(code, audience(1))).tally).toMatchObject({ left: 2, right: 1 });
      const ranking = await s.ranking.ranking(wc.id, HOST);
      expect(ranking.sources.room).toBe(3);
      expect(ranking.votes).toBe(3);
    });

    it('takes a room away with its world cup: hidden by an admin or deleted, the room is 404 to everyone', async () => {
      const s = await open();
      const { code, wc } = await room(s);
      await s.rooms.start(code, HOST);
      await store?.kysely.updateTable('worldcups').set({ hidden_at: clock }).where('id', '=', wc.id).execute();
      for (const act of [() => s.rooms.get(code, audience(1)), () => s.rooms.vote(code, audience(1), 'left'), () => s.rooms.close(code, HOST), () => s.rooms.results(code)]) {
        await expect(act()).rejects.toMatchObject({ status: 404 });
      }
      expect(await s.rooms.isOpen(code)).toBe(false);
      await store?.kysely.updateTable('worldcups').set({ hidden_at: null }).where('id', '=', wc.id).execute();
      expect(await s.rooms.isOpen(code)).toBe(true);
      await s.worldcups.delete(wc.id, HOST);
      await expect(s.rooms.get(code, HOST)).rejects.toMatchObject({ status: 404 });
    });

    it("keeps a 'live' room's votes out of the ranking, plays to a champion, and survives new services", async () => {
      const s = await open();
      const { code, wc } = await room(s, { size: 2 });
      await s.rooms.start(code, HOST);
      await s.rooms.vote(code, audience(1), 'right');
      await services?.close(); // a restart mid-vote: the vote is stored, the room goes on
      const again = await open();
      clock += 20_000;
      const decided = await again.rooms.get(code, HOST);
      expect(decided).toMatchObject({ status: 'decided', result: 'right', tally: { left: 0, right: 1 } });
      const finished = await again.rooms.advance(code, HOST, undefined);
      expect(finished).toMatchObject({ status: 'finished', champion: { id: decided.right?.id }, endedEarly: false });
      expect((await again.ranking.ranking(wc.id, HOST)).votes).toBe(0);
      await expect(again.rooms.vote(code, audience(2), 'left')).rejects.toMatchObject({ status: 409, code: 'voting_closed' });
      await expect(again.rooms.advance(code, HOST, undefined)).rejects.toMatchObject({ status: 409, code: 'room_finished' });
    });
  });
}
