/**
 * Bad requests, on SQLite and PostgreSQL: each gets the right 4xx with a JSON error (status, stable
 * code, non-empty message), nothing already stored changes (world cups, rankings, games, listings,
 * tags are compared before and after), and no request in this file gets a 5xx.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Game, Ranking, WorldCup } from '../../src/shared/schemas.js';
import {
  type ApiClient,
  type ApiResponse,
  apiDialects,
  expectError,
  seenStatuses,
  textCandidates,
  upload,
  useTestServer,
} from '../helpers/api.js';

interface Case {
  name: string;
  send: () => Promise<ApiResponse<unknown>>;
  status: number;
  code: string | string[];
  /** A word the message should mention, so the user knows what to fix. */
  mentions?: string;
}

const WC = '/api/v1/worldcups';
const UNKNOWN_ID = 'AAAAAAAAAAAA';

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API bad input (${dialect})`, () => {
    const t = useTestServer(dialect);
    let alice: ApiClient;
    let bob: ApiClient;
    let wc: WorldCup;
    let priv: WorldCup;
    let other: WorldCup;
    let active: Game;
    let finished: Game;
    let fresh: Game;
    let pngBytes: Buffer;

    beforeAll(async () => {
      alice = t.user();
      bob = t.user();
      await bob.get('/api/v1/me/worldcups');
      const create = (body: object) => alice.ok<WorldCup>('POST', WC, 201, { json: body });
      wc = await create({ title: 'stored cup', tags: ['stored'], candidates: textCandidates(8) });
      priv = await create({ title: 'private cup', visibility: 'private', candidates: textCandidates(4) });
      other = await create({ title: 'other cup', candidates: textCandidates(4, 'Other ') });
      const start = (size: number) => alice.ok<Game>('POST', `${WC}/${wc.id}/games`, 201, { json: { size } });
      const pick = (g: Game) => alice.ok<Game>('POST', `/api/v1/games/${g.id}/picks`, 200, { json: { winner: g.match?.a.id } });
      active = await pick(await pick(await start(8)));
      finished = await start(4);
      while (!finished.done) finished = await pick(finished);
      fresh = await start(4);
      pngBytes = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#0a8' } }).png({ compressionLevel: 0 }).toBuffer();
    });

    /** Everything a user could see change: the world cups, rankings, games, listings and tags. */
    async function snapshot() {
      const get = (path: string, who = alice) => who.ok<unknown>('GET', path, 200);
      const ranking = async (id: string) => ({ ...(await alice.ok<Ranking>('GET', `${WC}/${id}/ranking`, 200)), updatedAt: null });
      const [worldcups, rankings, games, lists] = await Promise.all([
        Promise.all([wc, priv, other].map((w) => get(`${WC}/${w.id}`))),
        Promise.all([wc, priv, other].map((w) => ranking(w.id))),
        Promise.all([active, finished, fresh].map((g) => get(`/api/v1/games/${g.id}`))),
        Promise.all([get('/api/v1/me/worldcups?limit=60'), get('/api/v1/me/worldcups?limit=60', bob), get(`${WC}?sort=new&limit=60`), get('/api/v1/tags')]),
      ]);
      return { worldcups, rankings, games, lists };
    }

    const elevenMegabytePng = () => Buffer.concat([pngBytes, Buffer.alloc(11 * 1024 * 1024 - pngBytes.length)]);
    const raw = (method: string, path: string, body: string, type = 'application/json', who?: ApiClient) =>
      (who ?? alice).request(method, path, { body, headers: { 'content-type': type } });
    const createWith = (body: object) => alice.post(WC, { title: 'new cup', candidates: textCandidates(8), ...body });
    const patchWith = (body: object, who?: ApiClient) => (who ?? alice).patch(`${WC}/${wc.id}`, body);
    const keep = () => wc.candidates.map((c) => ({ id: c.id, name: c.name }));
    const notInMatch = () => wc.candidates.find((c) => c.id !== active.match?.a.id && c.id !== active.match?.b.id)?.id;

    const cases: Case[] = [
      // malformed and hostile JSON
      { name: 'malformed JSON (create)', send: () => raw('POST', WC, '{"title": "x", '), status: 400, code: 'invalid_json' },
      { name: 'malformed JSON (edit)', send: () => raw('PATCH', `${WC}/${wc.id}`, '{"title": }'), status: 400, code: 'invalid_json' },
      { name: 'malformed JSON (pick)', send: () => raw('POST', `/api/v1/games/${active.id}/picks`, '{winner}'), status: 400, code: 'invalid_json' },
      { name: 'empty JSON body', send: () => raw('POST', WC, ''), status: 400, code: 'invalid_json' },
      { name: '__proto__ in the body', send: () => raw('POST', WC, JSON.stringify({ title: 'x', candidates: textCandidates(4) }).replace('{', '{"__proto__":{"isOwner":true},')), status: 400, code: 'invalid_json' },
      { name: '__proto__ in an edit', send: () => raw('PATCH', `${WC}/${wc.id}`, '{"title":"x","__proto__":{"owner":"me"}}'), status: 400, code: 'invalid_json' },
      { name: 'constructor.prototype in the body', send: () => raw('POST', WC, '{"title":"x","constructor":{"prototype":{"a":1}}}'), status: 400, code: 'invalid_json' },
      { name: 'JSON body over 1 MB', send: () => createWith({ description: 'x'.repeat(1_100_000) }), status: 413, code: 'payload_too_large' },
      // wrong content types
      { name: 'XML content-type', send: () => raw('POST', WC, '<worldcup/>', 'application/xml'), status: 415, code: 'unsupported_media_type' },
      { name: 'form-encoded content-type', send: () => raw('POST', WC, 'title=x', 'application/x-www-form-urlencoded'), status: 415, code: 'unsupported_media_type' },
      { name: 'JSON sent as text/plain', send: () => raw('POST', WC, JSON.stringify({ title: 'x', candidates: textCandidates(4) }), 'text/plain'), status: 400, code: 'invalid_request' },
      { name: 'pick without a body', send: () => alice.request('POST', `/api/v1/games/${active.id}/picks`), status: 400, code: 'invalid_request' },
      { name: 'upload sent as JSON', send: () => alice.post('/api/v1/uploads', { file: 'data:image/png;base64,AAAA' }), status: 415, code: 'not_multipart' },
      // schema violations
      { name: 'title of the wrong type', send: () => createWith({ title: 5 }), status: 400, code: 'invalid_request', mentions: 'title' },
      { name: 'candidates not a list', send: () => createWith({ candidates: 'a,b,c,d' }), status: 400, code: 'invalid_request', mentions: 'candidates' },
      { name: 'unknown field (create)', send: () => createWith({ color: 'red' }), status: 400, code: 'invalid_request', mentions: 'color' },
      { name: 'unknown field (edit)', send: () => patchWith({ title: 'x', owner: 'me' }), status: 400, code: 'invalid_request', mentions: 'owner' },
      { name: 'unknown candidate field', send: () => createWith({ candidates: [...textCandidates(3), { name: 'x', score: 9 }] }), status: 400, code: 'invalid_request', mentions: 'score' },
      { name: '3 candidates', send: () => createWith({ candidates: textCandidates(3) }), status: 400, code: 'invalid_request', mentions: 'candidates' },
      { name: '1025 candidates', send: () => createWith({ candidates: textCandidates(1025) }), status: 400, code: 'invalid_request', mentions: 'candidates' },
      { name: 'edit down to 3 candidates', send: () => patchWith({ candidates: keep().slice(0, 3) }), status: 400, code: 'invalid_request' },
      { name: 'empty candidate name', send: () => createWith({ candidates: [...textCandidates(3), { name: '' }] }), status: 400, code: 'invalid_request', mentions: 'name' },
      { name: 'blank candidate name', send: () => createWith({ candidates: [...textCandidates(3), { name: '   ' }] }), status: 400, code: 'invalid_request', mentions: 'name' },
      { name: '200-character name', send: () => createWith({ candidates: [...textCandidates(3), { name: 'x'.repeat(200) }] }), status: 400, code: 'invalid_request', mentions: 'name' },
      { name: 'empty title', send: () => createWith({ title: ' ' }), status: 400, code: 'invalid_request', mentions: 'title' },
      { name: '11 tags', send: () => createWith({ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }), status: 400, code: 'invalid_request', mentions: 'tags' },
      { name: 'two media on one candidate', send: () => createWith({ candidates: [...textCandidates(3), { name: 'x', text: 'y', videoUrl: 'https://youtu.be/dQw4w9WgXcQ' }] }), status: 400, code: 'invalid_request' },
      { name: 'bad visibility', send: () => patchWith({ visibility: 'secret' }), status: 400, code: 'invalid_request', mentions: 'visibility' },
      // rules the service checks
      { name: 'duplicate candidate names', send: () => createWith({ candidates: [...textCandidates(3), { name: 'Candidate 02' }] }), status: 400, code: 'duplicate_candidate', mentions: 'Candidate 02' },
      { name: 'duplicate names differing in case (edit)', send: () => patchWith({ title: 'x', candidates: [...keep(), { name: keep()[0]?.name.toUpperCase() }] }), status: 400, code: 'duplicate_candidate' },
      { name: 'image that was never uploaded', send: () => createWith({ candidates: [...textCandidates(3), { name: 'x', imageId: UNKNOWN_ID }] }), status: 400, code: 'unknown_image' },
      { name: 'video link that is not YouTube', send: () => createWith({ candidates: [...textCandidates(3), { name: 'x', videoUrl: 'https://vimeo.com/1' }] }), status: 400, code: 'invalid_video_url' },
      { name: "another world cup's candidate id in an edit", send: () => patchWith({ title: 'x', candidates: [...keep().slice(1), { id: other.candidates[0]?.id, name: 'stolen' }] }), status: 400, code: 'unknown_candidate' },
      // games
      { name: 'size 12 (not a power of two)', send: () => alice.post(`${WC}/${wc.id}/games`, { size: 12 }), status: 400, code: 'invalid_request', mentions: 'power of two' },
      { name: 'size as a string', send: () => alice.post(`${WC}/${wc.id}/games`, { size: '8' }), status: 400, code: 'invalid_request', mentions: 'size' },
      { name: 'size 1', send: () => alice.post(`${WC}/${wc.id}/games`, { size: 1 }), status: 400, code: 'invalid_request', mentions: 'size' },
      { name: 'size larger than the candidates', send: () => alice.post(`${WC}/${wc.id}/games`, { size: 16 }), status: 400, code: 'invalid_size', mentions: '16' },
      { name: 'pick a candidate not in the current match', send: () => alice.post(`/api/v1/games/${active.id}/picks`, { winner: notInMatch() }), status: 409, code: 'not_in_match' },
      { name: "pick another world cup's candidate", send: () => alice.post(`/api/v1/games/${active.id}/picks`, { winner: other.candidates[0]?.id }), status: 409, code: 'not_in_match' },
      { name: 'pick on a finished game', send: () => alice.post(`/api/v1/games/${finished.id}/picks`, { winner: finished.champion?.id }), status: 409, code: 'game_finished' },
      { name: 'undo with nothing to undo', send: () => alice.post(`/api/v1/games/${fresh.id}/undo`), status: 409, code: 'nothing_to_undo' },
      { name: 'pick made against an older state (retry)', send: () => alice.post(`/api/v1/games/${active.id}/picks`, { winner: active.match?.a.id, picks: active.picks + 1 }), status: 409, code: 'stale_game' },
      { name: 'undo made against an older state (retry)', send: () => alice.post(`/api/v1/games/${active.id}/undo`, { picks: active.picks + 1 }), status: 409, code: 'stale_game' },
      { name: 'picks count of the wrong type', send: () => alice.post(`/api/v1/games/${active.id}/picks`, { winner: active.match?.a.id, picks: 'one' }), status: 400, code: 'invalid_request', mentions: 'picks' },
      // unknown and malformed ids
      { name: 'unknown world cup', send: () => alice.get(`${WC}/${UNKNOWN_ID}`), status: 404, code: 'not_found' },
      { name: 'ranking of an unknown world cup', send: () => alice.get(`${WC}/${UNKNOWN_ID}/ranking`), status: 404, code: 'not_found' },
      { name: 'game of an unknown world cup', send: () => alice.post(`${WC}/${UNKNOWN_ID}/games`, { size: 4 }), status: 404, code: 'not_found' },
      { name: 'edit an unknown world cup', send: () => alice.patch(`${WC}/${UNKNOWN_ID}`, { title: 'x' }), status: 404, code: 'not_found' },
      { name: 'delete an unknown world cup', send: () => alice.delete(`${WC}/${UNKNOWN_ID}`), status: 404, code: 'not_found' },
      { name: 'unknown game', send: () => alice.get(`/api/v1/games/${UNKNOWN_ID}`), status: 404, code: 'not_found' },
      { name: 'pick in an unknown game', send: () => alice.post(`/api/v1/games/${UNKNOWN_ID}/picks`, { winner: UNKNOWN_ID }), status: 404, code: 'not_found' },
      { name: 'undo in an unknown game', send: () => alice.post(`/api/v1/games/${UNKNOWN_ID}/undo`), status: 404, code: 'not_found' },
      { name: 'malformed world cup id', send: () => alice.get(`${WC}/bad%21id`), status: 400, code: 'invalid_request', mentions: 'id' },
      { name: 'malformed game id', send: () => alice.post(`/api/v1/games/${'x'.repeat(41)}/undo`), status: 400, code: 'invalid_request', mentions: 'id' },
      { name: 'malformed winner id', send: () => alice.post(`/api/v1/games/${active.id}/picks`, { winner: "' OR 1=1 --" }), status: 400, code: 'invalid_request', mentions: 'winner' },
      { name: 'unknown image file', send: () => alice.get(`/media/${UNKNOWN_ID}.webp`), status: 404, code: 'not_found' },
      // other sessions
      { name: 'private world cup, another session', send: () => bob.get(`${WC}/${priv.id}`), status: 404, code: 'not_found' },
      { name: 'private ranking, no session', send: () => t.anonymous().get(`${WC}/${priv.id}/ranking`), status: 404, code: 'not_found' },
      { name: 'edit a private world cup, another session', send: () => bob.patch(`${WC}/${priv.id}`, { title: 'x' }), status: 404, code: 'not_found' },
      { name: 'edit by a non-owner', send: () => patchWith({ title: 'taken over', visibility: 'private' }, bob), status: 403, code: 'forbidden' },
      { name: 'candidates edited by a non-owner', send: () => patchWith({ candidates: keep().slice(0, 4) }, bob), status: 403, code: 'forbidden' },
      { name: 'delete by a non-owner', send: () => bob.delete(`${WC}/${wc.id}`), status: 403, code: 'forbidden' },
      { name: 'delete with no session', send: () => t.anonymous().delete(`${WC}/${wc.id}`), status: 403, code: 'forbidden' },
      // listings
      { name: 'invalid cursor', send: () => alice.get(`${WC}?cursor=garbage`), status: 400, code: 'invalid_cursor' },
      { name: 'cursor of the wrong shape', send: () => alice.get(`${WC}?cursor=${Buffer.from('{"plays":1}').toString('base64url')}`), status: 400, code: 'invalid_cursor' },
      { name: 'limit 1000', send: () => alice.get(`${WC}?limit=1000`), status: 400, code: 'invalid_request', mentions: 'limit' },
      { name: 'limit 0', send: () => alice.get('/api/v1/me/worldcups?limit=0'), status: 400, code: 'invalid_request', mentions: 'limit' },
      { name: 'limit not a number', send: () => alice.get(`${WC}?limit=ten`), status: 400, code: 'invalid_request', mentions: 'limit' },
      { name: 'unknown sort', send: () => alice.get(`${WC}?sort=shuffled`), status: 400, code: 'invalid_request', mentions: 'sort' },
      // unknown routes
      { name: 'unknown /api route', send: () => alice.get('/api/v1/nothing-here'), status: 404, code: 'not_found' },
      { name: 'unknown /api version', send: () => alice.get('/api/v2/worldcups'), status: 404, code: 'not_found' },
      // uploads
      { name: '11 MB upload', send: () => upload(alice, elevenMegabytePng(), 'huge.png', 'image/png'), status: 413, code: 'file_too_large', mentions: '10 MB' },
      { name: 'text file named .png', send: () => upload(alice, Buffer.from('just some text, honestly\n'), 'cat.png', 'image/png'), status: 415, code: 'unsupported_image' },
      { name: 'truncated PNG', send: () => upload(alice, pngBytes.subarray(0, pngBytes.length >> 1), 'half.png', 'image/png'), status: 400, code: ['invalid_image', 'unsupported_image'] },
      { name: 'SVG upload', send: () => upload(alice, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>alert(1)</script></svg>'), 'x.svg', 'image/svg+xml'), status: 415, code: 'unsupported_image' },
      { name: 'empty file', send: () => upload(alice, new Uint8Array(0), 'empty.png', 'image/png'), status: 415, code: 'unsupported_image' },
      { name: 'multipart without a file', send: () => alice.request('POST', '/api/v1/uploads', { body: textOnlyForm() }), status: 400, code: 'missing_file', mentions: 'file' },
    ];

    for (const c of cases) {
      it(`${c.name} → ${c.status}`, async () => {
        const before = await snapshot();
        const body = expectError(await c.send(), c.status, c.code);
        if (c.mentions) expect(body.error.message).toContain(c.mentions);
        expect(await snapshot()).toEqual(before);
      });
    }

    it('an 11 MB upload is refused every time, never stored cut to 10 MB', async () => {
      // A valid PNG followed by padding: cut at 10 MB it still decodes, so a missed limit shows as 201.
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await upload(alice, elevenMegabytePng(), 'huge.png', 'image/png')).status);
      expect(statuses).toEqual([413, 413, 413, 413]);
    });

    it('an image over 50 megapixels → 400 image_too_large', async () => {
      const huge = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: '#000' } }).png().toBuffer();
      expect(huge.length).toBeLessThan(10 * 1024 * 1024);
      const body = expectError(await upload(alice, huge, 'huge.png', 'image/png'), 400, 'image_too_large');
      expect(body.error.message).toContain('megapixels');
    });

    it('the fixture still works after all of that', async () => {
      // The rejected requests left the games playable: the active game takes a valid pick.
      const game = await alice.ok<Game>('POST', `/api/v1/games/${active.id}/picks`, 200, { json: { winner: active.match?.b.id } });
      expect(game.picks).toBe(active.picks + 1);
      expect((await alice.ok<WorldCup>('GET', `${WC}/${wc.id}`, 200)).title).toBe('stored cup');
    });

    it('no request in this suite got a 5xx', () => {
      expect(seenStatuses.length).toBeGreaterThan(cases.length * 2);
      expect(seenStatuses.filter((s) => s.status >= 500)).toEqual([]);
    });
  });
}

function textOnlyForm(): FormData {
  const form = new FormData();
  form.append('title', 'no file here');
  return form;
}
