/**
 * What a candidate may carry (issue 9, item 11), on SQLite and PostgreSQL: a YouTube link with
 * credentials or a port is refused, and every link is stored and shown in its canonical form (one
 * stored before this rule is shown without what it carried); an upload is attachable only by the
 * session that uploaded it (an upload id is not a permission), while an edit may keep the images
 * its world cup already shows.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Upload, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, expectError, textCandidates, upload, useTestServer } from '../helpers/api.js';

const VIDEO = 'dQw4w9WgXcQ';

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`candidate input (${dialect})`, () => {
    const t = useTestServer(dialect);
    const create = (user: ApiClient, candidates: unknown[]) =>
      user.request<WorldCup>('POST', '/api/v1/worldcups', { json: { title: 'input', candidates: [...candidates, ...textCandidates(3)] } });
    const png = (r: number) => sharp({ create: { width: 16, height: 16, channels: 3, background: { r, g: 40, b: 90 } } }).png().toBuffer();

    it('refuses YouTube links with a user name, password or port, and stores the canonical link of the rest', async () => {
      const alice = t.user();
      for (const videoUrl of [
        `https://user:pass@www.youtube.com/watch?v=${VIDEO}`,
        `https://token@youtu.be/${VIDEO}`,
        `https://www.youtube.com:8443/watch?v=${VIDEO}`,
      ]) {
        expectError(await create(alice, [{ name: 'clip', videoUrl }]), 400, 'invalid_video_url');
      }
      const res = await create(alice, [{ name: 'clip', videoUrl: `https://m.youtube.com/watch?v=${VIDEO}&t=1m5s&utm_source=spam&si=tracker` }]);
      expect(res.status).toBe(201);
      const clip = res.body.candidates.find((c) => c.name === 'clip');
      expect(clip?.media).toMatchObject({ kind: 'video', youtubeId: VIDEO, start: 65, videoUrl: `https://www.youtube.com/watch?v=${VIDEO}&t=65s` });
    });

    it('shows a link stored before the rule without the credentials it carried', async () => {
      const alice = t.user();
      const wc = (await create(alice, [{ name: 'clip', videoUrl: `https://www.youtube.com/watch?v=${VIDEO}` }])).body;
      const clip = wc.candidates.find((c) => c.name === 'clip');
      await t.server.server.store.kysely
        .updateTable('candidates')
        .set({ video_url: `https://user:secret@www.youtube.com/watch?v=${VIDEO}` })
        .where('id', '=', clip?.id ?? '')
        .execute();
      const read = JSON.stringify(await t.user().ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200));
      expect(read).not.toContain('secret');
      expect(read).toContain(`https://www.youtube.com/watch?v=${VIDEO}`);
    });

    it("refuses another session's upload; its owner can use it, and an edit keeps images its world cup already shows", async () => {
      const alice = t.user();
      const mallory = t.user();
      const alicesImage = (await upload<Upload>(alice, await png(10), 'a.png', 'image/png')).body;
      expectError(await create(mallory, [{ name: 'stolen', imageId: alicesImage.id }]), 400, 'unknown_image');
      const wc = (await create(alice, [{ name: 'mine', imageId: alicesImage.id }])).body;
      expect(wc.cover?.url).toBe(alicesImage.url);
      // Mallory cannot graft it into her own world cup by editing either.
      const hers = (await create(mallory, [{ name: 'hers', text: 'her own' }])).body;
      expectError(await mallory.patch(`/api/v1/worldcups/${hers.id}`, { candidates: [{ name: 'stolen', imageId: alicesImage.id }, ...textCandidates(3)] }), 400, 'unknown_image');
      // Alice's edit keeps the image (by id, or re-listed as a new candidate).
      const edited = await alice.ok<WorldCup>('PATCH', `/api/v1/worldcups/${wc.id}`, 200, {
        json: { candidates: [{ name: 'mine again', imageId: alicesImage.id }, ...textCandidates(3)] },
      });
      expect(edited.candidates[0]?.media).toMatchObject({ kind: 'image', imageId: alicesImage.id });
    });
  });
}
