/**
 * Typed fetch client for the Versus API, derived from its route tables (src/shared/api/): `call`
 * takes a route and its params, query and body, and resolves to the route's reply type. Every
 * non-2xx answer becomes an ApiError carrying the server's `code` and `message`; a failed
 * connection becomes code `network_error`.
 */
import type { z } from 'zod';
import type { InputOf, JsonRoute, ReplyOf } from '../../shared/api/define.js';
import { urlOf } from '../../shared/api/url.js';
import { type RouteLink, routes } from './route-links';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * Embed pages framed by another site get no cookies: their session travels in a header instead
 * (SESSION_HEADER in src/http/session.ts), its token kept in memory only. Undefined: cookies.
 */
let headerSession: { token: string | null } | undefined;

/** Switches this page to a header-carried session (an embed page, before its first request). */
export function useHeaderSession(): void {
  headerSession ??= { token: null };
}

function sessionHeaders(): Record<string, string> {
  return headerSession ? { 'x-versus-session': headerSession.token ?? 'new' } : {};
}

/** Keeps the first token the server issues; later ones (parallel first requests) own nothing. */
function adoptSession(res: Response): void {
  const issued = res.headers.get('x-versus-session');
  if (headerSession && issued && headerSession.token === null) headerSession.token = issued;
}

function errorFromBody(status: number, body: unknown, fallback: string): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const err = body.error;
    if (typeof err === 'object' && err !== null) {
      const { code, message } = err as { code?: unknown; message?: unknown };
      if (typeof code === 'string') {
        return new ApiError(status, code, typeof message === 'string' ? message : fallback);
      }
    }
  }
  return new ApiError(status, `http_${status}`, fallback);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * One part of a call: required when the route's schema requires it, optional when everything in it
 * is optional, absent when the route has no such part.
 */
type Part<K extends string, S> = S extends z.ZodType
  ? undefined extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : object extends z.input<S>
      ? { [P in K]?: z.input<S> }
      : { [P in K]: z.input<S> }
  : { [P in K]?: never };

export type CallOptions<R extends JsonRoute> = Part<'params', R['params']> & Part<'query', R['query']> & Part<'body', R['body']>;

/** The options argument may be left out when nothing in it is required. */
type CallArgs<R extends JsonRoute> = object extends CallOptions<R> ? [options?: CallOptions<R>] : [options: CallOptions<R>];

interface RawCall {
  params?: Record<string, string | number>;
  query?: object;
  body?: unknown;
}

/**
 * The UI language (locale.svelte.ts keeps it on <html lang>), so the starter world cups come in it.
 * Read from the document rather than imported: locale.svelte.ts imports this module.
 */
function languageHeader(): Record<string, string> {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return lang === 'ko' || lang === 'en' ? { 'accept-language': lang } : {};
}

/**
 * Sends a request to a JSON route of the tables and resolves to its reply (null for 204). The
 * reply is typed, not re-parsed: the server built it from the same schema.
 */
