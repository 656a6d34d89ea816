import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ReferenceGone } from '../services/errors.js';

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
    if (err instanceof ReferenceGone) return reply.code(404).send(errorBody('not_found', 'not found: it was deleted a moment ago'));
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

  // NUL is never meaningful in text and PostgreSQL cannot store it (SQLite's FTS chokes on it):
  // refuse it in the query, the path or a JSON body before any handler sees it (after the
  // schemas, whose errors say more).
  app.addHook('preHandler', (request, _reply, done) => {
    if (containsNul(request.query) || containsNul(request.params) || (typeof request.body === 'object' && containsNul(request.body))) {
      return done(new AppError(400, 'invalid_text', 'text must not contain NUL characters'));
    }
    done();
  });

}

/**
 * Errors Fastify raises while routing, before any handler or hook (a path with broken
 * percent-encoding, an id longer than the router takes): same shape as every other error.
 */
export function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'path_too_long' : 'invalid_url';
  void reply.code(status >= 400 && status < 500 ? status : 400).send(errorBody(code, error.message));
}

/** The response on a socket, as Node's HTTP server attaches it (not in the public types). */
type HttpSocket = Socket & { _httpMessage?: { headersSent?: boolean } | null };

const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers_too_large', 'the request headers are larger than 16 KB'],
  // REQUEST_TIMEOUT_MS (see timeouts.ts): its headers and body did not all arrive in time.
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'the request did not arrive in time: its headers and body must be sent faster'],
};

/**
 * Requests Node's HTTP parser cannot read (malformed request line, oversized headers) or that did
 * not arrive in time: answered on the raw socket, in the same JSON shape, then closed. When a
 * response is already under way (a 429 sent before its body was read), another one written now
 * would corrupt it, so only the connection is closed.
 */
export function clientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || (socket as HttpSocket)._httpMessage?.headersSent === true) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request', 'malformed_request', 'the request is not valid HTTP'];
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** Whether a parsed value holds a string with a NUL character (iterative: bodies can nest deeply). */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (key.includes('\u0000')) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

export const routeNotFound = (method: string, url: string): ErrorBody =>
  errorBody('not_found', `no route for ${method} ${url.split('?')[0]}`);
