/**
 * HTTP helpers for the API tests: a tiny per-user cookie jar over Node's fetch, a server fixture
 * per suite, and the dialects a suite runs on (PostgreSQL gated by requireDependency).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Config } from '../../src/config.js';
import type { ApiError } from '../../src/shared/schemas.js';
import type { Dialect } from '../../src/store/db.js';
import { requireDependency } from './env.js';
import { type TestServer, startTestServer } from './server.js';

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, otherwise undefined. */
  body: T;
  text: string;
}

export interface RequestOptions {
  /** Sent as JSON with content-type application/json. */
  json?: unknown;
  /** A raw body (string, FormData, bytes); pair it with a content-type header when needed. */
  body?: string | FormData | Uint8Array;
  headers?: Record<string, string>;
}

/** Every status any client has received, so a suite can assert that nothing produced a 5xx. */
export const seenStatuses: { base: string; method: string; path: string; status: number }[] = [];

/**
 * One simulated browser: keeps the cookies the server sets (the anonymous `vs_session`) and sends
 * them back. A client created with `{ cookies: false }` never sends any: "another session" each time.
 */
export class ApiClient {
  private readonly jar = new Map<string, string>();

  constructor(
    private readonly base: () => string,
    /** `session`: start with this session token (the same browser talking to another instance). */
    private readonly opts: { cookies?: boolean; session?: string | undefined } = {},
  ) {
    if (opts.session !== undefined) this.jar.set('vs_session', opts.session);
  }

  get session(): string | undefined {
    return this.jar.get('vs_session');
  }

  async raw(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | FormData | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    if (this.opts.cookies !== false && this.jar.size > 0) {
      headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const res = await fetch(this.base() + path, { method, headers, body });
    seenStatuses.push({ base: this.base(), method, path, status: res.status });
    if (this.opts.cookies !== false) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair?.indexOf('=') ?? -1;
        if (pair && eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    }
    return res;
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const res = await this.raw(method, path, options);
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
    return { status: res.status, headers: res.headers, body: (isJson && text ? JSON.parse(text) : undefined) as T, text };
  }

  get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, json?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, json === undefined ? {} : { json });
  }

  patch<T = unknown>(path: string, json: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, { json });
  }

  delete<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path);
  }

  /** Like get/post but asserts the status and returns the body. */
  async ok<T>(method: string, path: string, status: number, options: RequestOptions = {}): Promise<T> {
    const res = await this.request<T>(method, path, options);
    expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
    return res.body;
  }
}

/** Asserts an error response: status, stable code, and a human message. */
export function expectError(res: ApiResponse<unknown>, status: number, code: string | readonly string[]): ApiError {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type') ?? '').toContain('application/json');
  const body = res.body as ApiError;
  expect(body).toEqual({ error: { code: expect.any(String) as string, message: expect.any(String) as string } });
  if (typeof code === 'string') expect(body.error.code).toBe(code);
  else expect(code).toContain(body.error.code);
  expect(body.error.message.trim().length).toBeGreaterThan(0);
  return body;
}

export interface ServerFixture {
  readonly url: string;
  readonly server: TestServer;
  /** A new simulated browser (its own session once it has made a request). */
  user(): ApiClient;
  /** A client that never sends cookies. */
  anonymous(): ApiClient;
}

/** Starts one server for the enclosing describe (beforeAll) and stops it afterwards. */
export function useTestServer(dialect: Dialect, opts: { seed?: boolean; config?: Partial<Config> } = {}): ServerFixture {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ dialect, seed: opts.seed ?? false, ...(opts.config ? { config: opts.config } : {}) });
  });
  afterAll(async () => {
    const base = server?.url;
    await server?.close();
    // Whatever a suite sent, a 5xx is a server bug: fail the suite even if no test looked.
    expect(seenStatuses.filter((s) => s.base === base && s.status >= 500)).toEqual([]);
  });
  const url = () => {
    if (!server) throw new Error('test server not started');
    return server.url;
  };
  return {
    get url() {
      return url();
    },
    get server() {
      if (!server) throw new Error('test server not started');
      return server;
    },
    user: () => new ApiClient(url),
    anonymous: () => new ApiClient(url, { cookies: false }),
  };
}

/** Dialects an API suite runs on: SQLite always; PostgreSQL when reachable (required in CI). */
export async function apiDialects(): Promise<{ dialect: Dialect; enabled: boolean }[]> {
  return [
    { dialect: 'sqlite', enabled: true },
    { dialect: 'postgres', enabled: await requireDependency('postgres') },
  ];
}

/** `count` text candidates named `${prefix}01`, …; every third one has a group. */
export function textCandidates(count: number, prefix = 'Candidate ') {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}${String(i + 1).padStart(2, '0')}`,
    text: `text of ${prefix}${i + 1}`,
    ...(i % 3 === 0 ? { group: `group ${i % 2}` } : {}),
  }));
}

/** A multipart form with one file part (field `file` unless told), as a browser's upload sends it. */
export function fileForm(bytes: Uint8Array, filename: string, type: string, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), filename);
  return form;
}

/** Uploads bytes as the multipart field `file`. */
export function upload<T = unknown>(user: ApiClient, bytes: Uint8Array, filename: string, type: string): Promise<ApiResponse<T>> {
  return user.request<T>('POST', '/api/v1/uploads', { body: fileForm(bytes, filename, type) });
}
