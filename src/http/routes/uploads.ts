import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../services/errors.js';
import type { Services } from '../../services/index.js';
import { ServerBusyError } from '../../services/uploads.js';
import { uploadRoutes as uploadTable } from '../../shared/api/index.js';
import { LIMITS } from '../../shared/schemas.js';
import { route } from '../route-table.js';

/** `ID.webp` (the image), `ID.720.webp` (its medium rendition), `ID.thumb.webp` (its thumbnail). */
const MEDIA_FILE = /^([A-Za-z0-9]{12})(?:\.(thumb|720))?\.webp$/;
const VARIANTS = { thumb: 'thumb', '720': 'medium' } as const;

/**
 * Reads multipart data; a malformed body (no boundary, cut off before its closing boundary) is the
 * client's mistake: busboy throws plain Errors for those, which would otherwise become a 500.
 * Errors that carry an HTTP status (size limits) pass through to the error handler.
 */
async function multipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError || (error instanceof Error && 'statusCode' in error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError(400, 'invalid_multipart', `the multipart body is malformed: ${detail}`);
  }
}

export function uploadRoutes(app: FastifyInstance, services: Services): void {
  route(app, uploadTable.upload, async (req, reply) => {
    try {
      // Before the body: a full queue or a used-up quota is refused without receiving 10 MB.
      await services.uploads.admit(req.viewer);
      const file = await multipart(() => req.file({ limits: { fileSize: LIMITS.uploadBytesMax, files: 1 } }));
      if (!file || file.fieldname !== 'file') throw new AppError(400, 'missing_file', 'send the image as the multipart field "file"');
      const bytes = await multipart(() => file.toBuffer());
      // toBuffer() usually rejects past the limit, but a cut on a chunk boundary only sets `truncated`.
      if (file.file.truncated) throw new AppError(413, 'file_too_large', 'the file is larger than 10 MB');
      return await services.uploads.upload(bytes, req.viewer);
    } catch (error) {
      if (error instanceof ServerBusyError) void reply.header('retry-after', String(error.retryAfterS));
      throw error;
    }
  });
}

/**
 * Uploaded images, served from the database with a year of immutable caching (ids never change
 * content). Not an API route, so not in the tables: replies carry these URLs ready-made.
 */
export function mediaRoutes(app: FastifyInstance, services: Services): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/media/:file',
    { schema: { hide: true, params: z.strictObject({ file: z.string().max(64) }) } },
    async (req, reply) => {
      const m = MEDIA_FILE.exec(req.params.file);
      if (!m) throw notFound('image');
      const suffix = m[2] as keyof typeof VARIANTS | undefined;
      const bytes = await services.uploads.file(m[1] as string, suffix ? VARIANTS[suffix] : 'image');
      return reply
        .header('content-type', 'image/webp')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
}
