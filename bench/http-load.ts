/**
 * A lean closed-loop HTTP/1.1 load generator: N keep-alive connections over raw sockets, one
 * request in flight per connection, each next request decided by the previous response.
 *
 * Why not autocannon: with per-request `setupRequest`/`onResponse` its client costs ~60–85 µs of
 * CPU per request on this machine (request rebuilt through several object copies, lodash header
 * conversion per response, a JS HTTP parser), more than the bare server it measures — on two
 * cores the client, not the server, would set the baseline. This client writes one string and
 * parses the status line, content-length and body with Buffer scans (~10–20 µs per request).
 * Only what the servers under test send is supported: responses with content-length.
 */
import net from 'node:net';

export interface Exchange {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** One connection's conversation: what to send next, given what came back. */
export interface Conversation {
  /** The next request; undefined ends this connection early. */
  next(): Exchange | undefined;
  /** Called with every complete response (latency is measured around it by the caller). */
  onResponse(status: number, body: string): void;
}

export interface LoadResult {
  /** From the first request to the last response, in seconds. */
  durationS: number;
  responses: number;
  /** Per-response latency in ms (request written → response parsed). */
  latencies: number[];
  errors: number;
  timeouts: number;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

export async function runLoad(opts: {
  host: string;
  port: number;
  connections: number;
  durationS: number;
  /** Extra header lines sent with every request, e.g. { cookie: '…' }. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  conversation: () => Conversation;
}): Promise<LoadResult> {
  const extra = Object.entries(opts.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const hostHeader = `Host: ${opts.host}:${opts.port}\r\n`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const latencies: number[] = [];
  let responses = 0;
  let errors = 0;
  let timeouts = 0;
  const t0 = performance.now();
  const deadline = t0 + opts.durationS * 1000;
  let last = t0;
  let fatal: unknown;

  const runConnection = (conv: Conversation) =>
    new Promise<void>((resolve) => {
      let socket: net.Socket;
      let buf: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let inFlight = false;
      let finished = false;
      let timer: NodeJS.Timeout | undefined;

      const finish = () => {
        if (finished) return;
        finished = true;
        if (timer) clearTimeout(timer);
        socket.destroy();
        resolve();
      };
      const send = () => {
        if (performance.now() >= deadline) return finish();
        const x = conv.next();
        if (!x) return finish();
        const body = x.body ?? '';
        const head =
          `${x.method} ${x.path} HTTP/1.1\r\n${hostHeader}${extra}` +
          (x.method === 'POST' ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` : '') +
          '\r\n';
        inFlight = true;
        sentAt = performance.now();
        socket.write(head + body);
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timeouts++;
          reconnect(50);
        }, timeoutMs);
      };
      const reconnect = (delayMs = 0) => {
        if (timer) clearTimeout(timer);
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.destroy();
        buf = Buffer.alloc(0);
        inFlight = false;
        if (performance.now() >= deadline) return finish();
        // After an error (e.g. the server is gone) back off a little instead of spinning.
        if (delayMs > 0) timer = setTimeout(connect, delayMs);
        else connect();
      };
      const parse = () => {
        for (;;) {
          const end = buf.indexOf(CRLFCRLF);
          if (end < 0) return;
          const head = buf.toString('latin1', 0, end);
          const status = Number(head.slice(9, 12));
          const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
          if (!m) {
            if (/\r\ntransfer-encoding:/i.test(head)) throw new Error('http-load: chunked responses are not supported');
            throw new Error(`http-load: response without content-length:\n${head}`);
          }
          const total = end + 4 + Number(m[1]);
          if (buf.length < total) return;
          const body = buf.toString('utf8', end + 4, total);
          buf = buf.subarray(total);
          const now = performance.now();
          if (inFlight) {
            inFlight = false;
            latencies.push(now - sentAt);
            responses++;
            last = now;
            conv.onResponse(status, body);
          }
          if (/\r\nconnection:\s*close/i.test(head)) return reconnect();
          send();
        }
      };
      const connect = () => {
        socket = net.connect(opts.port, opts.host);
        socket.setNoDelay(true);
        socket.on('connect', send);
        socket.on('data', (chunk: Buffer) => {
          buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
          try {
            parse();
          } catch (error) {
            fatal ??= error;
            finish();
          }
        });
        socket.on('error', () => {
          errors++;
          reconnect(50);
        });
        socket.on('close', () => {
          if (!finished && inFlight) {
            errors++;
            reconnect(50);
          } else if (!finished) reconnect();
        });
      };
      connect();
    });

  await Promise.all(Array.from({ length: opts.connections }, () => runConnection(opts.conversation())));
  if (fatal !== undefined) throw fatal instanceof Error ? fatal : new Error('http-load: connection failed');
  return { durationS: (last - t0) / 1000, responses, latencies, errors, timeouts };
}
