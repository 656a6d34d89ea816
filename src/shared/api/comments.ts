/** Comments on world cups: read, post, reply, like, delete (reports are in moderation.ts). */
import { createReportSchema, reportSchema } from '../accounts.js';
import { commentPageSchema, commentSchema, commentsQuerySchema, createCommentSchema, likeStateSchema, replyPageSchema, repliesQuerySchema } from '../comments.js';
import { idParamsSchema } from '../schemas.js';
import { z } from 'zod';
import { defineRoute } from './define.js';

const tags = ['comments'];

export const commentRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/worldcups/:id/comments',
    params: idParamsSchema,
    query: commentsQuerySchema,
    reply: commentPageSchema,
    status: 200,
    errors: [400, 404],
    summary: 'Comments of a world cup, newest or best (most liked) first, each with its first replies (keyset paging)',
    tags,
  }),
  replies: defineRoute({
    method: 'GET',
    path: '/comments/:id/replies',
    params: idParamsSchema,
    query: repliesQuerySchema,
    reply: replyPageSchema,
    status: 200,
    errors: [400, 404],
    summary: 'Replies of a comment, oldest first (keyset paging)',
    tags,
  }),
  post: defineRoute({
    method: 'POST',
    path: '/worldcups/:id/comments',
    params: idParamsSchema,
    body: createCommentSchema,
    reply: commentSchema,
    status: 201,
    errors: [400, 401, 404, 429],
    summary: 'Comment on a world cup, or reply to a comment (≤ 500 characters)',
    tags,
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: '/comments/:id',
    params: idParamsSchema,
    reply: z.null(),
    status: 204,
    errors: [401, 403, 404, 429],
    summary: "Delete a comment: its author, the world cup's owner, or an admin; replies stay",
    tags,
  }),
  like: defineRoute({
    method: 'PUT',
    path: '/comments/:id/like',
    params: idParamsSchema,
    reply: likeStateSchema,
    status: 200,
    errors: [401, 404, 429],
    summary: 'Like a comment (liking twice is one like)',
    tags,
  }),
  unlike: defineRoute({
    method: 'DELETE',
    path: '/comments/:id/like',
    params: idParamsSchema,
    reply: likeStateSchema,
    status: 200,
    errors: [401, 404, 429],
    summary: 'Take a like back',
    tags,
  }),
  report: defineRoute({
    method: 'POST',
    path: '/comments/:id/reports',
    params: idParamsSchema,
    body: createReportSchema,
    reply: reportSchema,
    status: 201,
    errors: [400, 404, 409, 429],
    summary: 'Report a comment to the admins (one open report per person and comment)',
    tags,
  }),
};
