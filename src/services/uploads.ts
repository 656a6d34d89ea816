import sharp from 'sharp';
import type { Upload } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import { AppError, badRequest } from './errors.js';
import { newId } from './ids.js';
import { imageUrl, thumbUrl } from './present.js';
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
  width: number;
  height: number;
}

/**
 * Decodes any image sharp can read and re-encodes it as WebP (≤ 1280 px) plus a thumbnail. Only
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
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const [image, thumb] = await Promise.all([
    sharp(data, raw).webp({ quality: 82 }).toBuffer(),
    sharp(data, raw)
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer(),
  ]);
  return { image, thumb, width: info.width, height: info.height };
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
  /** Stored bytes (image and thumbnail) per owner; 0: no quota. */
  quotaBytes: number;
  /** Uploads no candidate uses are deleted once older than this. */
  orphanAfterMs: number;
}

export const UPLOAD_DEFAULTS: UploadOptions = { concurrency: 1, quotaBytes: 0, orphanAfterMs: 24 * 3_600_000 };

export class UploadService {
  constructor(
    private readonly store: Store,
    readonly options: UploadOptions = UPLOAD_DEFAULTS,
  ) {}

  /** Accepts a user's file: checked by content (never by name), decoded, re-encoded, stored. */
  async upload(file: Buffer, viewer: Viewer): Promise<Upload> {
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
    let encoded: EncodedImage;
    try {
      encoded = await encodeImage(file);
    } catch (error) {
      throw isPixelLimit(error) ? tooManyPixels() : badRequest('invalid_image', 'the image is damaged or truncated and cannot be decoded');
    }
    return this.save(encoded, viewer);
  }

  /** Stores an already encoded image (the seeder's generated artwork comes this way). */
  async save(encoded: EncodedImage, owner: Viewer): Promise<Upload> {
    const id = newId();
    await this.store.uploads.insert({
      id,
      owner,
      width: encoded.width,
      height: encoded.height,
      bytes: encoded.image.length,
      image: encoded.image,
      thumb: encoded.thumb,
      created_at: Date.now(),
    });
    return { id, url: imageUrl(id), thumbUrl: thumbUrl(id), width: encoded.width, height: encoded.height };
  }
}
