/**
 * The chat reader against a real IRC server, Debian's ngircd (test/helpers/ngircd.ts), on
 * 127.0.0.1 only. Viewers are plain-socket IRC clients (`IrcViewer`, test/helpers/irc-viewer.ts) that join the channel and
 * talk; the reader must report exactly their votes, survive the server going away, answer the
 * server's PINGs, and stop for good on close(). Gated like PostgreSQL: skipped locally without
 * ngircd, an error in CI.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ChatVote, chatVotes } from '../../src/live/chat/chat-votes.js';
import { type ChatMessage, type ChatStatus, type IrcChatOptions, IrcChatReader, type IrcServer } from '../../src/live/chat/irc-chat.js';
import { requireDependency } from '../helpers/env.js';
import { IrcViewer } from '../helpers/irc-viewer.js';
import { type Ngircd, OPERATOR_PASSWORD, startNgircd } from '../helpers/ngircd.js';

const CHANNEL = 'versus_room';
/** Fast retries, so a restart test takes a second rather than the production 1–30 s. */
const QUICK_BACKOFF = { firstDelayMs: 100, maxDelayMs: 400 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reader of CHANNEL on `server` (a port on 127.0.0.1) that records what it reports; closed after each test. */
const readers: IrcChatReader[] = [];
function readChat(server: number | IrcServer, options: Partial<IrcChatOptions> = {}) {
  const messages: ChatMessage[] = [];
  const votes: ChatVote[] = [];
  const statuses: ChatStatus[] = [];
  const errors: unknown[] = [];
  const toVotes = chatVotes((vote) => votes.push(vote));
  let tick = 1_000;
  const reader = new IrcChatReader({
    channel: CHANNEL,
    server: typeof server === 'number' ? { host: '127.0.0.1', port: server } : server,
    backoff: QUICK_BACKOFF,
    now: () => ++tick,
    onMessage: (message) => {
      messages.push(message);
      toVotes(message);
    },
    onStatus: (status) => statuses.push(status),
    onError: (error) => errors.push(error),
    ...options,
  });
  readers.push(reader);
  const joined = () => vi.waitFor(() => expect(reader.status).toBe('joined'), { timeout: 5_000, interval: 20 });
  return { reader, messages, votes, statuses, errors, joined };
}

const sides = (votes: ChatVote[]) => votes.map(({ user, side }) => `${user}:${side}`);
/** Connections ngircd accepted so far, from its log. */
const accepted = (log: string) => (log.match(/Accepted connection/g) ?? []).length;

if (await requireDependency('ngircd')) {
  let server: Ngircd;
  beforeAll(async () => {
    // ngircd's smallest PING timeout: a client silent for 5 s is pinged, and dropped 5 s later without a PONG.
    server = await startNgircd({ pingTimeoutS: 5 });
  });
  afterAll(async () => {
    await server.dispose();
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });

  describe('IrcChatReader on ngircd', () => {
    it('reports exactly the votes in the channel, per user, in order', async () => {
      const chat = readChat(server.port);
      await chat.joined();
      expect(chat.reader.nick).toMatch(/^justinfan\d{5}$/);
      const alice = await IrcViewer.join(CHANNEL, server.port, 'Alice');
      const bob = await IrcViewer.join(CHANNEL, server.port, 'bob_77');

      alice.say('!1', 'hello', '!2', '!투표2', '1등', '  2 because', '!투표 1', '!10', 'a !1', '\x01ACTION !2\x01');
      await vi.waitFor(() => expect(chat.votes).toHaveLength(6), { timeout: 5_000 });
      bob.say('ｗ', '！１', '!2');
      await vi.waitFor(() => expect(chat.votes).toHaveLength(8), { timeout: 5_000 });

      expect(sides(chat.votes)).toEqual([
        'alice:left',
        'alice:right',
        'alice:right',
        'alice:right',
        'alice:left',
        'alice:right', // the /me action
        'bob_77:left',
        'bob_77:right',
      ]);
      // Every message arrived, the non-votes too; `at` comes from the injected clock, in order.
      expect(chat.messages.map((m) => m.text)).toEqual(['!1', 'hello', '!2', '!투표2', '1등', '  2 because', '!투표 1', '!10', 'a !1', '!2', 'ｗ', '！１', '!2']);
      expect(chat.messages[0]).toEqual({ user: 'alice', displayName: 'Alice', text: '!1', at: 1_001 });
      expect(chat.votes.map((v) => v.at)).toEqual([1_001, 1_003, 1_004, 1_006, 1_007, 1_010, 1_012, 1_013]);
      expect(chat.statuses).toEqual(['joined']);
      alice.quit();
      bob.quit();
    });

    it('ignores other channels and private messages to the reader', async () => {
      const chat = readChat(server.port);
      await chat.joined();
      const carol = await IrcViewer.join(CHANNEL, server.port, 'carol', { channel: 'elsewhere' });
      carol.send('PRIVMSG #elsewhere :!1', `PRIVMSG ${chat.reader.nick} :!1`, `JOIN #${CHANNEL}`);
      await carol.waitFor((m) => m.command === 'JOIN' && m.params[0] === `#${CHANNEL}`);
      carol.say('!2');
      await vi.waitFor(() => expect(chat.messages).toHaveLength(1), { timeout: 5_000 });
      expect(sides(chat.votes)).toEqual(['carol:right']);
      carol.quit();
    });

    it('reconnects and rejoins when the server goes down and comes back, and still reports votes', async () => {
      const chat = readChat(server.port);
      await chat.joined();
      await server.stop();
      await vi.waitFor(() => expect(chat.reader.status).toBe('connecting'), { timeout: 5_000 });
      await sleep(600); // a few refused attempts while it is down
      await server.start();
      await chat.joined();
      expect(chat.statuses).toEqual(['joined', 'connecting', 'joined']);

      const dave = await IrcViewer.join(CHANNEL, server.port, 'dave');
      dave.say('!2');
      await vi.waitFor(() => expect(sides(chat.votes)).toEqual(['dave:right']), { timeout: 5_000 });
      dave.quit();
    });

    it('reconnects when the server drops it (KILL by an operator)', async () => {
      const chat = readChat(server.port);
      await chat.joined();
      const nick = chat.reader.nick;
      const op = await IrcViewer.join(CHANNEL, server.port, 'op');
      op.send(`OPER operator ${OPERATOR_PASSWORD}`);
      await op.waitFor((m) => m.command === '381'); // you are now an IRC operator
      op.send(`KILL ${nick} :testing reconnects`);
      await vi.waitFor(() => expect(chat.statuses).toContain('connecting'), { timeout: 5_000 });
      await chat.joined();
      expect(chat.statuses).toEqual(['joined', 'connecting', 'joined']);
      op.say('!1');
      await vi.waitFor(() => expect(sides(chat.votes)).toEqual(['op:left']), { timeout: 5_000 });
      op.quit();
    });

    it("answers the server's PINGs, so a quiet connection stays up", async () => {
      const chat = readChat(server.port);
      await chat.joined();
      // The control: a client that never answers PING, connected after the reader went quiet.
      const silent = await IrcViewer.join(CHANNEL, server.port, 'silent', { answersPing: false });
      await vi.waitFor(() => expect(silent.closed).toBe(true), { timeout: 15_000, interval: 100 });
      expect(silent.lines.some((line) => line.startsWith('PING'))).toBe(true);
      await sleep(500);
      const erin = await IrcViewer.join(CHANNEL, server.port, 'erin');
      erin.say('2');
      await vi.waitFor(() => expect(sides(chat.votes)).toEqual(['erin:right']), { timeout: 5_000 });
      // The reader was quiet for longer than the silent client and is still on its first connection.
      expect(chat.statuses).toEqual(['joined']);
      erin.quit();
    }, 25_000);

    it('drops a connection whose server stopped answering, and rejoins once it answers again', async () => {
      const chat = readChat(server.port, { idleTimeoutMs: 300, joinTimeoutMs: 1_000 });
      await chat.joined();
      await sleep(1_000); // quiet for more than twice idleTimeoutMs: its own PINGs were answered
      expect(chat.statuses).toEqual(['joined']);
      server.pause();
      try {
        await vi.waitFor(() => expect(chat.reader.status).toBe('connecting'), { timeout: 5_000 });
        // The kernel still accepts connections; the join timeout gives up on those that never get a welcome.
        await sleep(2_000);
      } finally {
        server.resume();
      }
      await chat.joined();
      expect(chat.statuses).toEqual(['joined', 'connecting', 'joined']);
      expect(chat.errors.map(String)).toContain('Error: chat: the server stopped answering');
      expect(chat.errors.map(String)).toContain('Error: chat: not joined in time');
    });

    it('close() quits the channel, reports nothing more and never reconnects', async () => {
      const chat = readChat(server.port);
      await chat.joined();
      const frank = await IrcViewer.join(CHANNEL, server.port, 'frank');
      const nick = chat.reader.nick;
      await chat.reader.close();
      expect(chat.reader.status).toBe('closed');
      await frank.waitFor((m) => m.command === 'QUIT' && m.source?.nick === nick);
      frank.say('!1');
      await sleep(300);
      expect(chat.messages).toEqual([]);

      const connections = accepted(server.log());
      await server.stop();
      await server.start();
      await sleep(1_000); // more than the backoff's cap
      expect(accepted(server.log()) - connections).toBe(1); // the restart's readiness probe, no reader
      expect(chat.statuses).toEqual(['joined', 'closed']);
      await chat.reader.close(); // a second close is harmless
    });

    it('close() while waiting to reconnect cancels the retry', async () => {
      const chat = readChat(server.port);
      await chat.joined();
      await server.stop();
      await vi.waitFor(() => expect(chat.reader.status).toBe('connecting'), { timeout: 5_000 });
      await chat.reader.close();
      const connections = accepted(server.log());
      await server.start();
      await sleep(1_000);
      expect(accepted(server.log()) - connections).toBe(1); // the readiness probe only
      expect(chat.statuses).toEqual(['joined', 'connecting', 'closed']);
    });
  });

  describe('IrcChatReader over TLS', () => {
    let tlsServer: Ngircd;
    beforeAll(async () => {
      tlsServer = await startNgircd({ tls: true });
    });
    afterAll(async () => {
      await tlsServer.dispose();
    });

    it('reads chat over TLS from a server whose certificate it trusts', async () => {
      const chat = readChat({ host: '127.0.0.1', port: tlsServer.tlsPort ?? 0, tls: true, ca: tlsServer.ca });
      await chat.joined();
      const grace = await IrcViewer.join(CHANNEL, tlsServer.port, 'grace');
      grace.say('!투표1');
      await vi.waitFor(() => expect(sides(chat.votes)).toEqual(['grace:left']), { timeout: 5_000 });
      grace.quit();
    });

    it('does not join a server whose certificate it cannot verify', async () => {
      const chat = readChat({ host: '127.0.0.1', port: tlsServer.tlsPort ?? 0, tls: true });
      await vi.waitFor(() => expect(chat.errors.length).toBeGreaterThan(0), { timeout: 5_000 });
      expect(String(chat.errors[0])).toMatch(/self[- ]signed/i);
      expect(chat.reader.status).toBe('connecting');
    });
  });
}
