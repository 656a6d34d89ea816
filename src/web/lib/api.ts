/**
 * Typed fetch client for the Versus API (/api/v1). Every non-2xx answer becomes an ApiError carrying
 * the server's `code` and `message`; a failed connection becomes code `network_error`.
 */
import type { Camps, CreateWorldCupInput, Game, History, Matrix, PatchWorldCupInput, Ranking, TagCount, Upload, WorldCup, WorldCupPage, WorldCupSummary } from '../../shared/schemas';
import type { Account, AdminReport, AdminReportPage, CreateReportInput, Credentials, LoginInput, Me, Report, ResolveAction } from '../../shared/accounts';

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

const BASE = '/api/v1';

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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
  }
  const data = parseJson(await res.text());
  if (!res.ok) throw errorFromBody(res.status, data, res.statusText || `HTTP ${res.status}`);
  return data as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export interface ListParams {
  sort?: 'popular' | 'new';
  q?: string;
  tag?: string;
  cursor?: string | null;
  limit?: number;
}

export const api = {
  listWorldCups: (p: ListParams = {}) => request<WorldCupPage>('GET', `/worldcups${query({ ...p })}`),
  tags: () => request<TagCount[]>('GET', '/tags'),
  myWorldCups: (cursor?: string | null) => request<WorldCupPage>('GET', `/me/worldcups${query({ cursor })}`),
  getWorldCup: (id: string) => request<WorldCup>('GET', `/worldcups/${encodeURIComponent(id)}`),
  createWorldCup: (input: CreateWorldCupInput) => request<WorldCup>('POST', '/worldcups', input),
  patchWorldCup: (id: string, input: PatchWorldCupInput) =>
    request<WorldCup>('PATCH', `/worldcups/${encodeURIComponent(id)}`, input),
  deleteWorldCup: (id: string) => request<null>('DELETE', `/worldcups/${encodeURIComponent(id)}`),
  createGame: (worldcupId: string, size: number) =>
    request<Game>('POST', `/worldcups/${encodeURIComponent(worldcupId)}/games`, { size }),
  getGame: (id: string) => request<Game>('GET', `/games/${encodeURIComponent(id)}`),
  // `picks` names the state being answered, so a double tap or a retried request is refused (409)
  // instead of deciding the next match as well.
  pick: (game: Game, winner: string) =>
    request<Game>('POST', `/games/${encodeURIComponent(game.id)}/picks`, { winner, picks: game.picks }),
  undo: (game: Game) => request<Game>('POST', `/games/${encodeURIComponent(game.id)}/undo`, { picks: game.picks }),
  ranking: (worldcupId: string) => request<Ranking>('GET', `/worldcups/${encodeURIComponent(worldcupId)}/ranking`),
  matrix: (worldcupId: string) => request<Matrix>('GET', `/worldcups/${encodeURIComponent(worldcupId)}/matrix`),
  /** Score history, oldest first: one candidate's points, or every candidate's without `candidate`. */
  history: (worldcupId: string, candidate?: string) =>
    request<History>('GET', `/worldcups/${encodeURIComponent(worldcupId)}/history${query({ candidate })}`),
  camps: (worldcupId: string) => request<Camps>('GET', `/worldcups/${encodeURIComponent(worldcupId)}/groups`),

  // Accounts: the session is an HttpOnly cookie, so these only ever return who it belongs to.
  me: () => request<Me>('GET', '/auth/me'),
  signUp: (input: Credentials) => request<{ user: Account }>('POST', '/auth/signup', input),
  logIn: (input: LoginInput) => request<{ user: Account }>('POST', '/auth/login', input),
  logOut: () => request<null>('POST', '/auth/logout'),

  report: (worldcupId: string, input: CreateReportInput) =>
    request<Report>('POST', `/worldcups/${encodeURIComponent(worldcupId)}/reports`, input),
  // Admins only (401 logged out, 403 not an admin).
  adminReports: (status: AdminReport['status'], cursor?: string | null) =>
    request<AdminReportPage>('GET', `/admin/reports${query({ status, cursor })}`),
  resolveReport: (id: string, action: ResolveAction) =>
    request<AdminReport>('POST', `/admin/reports/${encodeURIComponent(id)}/resolve`, { action }),
  setHidden: (worldcupId: string, hidden: boolean) =>
    request<WorldCupSummary>('POST', `/admin/worldcups/${encodeURIComponent(worldcupId)}/${hidden ? 'hide' : 'unhide'}`),
};

/** Uploads one file as multipart field `file`, reporting progress (0..1). XHR because fetch has no upload progress. */
export function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/uploads`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const data = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as Upload);
      else reject(errorFromBody(xhr.status, data, xhr.statusText || `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'network error'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
