/**
 * Hooks decide on the path the router decided (issue 9, item 2), on SQLite and PostgreSQL. The
 * router decodes percent-escapes, so `POST /%61pi/v1/worldcups` reaches the create route; it used
 * to skip the same-origin check and the session hook (text compared with '/api/') and create world
 * cups owned by '' that any other client could read and edit. Now every spelling of an API path is
 * checked like the plain one, and nothing is ever made by an empty owner.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { WorldCup, WorldCupPage } from '../../src/shared/schemas.js';
import { apiDialects, expectError, fileForm, textCandidates, useTestServer } from '../helpers/api.js';

const ENCODED = ['/%61pi/v1/worldcups', '/api/%761/worldcups', '/%61%70%69/v1/worldcups', '/api/v1/%77orldcups'];

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`hooks see the routed path (${dialect})`, () => {
    const t = useTestServer(dialect);
    const create = { title: 'encoded', visibility: 'private', candidates: textCandidates(4) };
    const owners = async () => (await t.server.server.store.kysely.selectFrom('worldcups').select('owner').execute()).map((r) => r.owner);
    const uploadOwners = async () => (await t.server.server.store.kysely.selectFrom('uploads').select('owner').execute()).map((r) => r.owner);

    it('refuses a cross-site create or upload under any spelling of the path, and stores nothing', async () => {
      const user = t.user();
      const [worldcupsBefore, uploadsBefore] = [await owners(), await uploadOwners()];
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } }).png().toBuffer();
      for (const path of ENCODED) {
        expectError(await user.request('POST', path, { json: create, headers: { origin: 'https://evil.example' } }), 403, 'cross_site_request');
      }
      for (const path of ['/%61pi/v1/uploads', '/api/v1/%75ploads']) {
        const res = await user.request('POST', path, { body: fileForm(png, 'x.png', 'image/png'), headers: { origin: 'https://evil.example' } });
        expectError(res, 403, 'cross_site_request');
      }
      expect(await owners()).toEqual(worldcupsBefore);
      expect(await uploadOwners()).toEqual(uploadsBefore);
    });

    it('gives an encoded same-site request a real session: what it makes is private to it, never owned by ""', async () => {
      const alice = t.anonymous(); // no cookie: the session hook must mint one, whatever the spelling
      const res = await alice.request<WorldCup>('POST', '/%61pi/v1/worldcups', { json: create });
      expect(res.status).toBe(201);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('vs_session='))).toBe(true);
      expect(await owners()).not.toContain('');
      // Another client can neither read nor edit the private world cup.
      const bob = t.user();
      expectError(await bob.get(`/api/v1/worldcups/${res.body.id}`), 404, 'not_found');
      expectError(await bob.patch(`/%61pi/v1/worldcups/${res.body.id}`, { title: 'mine now' }), 404, 'not_found');
      expect((await bob.ok<WorldCupPage>('GET', '/api/v1/worldcups?sort=new', 200)).items.map((w) => w.id)).not.toContain(res.body.id);
    });

    it('answers HEAD / like GET / (the app page), and keeps unknown API paths a JSON 404', async () => {
      const get = await fetch(`${t.url}/`);
      const head = await fetch(`${t.url}/`, { method: 'HEAD' });
      expect(get.status).toBe(200);
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      expect((await fetch(`${t.url}/w/some-world-cup`, { method: 'HEAD' })).status).toBe(200);
      for (const path of ['/api/v1/nothing-here', '/%61pi/v1/nothing-here']) {
        const res = await fetch(`${t.url}${path}`);
        expect(res.status).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    });
  });
}
