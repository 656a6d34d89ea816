/**
 * Hostile uploads, on both dialects: a decompression bomb (a tiny file whose header promises ten
 * billion pixels), image/markup and image/archive polyglots, a GIF/JavaScript polyglot, an SVG with a
 * script and markup posing as a PNG. Each is refused with a clear JSON error before anything is
 * decoded in full or stored; a plain image still goes through.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { apiDialects, expectError, upload, useTestServer } from '../helpers/api.js';

/** CRC-32 (PNG chunk checksums); node:zlib has crc32 only from Node 22. */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid-looking 1-bit greyscale PNG of width × height whose pixel data is a few bytes of zeros. */
function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const { dialect, enabled } of await apiDialects()) {
  (enabled ? describe : describe.skip)(`hostile uploads (${dialect})`, () => {
    const t = useTestServer(dialect);

    const storedUploads = async (): Promise<number> => {
      const row = await t.server.server.store.kysely.selectFrom('uploads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };

    it('refuses every hostile file with a clear error, and stores none of them', async () => {
      const user = t.user();
      const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#3a6' } }).png().toBuffer();
      const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#a36' } }).jpeg().toBuffer();
      // A ZIP's end-of-central-directory record: what makes a file openable as an archive (GIFAR-style).
      const zipDirectory = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
      const before = await storedUploads();
      const cases = [
        { name: 'bomb.png', bytes: pngBomb(100_000, 100_000), type: 'image/png', status: 400, code: 'image_too_large' },
        { name: 'page.png', bytes: Buffer.concat([png, Buffer.from('<html><body><script>alert(1)</script></body></html>')]), type: 'image/png', status: 400, code: 'polyglot_file' },
        { name: 'svg.jpg', bytes: Buffer.concat([jpeg, Buffer.from('<svg onload=alert(1)>')]), type: 'image/jpeg', status: 400, code: 'polyglot_file' },
        { name: 'archive.jpg', bytes: Buffer.concat([jpeg, Buffer.from('PK\x03\x04payload'), zipDirectory]), type: 'image/jpeg', status: 400, code: 'polyglot_file' },
        { name: 'gifjs.gif', bytes: Buffer.from('GIF89a/*\x00\x00\x00\x00*/=1;alert(document.cookie)//'), type: 'image/gif', status: [400, 415], code: ['invalid_image', 'unsupported_image'] },
        { name: 'x.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), type: 'image/svg+xml', status: 415, code: 'unsupported_image' },
        { name: 'fake.png', bytes: Buffer.from('<!doctype html><script>alert(1)</script>'), type: 'image/png', status: 415, code: 'unsupported_image' },
      ] as const;
      for (const c of cases) {
        const res = await upload(user, c.bytes, c.name, c.type);
        const statuses: readonly number[] = typeof c.status === 'number' ? [c.status] : c.status;
        expect(statuses, `${c.name}: ${res.text}`).toContain(res.status);
        expectError(res, res.status, c.code);
      }
      expect(await storedUploads()).toBe(before);
      // The bomb's header is all it took: it is tiny, and refusing it did not decode ten billion pixels.
      expect(pngBomb(100_000, 100_000).length).toBeLessThan(200);

      // A plain image still goes through, re-encoded.
      const ok = await upload<{ url: string }>(user, png, 'plain.png', 'image/png');
      expect(ok.status).toBe(201);
      const served = await fetch(t.url + ok.body.url);
      expect(served.headers.get('content-type')).toBe('image/webp');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
}
