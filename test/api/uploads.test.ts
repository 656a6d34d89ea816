/**
 * Image uploads through the HTTP API, on SQLite and PostgreSQL: re-encoding to WebP (resized,
 * thumbnail, EXIF dropped, orientation applied), serving, and use as a candidate's image.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Game, Ranking, Upload, WorldCup } from '../../src/shared/schemas.js';
import { type ApiClient, apiDialects, textCandidates, upload, useTestServer } from '../helpers/api.js';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 90 } } }).png().toBuffer();

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`API uploads (${dialect})`, () => {
    const t = useTestServer(dialect);

    /** Fetches a served image, asserts it is cacheable WebP and returns its decoded metadata. */
    async function served(user: ApiClient, url: string): Promise<{ bytes: Buffer; meta: sharp.Metadata }> {
      const res = await user.raw('GET', url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('webp');
      return { bytes, meta };
    }

    it('accepts a PNG and serves it back as WebP with a thumbnail', async () => {
      const alice = t.user();
      const res = await upload<Upload>(alice, await png(64, 48), 'red.png', 'image/png');
      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9]{12}$/) as string,
        url: `/media/${res.body.id}.webp`,
        thumbUrl: `/media/${res.body.id}.thumb.webp`,
        width: 64,
        height: 48,
      });
      const image = await served(t.anonymous(), res.body.url);
      expect([image.meta.width, image.meta.height]).toEqual([64, 48]);
      // The pixels survive the round trip.
      const { data } = await sharp(image.bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      expect(Math.abs((data[0] ?? 0) - 200)).toBeLessThan(12);
      const thumb = await served(t.anonymous(), res.body.thumbUrl);
      expect([thumb.meta.width, thumb.meta.height]).toEqual([64, 48]);
    });

    it('scales a large image down to 1280 px and its thumbnail to 400 px', async () => {
      const res = await upload<Upload>(t.user(), await png(2000, 1000), 'wide.png', 'image/png');
      expect(res.status, res.text).toBe(201);
      expect([res.body.width, res.body.height]).toEqual([1280, 640]);
      const image = await served(t.anonymous(), res.body.url);
      expect([image.meta.width, image.meta.height]).toEqual([1280, 640]);
      const thumb = await served(t.anonymous(), res.body.thumbUrl);
      expect([thumb.meta.width, thumb.meta.height]).toEqual([400, 200]);
    });

    it('a wider image also gets a 720 px rendition, offered with the image in its srcset and counted in its bytes', async () => {
      const alice = t.user();
      const wide = (await upload<Upload>(alice, await png(2000, 1000), 'wide.png', 'image/png')).body;
      const mediumUrl = `/media/${wide.id}.720.webp`;
      const medium = await served(t.anonymous(), mediumUrl);
      expect([medium.meta.width, medium.meta.height]).toEqual([720, 360]);
      const image = await served(t.anonymous(), wide.url);
      const thumb = await served(t.anonymous(), wide.thumbUrl);
      const [c0, c1, c2] = textCandidates(3, 'Wide ');
      const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'wide pictures', candidates: [{ name: 'Wide', imageId: wide.id }, c0, c1, c2] },
      });
      expect(wc.candidates[0]?.media).toMatchObject({ kind: 'image', url: wide.url, srcset: `${mediumUrl} 720w, ${wide.url} 1280w` });
      const { bytes } = await t.server.server.store.kysely.selectFrom('uploads').select('bytes').where('id', '=', wide.id).executeTakeFirstOrThrow();
      expect(Number(bytes)).toBe(image.bytes.length + medium.bytes.length + thumb.bytes.length);
      // A narrow image has no rendition of its own: the same URL serves the image itself.
      const narrow = (await upload<Upload>(alice, await png(600, 300), 'narrow.png', 'image/png')).body;
      const same = await served(t.anonymous(), `/media/${narrow.id}.720.webp`);
      expect(same.bytes.equals((await served(t.anonymous(), narrow.url)).bytes)).toBe(true);
      expect((await t.anonymous().raw('GET', '/media/AAAAAAAAAAAA.720.webp')).status).toBe(404);
      expect((await t.anonymous().raw('GET', `/media/${wide.id}.640.webp`)).status).toBe(404);
    });

    it('an upload from before the 720 px rendition gets it made and stored on first request', async () => {
      const old = (await upload<Upload>(t.user(), await png(1600, 1200), 'old.png', 'image/png')).body;
      const db = t.server.server.store.kysely;
      const before = await db.selectFrom('uploads').select(['bytes', 'medium']).where('id', '=', old.id).executeTakeFirstOrThrow();
      expect(before.medium).not.toBeNull();
      // As stored before migration 0010: no medium rendition, bytes counting the image and thumbnail.
      await db
        .updateTable('uploads')
        .set({ medium: null, bytes: Number(before.bytes) - (before.medium?.length ?? 0) })
        .where('id', '=', old.id)
        .execute();
      const first = await served(t.anonymous(), `/media/${old.id}.720.webp`);
      expect([first.meta.width, first.meta.height]).toEqual([720, 540]);
      const after = await db.selectFrom('uploads').select(['bytes', 'medium']).where('id', '=', old.id).executeTakeFirstOrThrow();
      expect(after.medium && Buffer.from(after.medium).equals(first.bytes)).toBe(true);
      expect(Number(after.bytes)).toBe(Number(before.bytes) - (before.medium?.length ?? 0) + first.bytes.length);
      const again = await served(t.anonymous(), `/media/${old.id}.720.webp`);
      expect(again.bytes.equals(first.bytes)).toBe(true);
    });

    it('drops EXIF metadata and applies the EXIF orientation', async () => {
      const jpeg = await sharp({ create: { width: 60, height: 30, channels: 3, background: '#3366cc' } })
        .jpeg()
        .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret-owner', Artist: 'secret-artist' } } })
        .toBuffer();
      const original = await sharp(jpeg).metadata();
      expect(original.exif?.toString('latin1')).toContain('secret-owner');
      expect(original.orientation).toBe(6);

      const res = await upload<Upload>(t.user(), jpeg, 'photo.jpg', 'image/jpeg');
      expect(res.status, res.text).toBe(201);
      // Orientation 6 means "rotate 90°": the stored picture is portrait.
      expect([res.body.width, res.body.height]).toEqual([30, 60]);
      for (const url of [res.body.url, res.body.thumbUrl]) {
        const { bytes, meta } = await served(t.anonymous(), url);
        expect(meta.exif).toBeUndefined();
        expect(meta.orientation ?? 1).toBe(1);
        expect(bytes.toString('latin1')).not.toContain('secret');
      }
    });

    it('an upload becomes a candidate image: media, cover, game and ranking show it', async () => {
      const alice = t.user();
      const first = (await upload<Upload>(alice, await png(120, 80), 'a.png', 'image/png')).body;
      const second = (await upload<Upload>(alice, await png(50, 90), 'b.png', 'image/png')).body;
      const [c0, c1, c2, c3] = textCandidates(4, 'Pic ');
      const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'pictures', candidates: [c0, { name: 'Image A', imageId: first.id }, { name: 'Image B', imageId: second.id }, c1, c2, c3] },
      });
      // Both no wider than the 720 px rendition: their image is the only one (no srcset).
      const media = (u: Upload) => ({ kind: 'image', imageId: u.id, url: u.url, thumbUrl: u.thumbUrl, srcset: '', width: u.width, height: u.height });
      expect(wc.candidates[1]?.media).toEqual(media(first));
      expect(wc.candidates[2]?.media).toEqual(media(second));
      expect(wc.cover).toEqual({ url: first.url, thumbUrl: first.thumbUrl });
      const seen = await t.user().ok<WorldCup>('GET', `/api/v1/worldcups/${wc.id}`, 200);
      expect(seen.candidates[1]?.media).toEqual(media(first));

      const ranking = await alice.ok<Ranking>('GET', `/api/v1/worldcups/${wc.id}/ranking`, 200);
      expect(ranking.items.find((i) => i.candidateId === wc.candidates[2]?.id)?.media).toEqual(media(second));

      const game = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 4 } });
      const shown = [game.match?.a, game.match?.b];
      for (const c of shown) expect(c?.media).toEqual(wc.candidates.find((x) => x.id === c?.id)?.media);

      // Dropping the image candidates moves the cover to none.
      const edited = await alice.ok<WorldCup>('PATCH', `/api/v1/worldcups/${wc.id}`, 200, {
        json: { candidates: wc.candidates.filter((c) => c.media?.kind !== 'image').map((c) => ({ id: c.id, name: c.name })) },
      });
      expect(edited.cover).toBeNull();
    });
  });
}
