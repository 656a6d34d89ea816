import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../services/errors.js';

/** Fastify's own client-error codes, mapped to our stable snake_case codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_REQ_FILE_TOO_LARGE: 'file_too_large',
  FST_FILES_LIMIT: 'too_many_files',
  FST_PARTS_LIMIT: 'too_many_parts',
  FST_FIELDS_LIMIT: 'too_many_fields',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'not_multipart',
  FST_PROTO_VIOLATION: 'invalid_json',
};

export interface ErrorBody {
  error: { code: string; message: string };
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/**
 * One place turns every failure into `{"error":{"code","message"}}`. Anything a client can cause
 * is a 4xx with a message saying what was wrong; only our own bugs become a 500.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send(errorBody(err.code, err.message));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const context = err.validationContext ?? 'request';
      const details = err.validation
        .map((v) => {
          const where = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
          return `${context}${where ? `.${where}` : ''}: ${v.message ?? 'is invalid'}`;
        })
        .join('; ');
      return reply.code(400).send(errorBody('invalid_request', details));
    }
    // A non-multipart upload is a wrong request content type (415), not an Accept problem (406).
    const status = err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ? 415 : (err.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[err.code] ?? (err instanceof SyntaxError ? 'invalid_json' : 'bad_request');
      const message = code === 'file_too_large' ? 'the file is larger than 10 MB' : err.message;
      return reply.code(status).send(errorBody(code, message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', 'something went wrong on our side'));
  });

}

export const routeNotFound = (method: string, url: string): ErrorBody =>
  errorBody('not_found', `no route for ${method} ${url.split('?')[0]}`);
