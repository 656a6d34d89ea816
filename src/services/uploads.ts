import sharp from 'sharp';
import type { Upload } from '../shared/schemas.js';
import type { UploadCursor, UploadRow } from '../store/uploads-repo.js';
import type { Store } from '../store/store.js';
import { AppError, badRequest, notFound } from './errors.js';
import { newId } from './ids.js';
import { MEDIUM_WIDTH, imageUrl, thumbUrl } from './present.js';
import { QueueFullError, Semaphore } from './semaphore.js';
import type { Viewer } from './worldcups.js';

/** Formats accepted from users, as sharp reports them after decoding (AVIF decodes as heif/av1). */
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);
/** Decompression-bomb guard: refuse to decode more pixels than a 50-megapixel photo. */
const MAX_INPUT_PIXELS = 50_000_000;
const IMAGE_EDGE = 1280;
const THUMB_EDGE = 400;

export interface EncodedImage {
  image: Buffer;
  thumb: Buffer;
  /** ≤ MEDIUM_WIDTH px wide; null when the image itself is no wider. */
  medium: Buffer | null;
  width: number;
  height: number;
}

type Raw = { raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };

/** The medium rendition: the same pixels at MEDIUM_WIDTH px wide (any height), what a phone's match card shows. */
function encodeMedium(input: Buffer, raw?: Raw): Promise<Buffer> {
  return sharp(input, raw)
    .resize({ width: MEDIUM_WIDTH, withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
}

/**
 * Decodes any image sharp can read and re-encodes it as WebP (≤ 1280 px), a medium rendition
 * (≤ 720 px wide, when the image is wider) and a thumbnail. Only
 * pixels survive: EXIF, GPS and other metadata are dropped (sharp keeps none unless asked).
 */
export async function encodeImage(input: Buffer): Promise<EncodedImage> {
  // Decode once (failOn 'warning': a truncated or corrupt file is an error, not a half-grey
  // picture), then encode both sizes from the same pixels.
  const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })
    .rotate()
    .resize({ width: IMAGE_EDGE, height: IMAGE_EDGE, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw: Raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  // One after the other, not in parallel: each sharp call holds a libuv thread, which the
  // database's disk syncs need too (see UploadService).
  const image = await sharp(data, raw).webp({ quality: 82 }).toBuffer();
  const medium = info.width > MEDIUM_WIDTH ? await encodeMedium(data, raw) : null;
  const thumb = await sharp(data, raw)
    .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer();
  return { image, thumb, medium, width: info.width, height: info.height };
}

/**
 * Polyglots: files that are an image and also something a browser or another program would run —
 * markup or script (an image/HTML polyglot), or a ZIP archive (GIFAR-style; its directory sits at
 * the end). Re-encoding would drop the payload anyway; refusing them says clearly what was wrong.
 * The markers are long enough that compressed pixel data never contains them by chance
 * (≈ 10⁻¹⁰ for a 10 MB file).
 */
const MARKUP = /<(?:script|html|body|svg|iframe|object|embed|xml|\?xml)[\s>/]|javascript:/i;
const ZIP_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

export function isPolyglot(file: Buffer): boolean {
  return MARKUP.test(file.toString('latin1')) || file.subarray(Math.max(0, file.length - 65_558)).includes(ZIP_DIRECTORY);
}

const isPixelLimit = (error: unknown): boolean => error instanceof Error && /pixel limit/i.test(error.message);
const tooManyPixels = (): AppError =>
  badRequest('image_too_large', `the image has more than ${MAX_INPUT_PIXELS / 1e6} megapixels`);

/** UPLOAD_* configuration (README "Uploads"). */
export interface UploadOptions {
  /** Images decoded at once by this instance. */
  concurrency: number;
  /** Stored bytes (every rendition) per owner; 0: no quota. */
  quotaBytes: number;
  /** Uploads no candidate uses are deleted once older than this. */
  orphanAfterMs: number;
}

export const UPLOAD_DEFAULTS: UploadOptions = { concurrency: 1, quotaBytes: 0, orphanAfterMs: 24 * 3_600_000 };

/**
 * Uploads that may wait for a decoding slot on one instance; beyond, 503 `server_busy`. Each holds
 * its body (≤ 10 MB) in memory while it waits, so this bounds that memory to ≈ 160 MB.
 */
export const MAX_WAITING_UPLOADS = 16;
/**
 * Uploads one sweep statement looks at. On SQLite a deletion blocks the event loop: 100 uploads of
 * 320 KB took ≈ 12 ms, about one pick's acknowledgement.
 */
const SWEEP_PAGE = 100;
/** The first sweep runs this long after start (or sooner, if sweeps are more frequent): not amid start-up work. */
const FIRST_SWEEP_MAX_DELAY_MS = 30_000;

/** 503 `server_busy`: every decoding slot is taken and the queue is full; `retryAfterS` is our estimate. */
export class ServerBusyError extends AppError {
  constructor(readonly retryAfterS: number) {
    super(503, 'server_busy', `the server is busy processing other images; try again in ${retryAfterS} s`);
  }
}

const megabytes = (bytes: number): string => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class UploadService {
  /**
   * Everything sharp does for one upload runs under one permit. Each sharp call occupies one of
   * libuv's threads (4 unless UV_THREADPOOL_SIZE says otherwise) for its whole run, and the SQLite
   * WAL sync that acknowledges picks (store/db.ts durable()) needs one of the same threads:
   * unbounded, eight uploads queued their decodes ahead of the syncs and picks waited seconds.
   * For the same reason encodeImage runs its two encodes one after the other.
   */
  private readonly decoding: Semaphore;
  /** Recent time an upload held its permit (moving average; a big photo's until measured): what Retry-After is estimated from. */
  private decodeMs = 1_000;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> = Promise.resolve();
  private isClosed = false;

  constructor(
    private readonly store: Store,
    readonly options: UploadOptions = UPLOAD_DEFAULTS,
  ) {
    this.decoding = new Semaphore(options.concurrency, MAX_WAITING_UPLOADS);
    // One libvips thread per image (sharp's default on glibc, not on musl, where it is one per
    // core): parallelism is UPLOAD_CONCURRENCY's to decide, and on 2 cores the event loop keeps
    // one. Measured: a second thread did not make a 24-MP JPEG or a 50-MP PNG decode faster.
    sharp.concurrency(1);
  }

  /**
   * The cheap checks, before the body is read: refuses at once when the queue is full (503) or the
   * viewer's quota is used up (413), rather than after receiving 10 MB that would be refused.
   */
  async admit(viewer: Viewer): Promise<void> {
    if (this.decoding.isFull) throw this.busy();
    if (this.options.quotaBytes > 0) {
      const stored = await this.store.uploads.storedBytes(viewer);
      if (stored >= this.options.quotaBytes) throw this.quotaExceeded(stored);
    }
  }

  /** Accepts a user's file: checked by content (never by name), decoded, re-encoded, stored. */
  async upload(file: Buffer, viewer: Viewer): Promise<Upload> {
    let encoded: EncodedImage;
    try {
      encoded = await this.decoding.run(async () => {
        const started = performance.now();
        try {
          return await decodeUpload(file);
        } finally {
          this.decodeMs = 0.8 * this.decodeMs + 0.2 * (performance.now() - started);
        }
      });
    } catch (error) {
      throw error instanceof QueueFullError ? this.busy() : error;
    }
    if (this.options.quotaBytes <= 0) return this.save(encoded, viewer);
    const row = this.row(encoded, viewer);
    if (!(await this.store.uploads.insertWithinQuota(row, this.options.quotaBytes))) {
      throw this.quotaExceeded(await this.store.uploads.storedBytes(viewer));
    }
    return this.present(row);
  }

  /** An upload's stored WebP (the image, its medium rendition or its thumbnail), to serve; 404 when there is none. */
  async file(id: string, variant: 'image' | 'medium' | 'thumb'): Promise<Buffer> {
    if (variant === 'medium') return this.medium(id);
    const bytes = await this.store.uploads.bytes(id, variant);
    if (!bytes) throw notFound('image');
    return bytes;
  }

  /**
   * The medium rendition. An image no wider has none: the image itself is served. Uploads made
   * before renditions existed get theirs made from the stored image on first request and stored
   * (counted in the owner's bytes), under the same decoding permit as uploads; when the queue is
   * full, the image itself is served this time.
   */
  private async medium(id: string): Promise<Buffer> {
    const found = await this.store.uploads.medium(id);
    if (!found) throw notFound('image');
    if (found.medium) return found.medium;
    const image = await this.store.uploads.bytes(id, 'image');
    if (!image) throw notFound('image');
    if (found.width <= MEDIUM_WIDTH) return image;
    let medium: Buffer;
    try {
      medium = await this.decoding.run(() => encodeMedium(image));
    } catch (error) {
      if (error instanceof QueueFullError) return image;
      throw error;
    }
    await this.store.uploads.setMedium(id, medium);
    return medium;
  }

  /** Stores an already encoded image (the seeder's generated artwork comes this way). */
  async save(encoded: EncodedImage, owner: Viewer): Promise<Upload> {
    const row = this.row(encoded, owner);
    await this.store.uploads.insert(row);
    return this.present(row);
  }

  /**
   * Deletes the uploads that no candidate shows and no world cup has as its cover, once older than
   * `orphanAfterMs` (the grace period between uploading and saving the world cup that uses it).
   * Walks the old uploads a page at a time, letting other work run between pages. Instances may
   * sweep at once: the second finds nothing left to delete. Returns how many it deleted.
   */
  async sweepOrphans(now = Date.now()): Promise<number> {
    const cutoff = now - this.options.orphanAfterMs;
    let deleted = 0;
    let after: UploadCursor | undefined;
    while (!this.isClosed) {
      const page = await this.store.uploads.createdBefore(cutoff, after, SWEEP_PAGE);
      deleted += await this.store.uploads.deleteUnused(page.map((u) => u.id));
      after = page.at(-1);
      if (page.length < SWEEP_PAGE) break;
      await nextTurn();
    }
    return deleted;
  }

  /**
   * Sweeps every min(orphanAfterMs / 4, 1 h), and once soon after start. The timer never keeps the
   * process alive; a failed sweep is reported and the next one tries again.
   */
  startSweeping(onError: (error: unknown) => void): void {
    const everyMs = Math.max(1_000, Math.min(this.options.orphanAfterMs / 4, 3_600_000));
    const schedule = (delayMs: number) => {
      if (this.isClosed) return;
      this.sweepTimer = setTimeout(() => {
        this.sweeping = this.sweepOrphans().then(
          () => schedule(everyMs),
          (error: unknown) => {
            onError(error);
            schedule(everyMs);
          },
        );
      }, delayMs);
      this.sweepTimer.unref();
    };
    schedule(Math.min(everyMs, FIRST_SWEEP_MAX_DELAY_MS));
  }

  /** Stops sweeping; resolves once a sweep under way has stopped, so the store can be closed. */
  async close(): Promise<void> {
    this.isClosed = true;
    clearTimeout(this.sweepTimer);
    await this.sweeping;
  }

  private row(encoded: EncodedImage, owner: Viewer): UploadRow {
    return {
      id: newId(),
      owner,
      width: encoded.width,
      height: encoded.height,
      // What the upload occupies, every rendition included: what the quota counts.
      bytes: encoded.image.length + encoded.thumb.length + (encoded.medium?.length ?? 0),
      image: encoded.image,
      thumb: encoded.thumb,
      medium: encoded.medium,
      created_at: Date.now(),
    };
  }

  private present(row: UploadRow): Upload {
    return { id: row.id, url: imageUrl(row.id), thumbUrl: thumbUrl(row.id), width: row.width, height: row.height };
  }

  private busy(): ServerBusyError {
    const queued = this.decoding.running + this.decoding.waiting;
    const seconds = Math.ceil((this.decodeMs * queued) / this.decoding.permits / 1000);
    return new ServerBusyError(Math.min(60, Math.max(1, seconds)));
  }

  private quotaExceeded(stored: number): AppError {
    const quota = megabytes(this.options.quotaBytes);
    return new AppError(
      413,
      'upload_quota_exceeded',
      `this image would take your uploads past the ${quota} quota (${megabytes(stored)} stored); ` +
        `images no world cup uses are deleted ${Number((this.options.orphanAfterMs / 3_600_000).toFixed(3))} hours after upload`,
    );
  }
}

/** Checks a user's file by its content, then decodes and re-encodes it (errors are the client's). */
async function decodeUpload(file: Buffer): Promise<EncodedImage> {
  let format: string | undefined;
  let compression: string | undefined;
  try {
    ({ format, compression } = await sharp(file, { limitInputPixels: MAX_INPUT_PIXELS }).metadata());
  } catch (error) {
    throw isPixelLimit(error)
      ? tooManyPixels()
      : new AppError(415, 'unsupported_image', 'the file is not an image we can read (jpeg, png, webp, gif or avif)');
  }
  if (!format || !ACCEPTED.has(format) || (format === 'heif' && compression !== 'av1')) {
    throw new AppError(415, 'unsupported_image', `images must be jpeg, png, webp, gif or avif, not ${format ?? 'unknown'}`);
  }
  if (isPolyglot(file)) {
    throw badRequest('polyglot_file', 'the file is an image but also contains web page, script or archive content; upload a plain image');
  }
  try {
    return await encodeImage(file);
  } catch (error) {
    throw isPixelLimit(error) ? tooManyPixels() : badRequest('invalid_image', 'the image is damaged or truncated and cannot be decoded');
  }
}