export function call<R extends JsonRoute>(route: RouteLink<R>, ...args: CallArgs<R>): Promise<ReplyOf<R>>;
export async function call(route: RouteLink<unknown>, options: RawCall = {}): Promise<unknown> {
  const { body } = options;
  let res: Response;
  try {
    res = await fetch(urlOf(route, options.params, options.query), {
      method: route.method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...languageHeader(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...sessionHeaders(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
  }
  adoptSession(res);
  const data = parseJson(await res.text());
  if (!res.ok) throw errorFromBody(res.status, data, res.statusText || `HTTP ${res.status}`);
  return data;
}

/** The full definition (schemas included, as types only) behind a route's link. */
type Def<L> = L extends RouteLink<infer R> ? R : never;
const { worldcups, games, arena, rooms, ranking, results, accounts, moderation, uploads, comments } = routes;
type Body<R extends JsonRoute> = InputOf<R['body']>;

/** The calls the pages make, by what they do; each is one route of the tables. */
export const api = {
  listWorldCups: (query: InputOf<Def<typeof worldcups.list>['query']> = {}) => call(worldcups.list, { query }),
  tags: () => call(worldcups.tags),
  myWorldCups: (cursor?: string | null) => call(worldcups.mine, { query: { cursor: cursor ?? undefined } }),
  getWorldCup: (id: string) => call(worldcups.get, { params: { id } }),
  createWorldCup: (input: Body<Def<typeof worldcups.create>>) => call(worldcups.create, { body: input }),
  patchWorldCup: (id: string, input: Body<Def<typeof worldcups.patch>>) => call(worldcups.patch, { params: { id }, body: input }),
  deleteWorldCup: (id: string) => call(worldcups.delete, { params: { id } }),
  createGame: (worldcupId: string, size: number) => call(games.start, { params: { id: worldcupId }, body: { size } }),
  getGame: (id: string) => call(games.get, { params: { id } }),
  /** This session's unfinished game of a world cup (이어하기), or `game: null`. */
  myGame: (worldcupId: string) => call(games.mine, { params: { id: worldcupId } }),
  // `picks` names the state being answered, so a double tap or a retried request is refused (409)
  // instead of deciding the next match as well.
  pick: (game: ReplyOf<Def<typeof games.get>>, winner: string) => call(games.pick, { params: { id: game.id }, body: { winner, picks: game.picks } }),
  undo: (game: ReplyOf<Def<typeof games.get>>) => call(games.undo, { params: { id: game.id }, body: { picks: game.picks } }),
  /** The table of all counted votes, or of one source and/or one prompt category (issue 13). */
  ranking: (worldcupId: string, query: InputOf<Def<typeof ranking.ranking>['query']> = {}) => call(ranking.ranking, { params: { id: worldcupId }, query }),
  matrix: (worldcupId: string) => call(ranking.matrix, { params: { id: worldcupId } }),
  /** Score history, oldest first: one candidate's points, or every candidate's without `candidate`. */
  history: (worldcupId: string, candidate?: string) => call(ranking.history, { params: { id: worldcupId }, query: { candidate } }),
  camps: (worldcupId: string) => call(ranking.camps, { params: { id: worldcupId } }),
  // Arena (issue 13): the server draws every battle; its id is a capability, kept out of URLs.
  startBattle: (worldcupId: string, input: NonNullable<Body<Def<typeof arena.start>>> = {}) => call(arena.start, { params: { id: worldcupId }, body: input }),
  vote: (battleId: string, choice: Body<Def<typeof arena.vote>>['choice']) => call(arena.vote, { params: { id: battleId }, body: { choice } }),
  skip: (battleId: string) => call(arena.skip, { params: { id: battleId } }),
  prompts: (worldcupId: string) => call(arena.prompts, { params: { id: worldcupId } }),
  // Live rooms (issue 14): the code is public; hosting is the creating session's, checked by the server.
  createRoom: (input: Body<Def<typeof rooms.create>>) => call(rooms.create, { body: input }),
  room: (code: string) => call(rooms.get, { params: { code } }),
  roomResults: (code: string) => call(rooms.results, { params: { code } }),
  roomVote: (code: string, side: Body<Def<typeof rooms.vote>>['side']) => call(rooms.vote, { params: { code }, body: { side } }),
  startRoom: (code: string) => call(rooms.start, { params: { code } }),
  closeRoomVoting: (code: string) => call(rooms.close, { params: { code } }),
  /** Without `winner`: the audience's choice; with it, the host's (an override, or a tie's decision). */
  advanceRoom: (code: string, winner?: string) => call(rooms.advance, { params: { code }, body: winner === undefined ? {} : { winner } }),
  endRoom: (code: string) => call(rooms.end, { params: { code } }),
  /** A finished game's public result, by its result id (never the game's). */
  result: (resultId: string) => call(results.get, { params: { id: resultId } }),

  // Accounts: the session is an HttpOnly cookie, so these only ever return who it belongs to.
  me: () => call(accounts.me),
  signUp: (input: Body<Def<typeof accounts.signUp>>) => call(accounts.signUp, { body: input }),
  logIn: (input: Body<Def<typeof accounts.logIn>>) => call(accounts.logIn, { body: input }),
  logOut: () => call(accounts.logOut),

  report: (worldcupId: string, input: Body<Def<typeof moderation.report>>) => call(moderation.report, { params: { id: worldcupId }, body: input }),
  // Admins only (401 logged out, 403 not an admin).
  adminReports: (status: InputOf<Def<typeof moderation.reports>['query']>['status'], cursor?: string | null) =>
    call(moderation.reports, { query: { status, cursor: cursor ?? undefined } }),
  comments: (worldcupId: string, order: 'newest' | 'best', cursor?: string | null) =>
    call(comments.list, { params: { id: worldcupId }, query: { order, cursor: cursor ?? undefined } }),
  replies: (commentId: string, cursor?: string | null) => call(comments.replies, { params: { id: commentId }, query: { cursor: cursor ?? undefined } }),
  postComment: (worldcupId: string, input: Body<Def<typeof comments.post>>) => call(comments.post, { params: { id: worldcupId }, body: input }),
  deleteComment: (commentId: string) => call(comments.delete, { params: { id: commentId } }),
  likeComment: (commentId: string, isLiked: boolean) =>
    isLiked ? call(comments.like, { params: { id: commentId } }) : call(comments.unlike, { params: { id: commentId } }),
  reportComment: (commentId: string, input: Body<Def<typeof comments.report>>) => call(comments.report, { params: { id: commentId }, body: input }),
  resolveReport: (id: string, action: Body<Def<typeof moderation.resolve>>['action']) => call(moderation.resolve, { params: { id }, body: { action } }),
  setHidden: (worldcupId: string, hidden: boolean) =>
    hidden ? call(moderation.hide, { params: { id: worldcupId } }) : call(moderation.unhide, { params: { id: worldcupId } }),
};

/** Uploads one file as multipart field `file`, reporting progress (0..1). XHR because fetch has no upload progress. */
export function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<ReplyOf<Def<typeof uploads.upload>>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(uploads.upload.method, urlOf(uploads.upload));
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const data = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as ReplyOf<Def<typeof uploads.upload>>);
      else reject(errorFromBody(xhr.status, data, xhr.statusText || `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'network error'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
