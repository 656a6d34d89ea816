/** Live rooms (issue 14): a host plays a world cup on stream; the audience votes every match. */
import { advanceSchema, createRoomSchema, roomCodeParamsSchema, roomResultsSchema, roomSchema, roomVoteResultSchema, roomVoteSchema } from '../rooms.js';
import { defineRoute, defineStream } from './define.js';
import { streamQuerySchema } from './live.js';

const tags = ['rooms'];

const hostAction = (path: string, summary: string) =>
  defineRoute({ method: 'POST', path, params: roomCodeParamsSchema, reply: roomSchema, status: 200, errors: [400, 403, 404, 409, 429], summary, tags });

export const roomRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/rooms',
    body: createRoomSchema,
    reply: roomSchema,
    status: 201,
    errors: [400, 401, 404, 409, 429],
    summary: 'Open a room on a world cup: its join code and URL; the creating session (or account) hosts it',
    tags,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/rooms/:code',
    params: roomCodeParamsSchema,
    reply: roomSchema,
    status: 200,
    errors: [400, 404, 429],
    summary: "The room now: its match, window, the split (per reveal), the audience's size and the asker's vote",
    tags,
  }),
  results: defineRoute({
    method: 'GET',
    path: '/rooms/:code/results',
    params: roomCodeParamsSchema,
    reply: roomResultsSchema,
    status: 200,
    errors: [400, 404, 429],
    summary: "Every closed match: the audience's split and result, the host's winner and overrides",
    tags,
  }),
  vote: defineRoute({
    method: 'POST',
    path: '/rooms/:code/votes',
    params: roomCodeParamsSchema,
    body: roomVoteSchema,
    reply: roomVoteResultSchema,
    status: 202,
    errors: [400, 401, 404, 409, 429],
    summary: "Vote on the current match (voting again replaces the vote); 409 voting_closed outside the window by the server's clock",
    tags,
  }),
  start: hostAction('/rooms/:code/start', 'Host: show the first match'),
  close: hostAction('/rooms/:code/close', 'Host: close voting on the current match now'),
  advance: defineRoute({
    method: 'POST',
    path: '/rooms/:code/advance',
    params: roomCodeParamsSchema,
    body: advanceSchema,
    reply: roomSchema,
    status: 200,
    errors: [400, 403, 404, 409, 429],
    summary: "Host: accept the audience's winner or override it (a tie needs the host's choice); the next match is shown",
    tags,
  }),
  end: hostAction('/rooms/:code/end', 'Host: end the room now'),
  events: defineStream({
    path: '/rooms/:code/events',
    params: roomCodeParamsSchema,
    query: streamQuerySchema,
    errors: [400, 404, 429],
    summary: "The room live (text/event-stream): state, tally (at most twice a second; the host's only with reveal 'after'), decided, finished",
    tags,
  }),
};
