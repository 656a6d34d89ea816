/** The ZIP reader of `versus import` against archives made by the test writer: good ones read back, bad ones refused before extraction. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipArchive, ZipError } from '../../src/cli/zip.js';
import { makeZip, type ZipInput } from '../helpers/zip.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-zip-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const LIMITS = { maxEntries: 4, maxEntryBytes: 1000, maxTotalBytes: 2500 };

function open(entries: ZipInput[] | Buffer, limits = LIMITS): ZipArchive {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.zip`);
  fs.writeFileSync(file, Buffer.isBuffer(entries) ? entries : makeZip(entries));
  return ZipArchive.open(file, limits);
}

describe('ZipArchive', () => {
  it('reads deflated and stored entries back, skipping directories', () => {
    const zip = open([
      { path: 'a/', data: Buffer.alloc(0) },
      { path: 'a/one.txt', data: Buffer.from('one '.repeat(100)) },
      { path: '한글 이름.txt', data: Buffer.from('stored'), stored: true },
    ]);
    expect(zip.entries.map((e) => e.path)).toEqual(['a/one.txt', '한글 이름.txt']);
    expect(zip.entries.map((e) => zip.read(e).toString())).toEqual(['one '.repeat(100), 'stored']);
    zip.close();
  });

  it('refuses paths that leave the archive, too many or too big entries, before extracting anything', () => {
    const data = Buffer.from('x');
    expect(() => open([{ path: 'ok.txt', data }, { path: 'a/../../evil.txt', data }])).toThrow(/a\/\.\.\/\.\.\/evil\.txt: the path leaves the archive/);
    expect(() => open([{ path: '/etc/passwd', data }])).toThrow(/the path leaves the archive/);
    expect(() => open([{ path: 'C:/x.txt', data }])).toThrow(/the path leaves the archive/);
    expect(() => open(Array.from({ length: 5 }, (_, i) => ({ path: `${i}.txt`, data })))).toThrow(/more than 4 files/);
    expect(() => open([{ path: 'big.bin', data: Buffer.alloc(1001) }])).toThrow(/big\.bin: .* uncompressed, more than/);
    const lying = makeZip([{ path: 'fat.bin', data: Buffer.from('x') }]);
    const cd = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(70_000, cd + 20); // a compressed size no 1000-byte image needs
    expect(() => open(lying)).toThrow(/fat\.bin: .* compressed, more than an image may have/);
    expect(() => open([900, 900, 900].map((n, i) => ({ path: `${i}.bin`, data: Buffer.alloc(n) })))).toThrow(/expands to more than/);
  });

  it('refuses an entry that inflates past its declared size (a zip bomb) or fails its CRC', () => {
    const bomb = open([{ path: 'bomb.bin', data: Buffer.alloc(100_000), declaredSize: 10 }]);
    expect(() => bomb.read(bomb.entries[0] as never)).toThrow(new ZipError('bomb.bin: expands past its declared size (0 MB); refusing a possible zip bomb'));
    bomb.close();
    const bytes = makeZip([{ path: 'x.txt', data: Buffer.from('hello'), stored: true }]);
    const first = 30 + 'x.txt'.length; // the first byte of the stored data
    bytes.writeUInt8(bytes.readUInt8(first) ^ 0xff, first);
    const damaged = open(bytes);
    expect(() => damaged.read(damaged.entries[0] as never)).toThrow(/CRC-32 mismatch/);
    damaged.close();
  });

  it('refuses what it does not support: not a ZIP, encrypted or zip64 entries', () => {
    expect(() => open(Buffer.from('plain text, no archive'))).toThrow(/not a ZIP archive/);
    const encrypted = makeZip([{ path: 'secret.txt', data: Buffer.from('s') }]);
    const cd = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(0x801, cd + 8);
    expect(() => open(encrypted)).toThrow(/secret\.txt: encrypted entries are not supported/);
    const zip64 = makeZip([{ path: 'big.txt', data: Buffer.from('s'), declaredSize: 0xffffffff }]);
    expect(() => open(zip64, { ...LIMITS, maxEntryBytes: 2 ** 33 })).toThrow(/big\.txt: ZIP64 entries are not supported/);
  });
});
