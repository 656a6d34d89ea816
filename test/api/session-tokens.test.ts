/**
 * The server accepts only session tokens it issued (issue 9, item 9), on SQLite and PostgreSQL.
 * Two clients that planted the same made-up `vs_session` used to share one anonymous owner, private
 * world cups included. Now an invented, tampered or foreign token is replaced by a fresh one; a
 * token issued before tokens were signed is honoured only if its session already owns something.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sessionOwner } from '../../src/services/ids.js';
import type { WorldCup } from '../../src/shared/schemas.js';
import { apiDialects, expectError, textCandidates, useTestServer } from '../helpers/api.js';
import { worldcupRow } from '../helpers/rows.js';

/** One request with exactly this cookie: the status, the body and the session cookie set in reply (if any). */
async function send(url: string, method: string, token: string, json?: unknown): Promise<{ status: number; body: unknown; issued: string | undefined }> {
  const res = await fetch(url, {
    method,
    headers: { cookie: `vs_session=${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const line = res.headers.getSetCookie().find((c) => c.startsWith('vs_session='));
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, issued: line?.split(';')[0]?.slice('vs_session='.length) };
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`session tokens (${dialect})`, () => {
    const t = useTestServer(dialect);
    const create = { title: 'planted', visibility: 'private', candidates: textCandidates(4) };

    it('replaces an invented token, so two clients planting the same one never share what it owns', async () => {
      for (const planted of [randomBytes(40).toString('base64url').slice(0, 54), 'A'.repeat(32), randomBytes(24).toString('base64url')]) {
        const first = await send(`${t.url}/api/v1/worldcups`, 'POST', planted, create);
        expect(first.status).toBe(201);
        expect(first.issued, 'a fresh token replaces the planted one').toBeDefined();
        expect(first.issued).not.toBe(planted);
        const id = (first.body as WorldCup).id;
        // The second client plants the same token: it is a stranger to the world cup.
        const second = await send(`${t.url}/api/v1/worldcups/${id}`, 'GET', planted);
        expect(second.status).toBe(404);
        expect(second.issued).toBeDefined();
        expect(second.issued).not.toBe(first.issued);
        // The first client, with the token it was given, is the owner.
        const mine = await send(`${t.url}/api/v1/worldcups/${id}`, 'GET', first.issued ?? '');
        expect(mine.status).toBe(200);
        expect((mine.body as WorldCup).isOwner).toBe(true);
        expect(mine.issued, 'an issued token is kept').toBeUndefined();
      }
    });

    it('replaces a tampered token (its MAC no longer fits)', async () => {
      const user = t.user();
      const wc = await user.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: create });
      const token = user.session ?? '';
      expect(token).toHaveLength(54);
      const tampered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
      const res = await send(`${t.url}/api/v1/worldcups/${wc.id}`, 'GET', tampered);
      expect(res.status).toBe(404);
      expect(res.issued).toBeDefined();
      expectError(await user.get('/api/v1/worldcups/not-a-world-cup'), 404, 'not_found');
      expect((await user.ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200)).isOwner).toBe(true);
    });

    it('honours a token from before signing only when its session owns something', async () => {
      const legacy = randomBytes(24).toString('base64url'); // the old format: 32 characters, no MAC
      const row = worldcupRow({ owner: sessionOwner(legacy), visibility: 'private', title: 'made before the upgrade' });
      await t.server.server.store.transaction((tx) => tx.worldcups.insert(row, [], []));
      const kept = await send(`${t.url}/api/v1/worldcups/${row.id}`, 'GET', legacy);
      expect(kept.status).toBe(200);
      expect((kept.body as WorldCup).isOwner).toBe(true);
      expect(kept.issued, 'an old token that owns something keeps working').toBeUndefined();
      const stranger = randomBytes(24).toString('base64url');
      const refused = await send(`${t.url}/api/v1/worldcups/${row.id}`, 'GET', stranger);
      expect(refused.status).toBe(404);
      expect(refused.issued).toBeDefined();
    });
  });
}
