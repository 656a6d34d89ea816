/** Image uploads (multipart); the stored files are served outside the API, under /media. */
import { uploadSchema } from '../schemas.js';
import { defineRoute } from './define.js';

export const uploadRoutes = {
  upload: defineRoute({
    method: 'POST',
    path: '/uploads',
    multipart: true,
    reply: uploadSchema,
    status: 201,
    errors: [400, 413, 415, 429, 503],
    summary: 'Upload an image (multipart field `file`; jpeg, png, webp, gif or avif; ≤ 10 MB)',
    tags: ['uploads'],
  }),
};
