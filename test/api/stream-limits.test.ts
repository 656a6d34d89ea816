/**
 * Caps on open event streams and the request timeout, through the HTTP API on SQLite and
 * PostgreSQL: a session (and an address) beyond its cap of open streams gets 429
 * `too_many_streams` before any stream starts, while everyone else is served; closing a stream
 * frees its slot. A request whose headers or body never finish is answered 408 and closed within
 * the timeout, while an event stream open for longer keeps receiving events.
 */
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError, Game, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, textCandidates, useTestServer } from '../helpers/api.js';
import { SseClient } from '../helpers/sse.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const TIMEOUT_MS = 1_000;

/** Asserts a refused stream: 429 `too_many_streams` in the API's error shape, with Retry-After; returns the message. */
async function expectTooMany(stream: SseClient): Promise<string> {
  expect(stream.status).toBe(429);
  expect(stream.res.headers['content-type'] ?? '').toContain('application/json');
  const retryAfter = Number(stream.res.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After: ${stream.res.headers['retry-after']}`).toBe(true);
  const body = JSON.parse(await stream.body()) as ApiError;
  expect(body).toEqual({ error: { code: 'too_many_streams', message: expect.any(String) as string } });
  return body.error.message;
}

/** What a raw socket received until the server answered and closed it, and how long that took. */
interface RawAnswer {
  text: string;
  status: number | undefined;
  closedAfterMs: number;
}

/** Sends `head` (and never the rest of the request) on a raw socket; resolves once the server closes it. */
function sendAndStall(base: string, head: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let text = '';
    const socket = net.connect({ host: hostname, port: Number(port) }, () => socket.write(head));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined); // a reset counts as closed too
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1];
      resolve({ text, status: status === undefined ? undefined : Number(status), closedAfterMs: Date.now() - started });
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after 10 s; received: ${text}`));
    }, 10_000);
  });
}

