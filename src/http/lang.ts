import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ContentLang, contentLang } from '../services/localize.js';

/**
 * The language a reply's starter content is served in (services/localize.ts), from the request's
 * Accept-Language; the reply says it varies by that header, so no cache serves one language's
 * answer to a request for the other.
 */
export function requestLang(req: FastifyRequest, reply: FastifyReply): ContentLang | undefined {
  void reply.header('vary', 'Accept-Language');
  return contentLang(req.headers['accept-language']);
}
