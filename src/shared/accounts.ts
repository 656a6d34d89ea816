/** The API contract of accounts, reports and moderation (zod), shared by server and web like schemas.ts. */
import { z } from 'zod';
import { visibilitySchema } from './schemas.js';

/**
 * Usernames after NFKC and lower-casing: 3–30 of a–z, 0–9, `_ . -` and Hangul syllables,
 * starting with a letter or digit. Hangul is the one script allowed besides ASCII: with more scripts,
 * look-alikes (Cyrillic "а" for Latin "a") could impersonate someone, admins included.
 */
export const USERNAME_PATTERN = /^[a-z0-9가-힣][a-z0-9가-힣_.-]{2,29}$/u;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

/** What makes two usernames the same account: "Alice", "ALICE" and full-width "ａｌｉｃｅ" are one. */
export const usernameKey = (username: string): string => username.normalize('NFKC').toLowerCase();

export const credentialsSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .max(100)
    .refine((u) => USERNAME_PATTERN.test(usernameKey(u)), {
      message: 'username must be 3–30 letters (a–z, 한글), digits, _ . or -, starting with a letter or digit',
    })
    .describe('3–30 of a–z, 0–9, _ . - and Hangul syllables, starting with a letter or digit; case-insensitive (NFKC)'),
  password: z
    .string()
    .min(PASSWORD_MIN, `password must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `password must be at most ${PASSWORD_MAX} characters`),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** Log-in checks no rules beyond bounds: whatever is wrong, the answer is "invalid username or password". */
export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, 'username must not be empty').max(100),
  password: z.string().min(1, 'password must not be empty').max(PASSWORD_MAX),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const roleSchema = z.enum(['user', 'admin']);

export const accountSchema = z.object({ id: z.string(), username: z.string(), role: roleSchema });
export type Account = z.infer<typeof accountSchema>;

export const userResponseSchema = z.object({ user: accountSchema });
export const meSchema = z.object({ user: accountSchema.nullable().describe('null when not logged in') });
export type Me = z.infer<typeof meSchema>;

export const reportReasonSchema = z.enum(['spam', 'sexual', 'violence', 'hate', 'copyright', 'other']);
export const reportStatusSchema = z.enum(['open', 'resolved', 'dismissed']);
export const REPORT_TEXT_MAX = 1000;

export const createReportSchema = z.strictObject({
  reason: reportReasonSchema,
  text: z.string().trim().max(REPORT_TEXT_MAX, `text must be at most ${REPORT_TEXT_MAX} characters`).optional(),
});
export type CreateReportInput = z.infer<typeof createReportSchema>;

export const reportSchema = z.object({
  id: z.string(),
  worldcupId: z.string(),
  reason: reportReasonSchema,
  text: z.string().nullable(),
  status: reportStatusSchema,
  createdAt: z.string(),
  commentId: z.string().nullable().describe('the reported comment; null when the world cup itself is reported'),
});
export type Report = z.infer<typeof reportSchema>;

/** A report as the moderation queue shows it. */
export const adminReportSchema = reportSchema.extend({
  worldcup: z.object({ id: z.string(), title: z.string(), visibility: visibilitySchema, hidden: z.boolean() }),
  reporter: z.string().nullable().describe("the reporter's username; null for an anonymous session"),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable().describe("the admin's username"),
  comment: z
    .object({ id: z.string(), body: z.string(), author: z.string().nullable(), deleted: z.boolean() })
    .nullable()
    .describe('the reported comment (its text is empty once deleted); null for a report of the world cup'),
});
export type AdminReport = z.infer<typeof adminReportSchema>;

export const adminReportPageSchema = z.object({ items: z.array(adminReportSchema), nextCursor: z.string().nullable() });
export type AdminReportPage = z.infer<typeof adminReportPageSchema>;

export const adminReportsQuerySchema = z.object({
  status: reportStatusSchema.default('open'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AdminReportsQuery = z.infer<typeof adminReportsQuerySchema>;

/**
 * dismiss: nothing wrong; hide: hide the world cup; delete: delete it (its reports go with it). For
 * a report of a comment, delete deletes the comment (and answers its other open reports); hide does
 * not apply (400).
 */
export const resolveReportSchema = z.strictObject({ action: z.enum(['dismiss', 'hide', 'delete']) });
export type ResolveAction = z.infer<typeof resolveReportSchema>['action'];
