/**
 * Chat voting in a live room (issue 14) against a real IRC server (Debian's ngircd on 127.0.0.1):
 * `!1`/`!2` from chat count with the web votes and show per source, one vote per chat user per
 * match with the last counting; chat outside the window changes nothing; the reader stops when the
 * room finishes. A server with chat voting off refuses a room that asks for it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Services, createServices } from '../../src/services/index.js';
import type { Store } from '../../src/store/store.js';
import { type TestDatabase, createTestDatabase, openTestStore } from '../helpers/databases.js';
import { requireDependency } from '../helpers/env.js';
import { IrcViewer } from '../helpers/irc-viewer.js';
import { type Ngircd, startNgircd } from '../helpers/ngircd.js';

const HOST = 'streamer';
const CHANNEL = 'versus_stream';

describe.runIf(await requireDependency('ngircd'))('chat voting in live rooms', () => {
  let server: Ngircd;
  let db: TestDatabase;
  let store: Store;
  let services: Services | undefined;
  const chatters: IrcViewer[] = [];

  beforeAll(async () => {
    server = await startNgircd();
    db = await createTestDatabase('sqlite');
    store = await openTestStore(db);
  });
  afterEach(async () => {
    for (const c of chatters.splice(0)) c.quit();
    await services?.close();
    services = undefined;
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
    await server.dispose();
  });

  async function roomWithChat(s: Services, size = 4) {
    const wc = await s.worldcups.create({ title: 'chat cup', candidates: Array.from({ length: 8 }, (_, k) => ({ name: `c${k}` })) }, HOST);
    return s.rooms.create({ worldcupId: wc.id, size, voteSeconds: 60, reveal: 'live', delaySeconds: 0, chat: { twitch: `#${CHANNEL.toUpperCase()}` } }, HOST);
  }

  it('counts chat votes with the web votes, per source, one per chat user per match (the last counts)', async () => {
    services = await createServices(store, { rooms: { chatServer: { host: '127.0.0.1', port: server.port } } });
    const s = services;
    const room = await roomWithChat(s, 2);
    expect(room.chat).toMatchObject({ twitch: CHANNEL });
    await vi.waitFor(async () => expect((await s.rooms.get(room.code, HOST)).chat?.status).toBe('joined'), { timeout: 10_000, interval: 100 });
    const alice = await IrcViewer.join(CHANNEL, server.port, 'alice');
    const bob = await IrcViewer.join(CHANNEL, server.port, 'bob');
    chatters.push(alice, bob);
    alice.say('!1'); // before the room starts: no window, nothing counted
    await s.rooms.start(room.code, HOST);
    alice.say('!1', 'hello', '1등이야');
    bob.say('!투표1', '!2'); // bob changes his mind: right
    await s.rooms.vote(room.code, 'web-viewer', 'left');
    await vi.waitFor(
      async () => expect((await s.rooms.get(room.code, HOST)).tally).toEqual({ left: 2, right: 1, bySource: { web: { left: 1, right: 0 }, chat: { left: 1, right: 1 } } }),
      { timeout: 10_000, interval: 100 },
    );
    const finished = await s.rooms.advance(room.code, HOST, undefined);
    expect(finished.status).toBe('finished');
    expect(finished.chat?.status).toBe('closed');
    await vi.waitFor(() => expect(s.rooms.chat.status(room.code)).resolves.toBe('closed'), { timeout: 5_000 });
  });

  it('refuses a room with chat voting when the server has it off', async () => {
    services = await createServices(store, {});
    await expect(roomWithChat(services)).rejects.toMatchObject({ status: 400, code: 'chat_off' });
  });
});
