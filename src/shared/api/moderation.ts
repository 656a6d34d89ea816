/** Reports anyone can file, and the admins' queue and actions (the services check the role: 401, 403). */
import { adminReportPageSchema, adminReportSchema, adminReportsQuerySchema, createReportSchema, reportSchema, resolveReportSchema } from '../accounts.js';
import { idParamsSchema, worldCupSummarySchema } from '../schemas.js';
import { defineRoute } from './define.js';

const tags = ['moderation'];
const adminErrors = [400, 401, 403, 404] as const;

export const moderationRoutes = {
  report: defineRoute({
    method: 'POST',
    path: '/worldcups/:id/reports',
    params: idParamsSchema,
    body: createReportSchema,
    reply: reportSchema,
    status: 201,
    errors: [400, 404, 409, 429],
    summary: 'Report a world cup to the admins (one open report per person and world cup)',
    tags,
  }),
  reports: defineRoute({
    method: 'GET',
    path: '/admin/reports',
    query: adminReportsQuerySchema,
    reply: adminReportPageSchema,
    status: 200,
    errors: adminErrors,
    summary: 'Reports by status, newest first (keyset paging)',
    tags,
  }),
  resolve: defineRoute({
    method: 'POST',
    path: '/admin/reports/:id/resolve',
    params: idParamsSchema,
    body: resolveReportSchema,
    reply: adminReportSchema,
    status: 200,
    errors: [...adminErrors, 409],
    summary: 'Close a report: dismiss it, or hide or delete its world cup (which answers its other open reports too)',
    tags,
  }),
  hide: defineRoute({
    method: 'POST',
    path: '/admin/worldcups/:id/hide',
    params: idParamsSchema,
    reply: worldCupSummarySchema,
    status: 200,
    errors: adminErrors,
    summary: 'Hide a world cup: only its owner and admins see it; off lists, search and live feeds',
    tags,
  }),
  unhide: defineRoute({
    method: 'POST',
    path: '/admin/worldcups/:id/unhide',
    params: idParamsSchema,
    reply: worldCupSummarySchema,
    status: 200,
    errors: adminErrors,
    summary: 'Show a hidden world cup again',
    tags,
  }),
};
