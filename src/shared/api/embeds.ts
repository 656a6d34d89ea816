/** Embedding a world cup in another site: the oEmbed endpoint (https://oembed.com). */
import { z } from 'zod';
import { defineRoute } from './define.js';

export const oembedQuerySchema = z.object({
  url: z.string().min(1).max(2048).describe('a page of this site: https://host/w/ID (play) or https://host/w/ID/ranking'),
  maxwidth: z.coerce.number().int().min(1).max(10_000).optional(),
  maxheight: z.coerce.number().int().min(1).max(10_000).optional(),
  format: z.enum(['json', 'xml']).default('json').describe('only json is served: xml answers 501, as the oEmbed spec asks'),
});
export type OembedQuery = z.output<typeof oembedQuerySchema>;

export const oembedSchema = z.object({
  version: z.literal('1.0'),
  type: z.literal('rich'),
  provider_name: z.string(),
  provider_url: z.string(),
  title: z.string(),
  html: z.string().describe('an <iframe> of /embed/w/ID or /embed/w/ID/ranking'),
  width: z.number(),
  height: z.number(),
});
export type Oembed = z.infer<typeof oembedSchema>;

export const embedRoutes = {
  oembed: defineRoute({
    method: 'GET',
    path: '/oembed',
    query: oembedQuerySchema,
    reply: oembedSchema,
    status: 200,
    errors: [400, 404, 429, 501],
    summary: 'oEmbed of a public or unlisted world cup (play or ranking); other sites, private and unknown ones 404',
    tags: ['embeds'],
  }),
};