/** Two GETs on one keep-alive connection, `idleMs` apart: each one's status and whether it reused the connection. */
async function keepAliveTwice(url: string, idleMs: number): Promise<{ status: number | undefined; isReused: boolean }[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<{ status: number | undefined; isReused: boolean }>((resolve, reject) => {
      const req = http.get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, isReused: req.reusedSocket }));
      });
      req.on('error', reject);
    });
  try {
    const first = await get();
    await sleep(idleMs);
    return [first, await get()];
  } finally {
    agent.destroy();
  }
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API stream caps and request timeout (${dialect})`, () => {
    const streams: SseClient[] = [];
    afterEach(() => {
      for (const stream of streams.splice(0)) stream.close();
    });
    const cookieOf = (user: ApiClient) => ({ headers: { cookie: `vs_session=${user.session ?? ''}` } });
    /** Opens a stream (kept for closing after the test); a 200 one is returned once its snapshot arrived. */
    async function open(base: string, path: string, user?: ApiClient): Promise<SseClient> {
      const stream = await SseClient.connect(base + path, user ? cookieOf(user) : {});
      streams.push(stream);
      if (stream.status === 200) await stream.waitFor((e) => e.event === 'snapshot');
      return stream;
    }
    /** Opens streams until one is admitted (a closed stream's slot frees a moment after it closes). */
    async function openOnceFree(base: string, path: string, user?: ApiClient): Promise<SseClient> {
      const deadline = Date.now() + 3_000;
      for (;;) {
        const stream = await open(base, path, user);
        if (stream.status === 200 || Date.now() > deadline) return stream;
        await sleep(50);
      }
    }

    describe('3 streams per session, with a request timeout of 1 s', () => {
      const t = useTestServer(dialect, { config: { limitStreamsPerSession: 3, requestTimeoutMs: TIMEOUT_MS, liveHeartbeatMs: 200 } });

      it('refuses a session its 4th open stream, on either endpoint, while other sessions and plain requests are served; closing one frees a slot', async () => {
        const alice = t.user();
        const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'capped', candidates: textCandidates(4) } });
        const cupPath = `/api/v1/worldcups/${wc.id}/events`;
        const held = [await open(t.url, cupPath, alice), await open(t.url, '/api/v1/events', alice), await open(t.url, cupPath, alice)];
        expect(held.map((s) => s.status)).toEqual([200, 200, 200]);
        // Longer than a slot lasts unless renewed (four heartbeats of 200 ms): the hub renews those of open streams.
        await sleep(1_200);

        for (const path of [cupPath, '/api/v1/events']) {
          expect(await expectTooMany(await open(t.url, path, alice))).toMatch(/from this browser: at most 3 at once/);
        }
        // Alice's open streams go on; her other requests, other sessions' streams and the
        // stream's HEAD check (what the web app asks before reconnecting) are still served.
        expect(held.every((s) => !s.isClosed)).toBe(true);
        expect((await alice.get(`/api/v1/worldcups/${wc.id}`)).status).toBe(200);
        expect((await alice.request('HEAD', cupPath)).status).toBe(200);
        const bob = t.user();
        await bob.get('/api/v1/worldcups');
        expect((await open(t.url, cupPath, bob)).status).toBe(200);
        expect((await open(t.url, cupPath)).status).toBe(200); // no cookie: a new session

        held[0]?.close();
        const reopened = await openOnceFree(t.url, '/api/v1/events', alice);
        expect(reopened.status).toBe(200);
        await expectTooMany(await open(t.url, cupPath, alice)); // full again
      });

      it('answers a request whose body (or headers) never finish with 408 and closes it, while a stream open for longer keeps receiving events', async () => {
        const alice = t.user();
        const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'slow', candidates: textCandidates(4) } });
        const viewer = await open(t.url, `/api/v1/worldcups/${wc.id}/events`);
        const { host } = new URL(t.url);
        const [slowBody, slowHeaders, keepAlive] = await Promise.all([
          sendAndStall(t.url, `POST /api/v1/worldcups HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"title":"never fin`),
          sendAndStall(t.url, `GET /api/v1/worldcups HTTP/1.1\r\nHost: ${host}\r\nAccept: appl`),
          keepAliveTwice(`${t.url}/api/v1/health`, 1.5 * TIMEOUT_MS),
        ]);
        // A kept-alive connection idle between two requests is no late request: it is still there.
        expect(keepAlive).toEqual([
          { status: 200, isReused: false },
          { status: 200, isReused: true },
        ]);
        for (const answer of [slowBody, slowHeaders]) {
          expect(answer.status, answer.text).toBe(408);
          const body = JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4)) as ApiError;
          expect(body.error.code).toBe('request_timeout');
          expect(body.error.message.length).toBeGreaterThan(0);
          // Not before the timeout, and not long after it (Node looks for late requests every 250 ms here).
          expect(answer.closedAfterMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
          expect(answer.closedAfterMs).toBeLessThan(TIMEOUT_MS + 1_000);
        }
        // Nothing of the unfinished world cup was created.
        expect((await alice.ok<{ items: WorldCup[] }>('GET', '/api/v1/worldcups?sort=new&limit=60', 200)).items.map((w) => w.title)).not.toContain(
          'never fin',
        );

        // The stream has now been open for well over the timeout: still there, still live.
        await sleep(TIMEOUT_MS);
        expect(viewer.isClosed).toBe(false);
        const game = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
        await alice.ok('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.a.id, picks: game.picks } });
        await viewer.waitFor((e) => e.event === 'ranking' && (JSON.parse(e.data) as { votes: number }).votes === 1, 3_000);
        expect(viewer.comments).toBeGreaterThanOrEqual(5); // keep-alives all along
      });
    });

    describe('5 streams per address', () => {
      const t = useTestServer(dialect, { config: { limitStreamsPerAddress: 5 } });

      it('refuses the 6th stream from one address, cookies or not, and serves it again once one closes', async () => {
        // Clients without cookies are a new session on every request: only the address cap holds them.
        const held: SseClient[] = [];
        for (let k = 0; k < 5; k++) held.push(await open(t.url, '/api/v1/events'));
        expect(held.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
        expect(await expectTooMany(await open(t.url, '/api/v1/events'))).toMatch(/from this network address: at most 5 at once/);
        const carol = t.user();
        expect((await carol.get('/api/v1/worldcups')).status).toBe(200); // plain requests are not capped
        await expectTooMany(await open(t.url, '/api/v1/events', carol));

        held[2]?.close();
        expect((await openOnceFree(t.url, '/api/v1/events', carol)).status).toBe(200);
        await expectTooMany(await open(t.url, '/api/v1/events'));
      });
    });
  });
}
