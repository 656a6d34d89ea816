/**
 * What keeps uploads from hurting everyone else, on SQLite and PostgreSQL: the per-session storage
 * quota, the clean-up of uploads no world cup uses, and the decode cap that keeps picks answered
 * while big images are being decoded (and refuses uploads beyond the waiting queue with 503).
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Game, Upload, WorldCup } from '../../src/shared/schemas.js';
import { MAX_WAITING_UPLOADS } from '../../src/services/uploads.js';
import { type ApiClient, type ApiResponse, apiDialects, expectError, fileForm, textCandidates, upload, useTestServer } from '../helpers/api.js';

const solidPng = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } }).png().toBuffer();

/** Random pixels: they compress badly, so a 900 × 900 image stores ≈ 0.6 MB of WebP. */
function noisePng(edge: number): Promise<Buffer> {
  const raw = Buffer.alloc(edge * edge * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(Math.random() * 256);
  return sharp(raw, { raw: { width: edge, height: edge, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

/** 50 megapixels (the most we decode), interlaced, ≈ 1 MB: cheap to send, about a second to decode. */
const bigInterlacedPng = () =>
  sharp({ create: { width: 7071, height: 7071, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .composite([{ input: { create: { width: 2000, height: 2000, channels: 3, background: '#fa3' } }, top: 100, left: 100 }])
    .png({ progressive: true })
    .toBuffer();

/**
 * An upload sent around ApiClient, whose suites count every 5xx as a server bug: the 503 of a full
 * queue is by design.
 */
async function uploadExpectingBusy(base: string, bytes: Buffer): Promise<ApiResponse<unknown>> {
  const res = await fetch(`${base}/api/v1/uploads`, { method: 'POST', body: fileForm(bytes, 's.png', 'image/png') });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
  return { status: res.status, headers: res.headers, body: isJson ? (JSON.parse(text) as unknown) : undefined, text };
}

const mediaStatus = async (user: ApiClient, u: Upload): Promise<number> => (await user.raw('GET', u.url)).status;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`upload quota (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { uploadQuotaMb: 1 } });

    it('refuses an upload that would take a session past its quota, saying the quota; other sessions are not affected', async () => {
      const alice = t.user();
      const first = await upload<Upload>(alice, await noisePng(900), 'noise.png', 'image/png');
      expect(first.status, first.text).toBe(201);
      const refused = expectError(await upload(alice, await noisePng(900), 'noise2.png', 'image/png'), 413, 'upload_quota_exceeded');
      expect(refused.error.message).toContain('1 MB');
      // What is left still takes a small image.
      const small = await upload<Upload>(alice, await solidPng(64, 48), 'small.png', 'image/png');
      expect(small.status, small.text).toBe(201);
      // Another browser has a quota of its own.
      expect((await upload(t.user(), await noisePng(900), 'noise3.png', 'image/png')).status).toBe(201);

      // The quota counts what is stored for each upload, every rendition included, and it held.
      let served = 0;
      for (const u of [first.body, small.body]) {
        // The 720 px rendition too, for an image wider than that.
        const urls = [u.url, u.thumbUrl, ...(u.width > 720 ? [`/media/${u.id}.720.webp`] : [])];
        for (const url of urls) served += (await (await alice.raw('GET', url)).arrayBuffer()).byteLength;
      }
      const { stored } = await t.server.server.store.kysely
        .selectFrom('uploads')
        .select((eb) => eb.fn.sum<number>('bytes').as('stored'))
        .where('id', 'in', [first.body.id, small.body.id])
        .executeTakeFirstOrThrow();
      expect(Number(stored)).toBe(served);
      expect(served).toBeLessThanOrEqual(1024 * 1024);
    });
  });

  (enabled ? describe : describe.skip)(`orphan clean-up (${dialect})`, () => {
    // 0.002 h = 7.2 s of grace; the sweep runs every 1.8 s.
    const t = useTestServer(dialect, { config: { uploadOrphanHours: 0.002 } });

    it('deletes old uploads no world cup uses, keeps used and fresh ones', { timeout: 60_000 }, async () => {
      const alice = t.user();
      const up = async (name: string) => (await upload<Upload>(alice, await solidPng(40, 30), name, 'image/png')).body;
      const [used, orphan, ofDeleted] = [await up('used.png'), await up('orphan.png'), await up('deleted.png')];
      const [c0, c1, c2] = textCandidates(3);
      await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'kept', candidates: [{ name: 'Used', imageId: used.id }, c0, c1, c2] },
      });
      const doomed = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, {
        json: { title: 'deleted', candidates: [{ name: 'Gone', imageId: ofDeleted.id }, c0, c1, c2] },
      });
      expect((await alice.request('DELETE', `/api/v1/worldcups/${doomed.id}`)).status).toBe(204);

      const viewer = t.anonymous();
      const deadline = Date.now() + 30_000;
      while ((await mediaStatus(viewer, orphan)) !== 404 && Date.now() < deadline) await sleep(250);
      expect(await mediaStatus(viewer, orphan)).toBe(404);
      expect(await mediaStatus(viewer, ofDeleted)).toBe(404);
      expect(await mediaStatus(viewer, used)).toBe(200);

      // An upload the user has not attached yet survives sweeps within its grace period.
      const uploadedAt = Date.now();
      const fresh = await up('fresh.png');
      await sleep(4_000); // two sweeps
      expect(Date.now() - uploadedAt).toBeLessThan(7_200);
      expect(await mediaStatus(viewer, fresh)).toBe(200);
      expect(await mediaStatus(viewer, used)).toBe(200);
    });
  });

  (enabled ? describe : describe.skip)(`decode cap (${dialect})`, () => {
    const t = useTestServer(dialect, { config: { uploadConcurrency: 1 } });
    let big: Buffer;
    let small: Buffer;
    beforeAll(async () => {
      [big, small] = await Promise.all([bigInterlacedPng(), solidPng(32, 32)]);
    });

    /**
     * Samples sharp's task counters in this process, where the test server runs: `queue`, calls
     * waiting for one of libuv's threads; `process`, image pipelines running on one. (Each is read
     * on its own: their sum can be torn while a task moves from one to the other.)
     */
    function watchSharp(): { stop(): { queued: number; running: number } } {
      const peak = { queued: 0, running: 0 };
      const timer = setInterval(() => {
        const { queue, process } = sharp.counters();
        peak.queued = Math.max(peak.queued, queue);
        peak.running = Math.max(peak.running, process);
      }, 2);
      return {
        stop() {
          clearInterval(timer);
          return peak;
        },
      };
    }

    it('answers picks while eight big images are being decoded, one at a time', { timeout: 120_000 }, async () => {
      const alice = t.user();
      const wc = await alice.ok<WorldCup>('POST', '/api/v1/worldcups', 201, { json: { title: 'picks', candidates: textCandidates(16) } });
      let game = await alice.ok<Game>('POST', `/api/v1/worldcups/${wc.id}/games`, 201, { json: { size: 16 } });

      const watch = watchSharp();
      let finished = 0;
      const uploads = Array.from({ length: 8 }, async () => {
        const res = await upload(t.user(), big, 'big.png', 'image/png');
        finished++;
        return res.status;
      });
      // Once decoding is under way, play the whole game (15 picks).
      while (sharp.counters().process === 0) await sleep(5);
      while (!game.done) {
        game = await alice.ok<Game>('POST', `/api/v1/games/${game.id}/picks`, 200, { json: { winner: game.match?.a.id } });
      }
      const finishedWhenPicksDone = finished;
      expect(await Promise.all(uploads)).toEqual(Array(8).fill(201));
      // One sharp call at a time, never one waiting for a thread: the others wait in our queue.
      const peak = watch.stop();
      expect(peak.running).toBe(1);
      expect(peak.queued).toBeLessThanOrEqual(1);
      expect(finishedWhenPicksDone).toBeLessThanOrEqual(2);
    });

    it(`refuses uploads beyond ${MAX_WAITING_UPLOADS} waiting with 503 server_busy and Retry-After`, { timeout: 120_000 }, async () => {
      // One big image holds the only decoding slot, so the small ones queue behind it.
      const holder = upload(t.user(), big, 'big.png', 'image/png');
      while (sharp.counters().process === 0) await sleep(5);
      const extra = 3;
      const results = await Promise.all(Array.from({ length: MAX_WAITING_UPLOADS + extra }, () => uploadExpectingBusy(t.url, small)));
      expect((await holder).status).toBe(201);
      const busy = results.filter((r) => r.status === 503);
      expect(busy).toHaveLength(extra);
      for (const r of busy) {
        expectError(r, 503, 'server_busy');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_WAITING_UPLOADS);
      // Once the queue has drained, uploads are taken again.
      expect((await upload(t.user(), small, 's.png', 'image/png')).status).toBe(201);
    });
  });
}
