/** The API contract of comments (zod), shared by server and web like schemas.ts. */
import { z } from 'zod';

/** A comment's length, in characters as people count them: Unicode code points (한 = 1, 😀 = 1). */
export const COMMENT_MAX = 500;
/** Replies shown under each root in a page; the rest page through `GET /comments/:id/replies`. */
export const INLINE_REPLIES = 3;

export const commentLength = (text: string): number => [...text].length;

export const createCommentSchema = z.strictObject({
  body: z
    .string()
    // Bounds the work before counting: 500 code points are at most 1,000 UTF-16 units.
    .max(COMMENT_MAX * 2, `comment must be at most ${COMMENT_MAX} characters`)
    .trim()
    .min(1, 'comment must not be empty')
    .refine((s) => commentLength(s) <= COMMENT_MAX, `comment must be at most ${COMMENT_MAX} characters`)
    .describe(`plain text, 1–${COMMENT_MAX} characters (code points) after trimming; never rendered as HTML`),
  parentId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{6,40}$/, 'not a valid id')
    .optional()
    .describe('reply to this comment; a reply to a reply attaches to its root (one level)'),
});
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

export const commentOrderSchema = z.enum(['newest', 'best']);
export type CommentOrder = z.infer<typeof commentOrderSchema>;

export const commentsQuerySchema = z.object({
  order: commentOrderSchema.default('newest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type CommentsQuery = z.infer<typeof commentsQuerySchema>;

export const repliesQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type RepliesQuery = z.infer<typeof repliesQuerySchema>;

/** The champion of the commenter's latest finished game of this world cup. */
export const commentBadgeSchema = z.object({ candidateId: z.string(), name: z.string(), thumbUrl: z.string().nullable() });
export type CommentBadge = z.infer<typeof commentBadgeSchema>;

/** A comment as everyone sees it (also the payload of the live `comment` event). */
export const publicCommentSchema = z.object({
  id: z.string(),
  worldcupId: z.string(),
  parentId: z.string().nullable(),
  /** Empty when deleted. */
  body: z.string(),
  deleted: z.boolean(),
  author: z.string().nullable().describe("the author's username; null for an anonymous session"),
  badge: commentBadgeSchema.nullable(),
  likes: z.number().int(),
  createdAt: z.string(),
});
export type PublicComment = z.infer<typeof publicCommentSchema>;

/** A comment with what this viewer may do with it. */
export const commentSchema = publicCommentSchema.extend({
  liked: z.boolean(),
  isMine: z.boolean(),
  canDelete: z.boolean(),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentThreadSchema = commentSchema.extend({
  replies: z.array(commentSchema).describe(`the first ${INLINE_REPLIES} replies, oldest first`),
  replyCount: z.number().int(),
});
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const commentPageSchema = z.object({ items: z.array(commentThreadSchema), nextCursor: z.string().nullable() });
export type CommentPage = z.infer<typeof commentPageSchema>;

export const replyPageSchema = z.object({ items: z.array(commentSchema), nextCursor: z.string().nullable() });
export type ReplyPage = z.infer<typeof replyPageSchema>;

export const likeStateSchema = z.object({ id: z.string(), likes: z.number().int(), liked: z.boolean() });
export type LikeState = z.infer<typeof likeStateSchema>;
