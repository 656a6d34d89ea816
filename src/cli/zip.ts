/**
 * A ZIP reader for `versus import`, with node:zlib and no dependency: the central directory is
 * read first and judged as a whole (zip64, encryption, paths leaving the archive, too many or too
 * big entries refuse the archive before anything is extracted), then entries are read one at a
 * time from the file, never the whole archive into memory. Inflating is capped at the declared
 * size and at `maxEntryBytes`, so an entry that lies about its size cannot expand past the limit
 * (a zip bomb); every entry's CRC-32 is checked.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

/** An archive that is malformed or refused; the message says which entry and why. */
export class ZipError extends Error {}

export interface ZipLimits {
  /** Files (directories not counted) an archive may hold. */
  maxEntries: number;
  /** Uncompressed bytes of one file. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all files together. */
  maxTotalBytes: number;
}

export interface ZipEntry {
  /** The path inside the archive, `/`-separated. */
  path: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
/** End of central directory record (22 bytes) plus the longest comment it may end with. */
const EOCD_SEARCH = 22 + 0xffff;
/** Enough for 2,048 entries with long names; a bigger directory is not an import of images. */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
const DEFLATE_SLACK_BYTES = 64 * 1024;
const STORED = 0;
const DEFLATED = 8;

/** Whether a path stays inside the archive's folder: relative, no `..` segment, no drive letter or backslash. */
function isSafePath(path: string): boolean {
  if (path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path) || path.includes('\0')) return false;
  return !path.split('/').some((segment) => segment === '..');
}

const mb = (bytes: number): string => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

export class ZipArchive {
  private constructor(
    private readonly fd: number,
    readonly entries: readonly ZipEntry[],
    private readonly limits: ZipLimits,
  ) {}

  /** Opens `file` and reads its central directory; throws ZipError when the archive is refused. */
  static open(file: string, limits: ZipLimits): ZipArchive {
    const fd = fs.openSync(file, 'r');
    try {
      return new ZipArchive(fd, readDirectory(fd, fs.fstatSync(fd).size, limits), limits);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  /** An entry's uncompressed bytes, checked against its CRC-32 and the size limits. */
  read(entry: ZipEntry): Buffer {
    const header = readAt(this.fd, entry.localHeaderOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL) throw new ZipError(`${entry.path}: no local header where the directory says`);
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const compressed = readAt(this.fd, start, entry.compressedSize);
    let data: Buffer;
    if (entry.method === STORED) data = compressed;
    else {
      try {
        // One byte past the declared size: an entry that inflates to more lied about its size.
        data = zlib.inflateRawSync(compressed, { maxOutputLength: Math.min(entry.size, this.limits.maxEntryBytes) + 1 });
      } catch (error) {
        if (error instanceof RangeError) throw new ZipError(`${entry.path}: expands past its declared size (${mb(entry.size)}); refusing a possible zip bomb`);
        throw new ZipError(`${entry.path}: the compressed data is damaged`);
      }
    }
    if (data.length !== entry.size) throw new ZipError(`${entry.path}: expands to ${data.length} bytes, not the ${entry.size} its directory declares`);
    if (zlib.crc32(data) !== entry.crc32) throw new ZipError(`${entry.path}: CRC-32 mismatch (the archive is damaged)`);
    return data;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = length === 0 ? 0 : fs.readSync(fd, buf, 0, length, position);
  if (n !== length) throw new ZipError('the archive is truncated');
  return buf;
}

function readDirectory(fd: number, fileSize: number, limits: ZipLimits): ZipEntry[] {
  const tailLength = Math.min(fileSize, EOCD_SEARCH);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a ZIP archive (no end of central directory)');
  const disk = tail.readUInt16LE(eocd + 4);
  const cdDisk = tail.readUInt16LE(eocd + 6);
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0) throw new ZipError('multi-part (spanned) archives are not supported');
  if (count === 0xffff || cdSize === ZIP64_MARK || cdOffset === ZIP64_MARK) throw new ZipError('ZIP64 archives are not supported: make a plain ZIP, or import the folder');
  if (cdOffset + cdSize > fileSize) throw new ZipError('the central directory lies outside the file');
  if (cdSize > MAX_DIRECTORY_BYTES) throw new ZipError('the central directory is too large');
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) throw new ZipError('the central directory is damaged');
    const flags = cd.readUInt16LE(at + 8);
    const method = cd.readUInt16LE(at + 10);
    const crc32 = cd.readUInt32LE(at + 16);
    const compressedSize = cd.readUInt32LE(at + 20);
    const size = cd.readUInt32LE(at + 24);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const localHeaderOffset = cd.readUInt32LE(at + 42);
    // Read as UTF-8 whether or not flag bit 11 says so: tools that leave it unset write UTF-8 too
    // (macOS), and CP437 names are rare today.
    const path = cd.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (!isSafePath(path)) throw new ZipError(`${path}: the path leaves the archive (absolute or with ..); refusing the archive`);
    if (path.endsWith('/')) continue; // a directory
    if (flags & 0x1) throw new ZipError(`${path}: encrypted entries are not supported`);
    if (size === ZIP64_MARK || compressedSize === ZIP64_MARK || localHeaderOffset === ZIP64_MARK) throw new ZipError(`${path}: ZIP64 entries are not supported`);
    if (method !== STORED && method !== DEFLATED) throw new ZipError(`${path}: compression method ${method} is not supported (only stored and deflate)`);
    if (method === STORED && size !== compressedSize) throw new ZipError(`${path}: a stored entry whose sizes differ`);
    // Deflate never grows data by more than a few bytes per 16 KB block: more compressed bytes than
    // that would only make us read a huge entry into memory before finding out.
    if (compressedSize > limits.maxEntryBytes + DEFLATE_SLACK_BYTES) throw new ZipError(`${path}: ${mb(compressedSize)} compressed, more than an image may have`);
    if (size > limits.maxEntryBytes) throw new ZipError(`${path}: ${mb(size)} uncompressed, more than the ${mb(limits.maxEntryBytes)} an image may have`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipError(`the archive expands to more than ${mb(limits.maxTotalBytes)}; refusing it`);
    entries.push({ path, method, crc32, compressedSize, size, localHeaderOffset });
    if (entries.length > limits.maxEntries) throw new ZipError(`the archive holds more than ${limits.maxEntries} files`);
  }
  return entries;
}
