/**
 * Sends fuzz requests over real HTTP with node:http, byte for byte as generated (raw bytes in the
 * path, odd methods, chunked bodies), a few at a time, and records what came back. Event streams
 * are read up to their headers and then hung up on.
 */
import http from 'node:http';
import type { FuzzRequest } from './requests.js';

export interface Outcome {
  req: FuzzRequest;
  /** 0: no response at all (see `error`). */
  status: number;
  error?: string | undefined;
  headers: http.IncomingHttpHeaders;
  contentType: string;
  /** The first 64 KB of the body, as UTF-8. */
  body: string;
  /** A text/event-stream response (read up to its headers). */
  stream: boolean;
  ms: number;
}

const KEEP = 64 * 1024;
const TIMEOUT_MS = 15_000;
/** A stream answers with its headers at once (its snapshot follows); waiting longer is pointless. */
const STREAM_TIMEOUT_MS = 4_000;

function sendOnce(base: URL, req: FuzzRequest, agent: http.Agent | false): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Omit<Outcome, 'req' | 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ req, ms: Date.now() - started, ...o });
    };
    const failed = (error: string) => done({ status: 0, error, headers: {}, contentType: '', body: '', stream: false });
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) {
      if (req.chunked) headers['transfer-encoding'] = 'chunked';
      else headers['content-length'] = String(req.body.length);
    }
    let client: http.ClientRequest;
    try {
      client = http.request({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent });
    } catch (error) {
      failed(`not sendable: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const limit = req.path.includes('/events') ? STREAM_TIMEOUT_MS : TIMEOUT_MS;
    const timer = setTimeout(() => {
      failed(`no response within ${limit} ms`);
      client.destroy();
    }, limit);
    client.on('error', (e: NodeJS.ErrnoException) => failed(`${e.code ?? 'error'}: ${e.message}`));
    client.on('response', (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      const base = { status: res.statusCode ?? 0, headers: res.headers, contentType };
      if (contentType.includes('text/event-stream')) {
        done({ ...base, body: '', stream: true });
        client.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (c: Buffer) => {
        if (kept < KEEP) chunks.push(c);
        kept += c.length;
      });
      res.on('end', () => done({ ...base, body: Buffer.concat(chunks).subarray(0, KEEP).toString('utf8'), stream: false }));
      res.on('error', (e) => failed(`response broke off: ${e.message}`));
      res.on('aborted', () => failed('response aborted'));
    });
    if (req.body === undefined) {
      client.end();
    } else if (req.chunked) {
      for (let at = 0; at < req.body.length; at += 256 * 1024) client.write(req.body.subarray(at, at + 256 * 1024));
      client.end();
    } else {
      client.end(req.body);
    }
  });
}

/**
 * Sends every request, `concurrency` at a time over keep-alive connections (streams on their own
 * connections). A request that got no response is tried once more on a fresh connection, so a
 * connection the server closed after answering an earlier request is not mistaken for a failure.
 */
export async function sendAll(url: string, requests: readonly FuzzRequest[], concurrency: number): Promise<Outcome[]> {
  const base = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const out: Outcome[] = new Array<Outcome>(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      const req = requests[i] as FuzzRequest;
      const isStream = req.path.includes('/events');
      let o = await sendOnce(base, req, isStream ? false : agent);
      if (o.status === 0 && !o.error?.startsWith('not sendable') && !o.error?.startsWith('no response')) o = await sendOnce(base, req, false);
      out[i] = o;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return out;
}

/** `{"error":{"code","message"}}` with non-empty strings, or undefined when the body is something else. */
export function errorShape(o: Outcome): { code: string; message: string } | undefined {
  if (!o.contentType.includes('application/json')) return undefined;
  try {
    const body = JSON.parse(o.body) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof code === 'string' && typeof message === 'string' && code.trim() && message.trim()) return { code, message };
  } catch {
    // not JSON
  }
  return undefined;
}

/** One line per request for the report: category, what was done, method, target (shortened). */
export function describe(req: FuzzRequest): string {
  const printable = req.path.replace(/[^\x21-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const path = printable.length > 140 ? `${printable.slice(0, 140)}…(${printable.length} chars)` : printable;
  const type = req.headers['content-type'];
  const body = req.body === undefined ? '' : ` body ${req.body.length} B${type === undefined ? '' : ` (${type.slice(0, 60)})`}: ${Buffer.from(req.body.subarray(0, 100)).toString('utf8').replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?')}`;
  return `[${req.category}: ${req.note}] ${req.method} ${path}${body}`;
}
