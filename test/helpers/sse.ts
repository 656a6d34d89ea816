/**
 * A Server-Sent Events client for tests, over node:http: records every event (and comment) as it
 * arrives and lets a test wait for the one it expects.
 */
import http from 'node:http';

export interface SseEvent {
  /** The SSE id field, when the event had one. */
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseOptions {
  lastEventId?: string;
  headers?: Record<string, string>;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  /** Comment lines (": keep-alive") received. */
  comments = 0;
  /** The body of a response that is not a stream (status other than 200: an error's JSON). */
  text = '';
  isClosed = false;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly status: number,
    private readonly req: http.ClientRequest,
    readonly res: http.IncomingMessage,
  ) {}

  /** Connects and resolves once the response headers arrived (any status: check `status`). */
  static connect(url: string, opts: SseOptions = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream', ...opts.headers };
      if (opts.lastEventId !== undefined) headers['last-event-id'] = opts.lastEventId;
      const req = http.get(url, { headers }, (res) => {
        const client = new SseClient(res.statusCode ?? 0, req, res);
        client.read();
        resolve(client);
      });
      req.on('error', reject);
    });
  }

  /** The last id received (what a browser would send as Last-Event-ID). */
  get lastId(): string | undefined {
    for (let k = this.events.length - 1; k >= 0; k--) {
      const id = this.events[k]?.id;
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /** The first event from index `from` on that matches, waiting up to `timeoutMs`. */
  async waitFor(match: (e: SseEvent) => boolean, timeoutMs = 5_000, from = 0): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.isClosed) {
        throw new Error(`no matching event within ${timeoutMs} ms (${this.isClosed ? 'stream closed; ' : ''}got ${this.events.map((e) => e.event).join(', ')})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The whole body of a refused stream (any status but 200), once it has ended. */
  async body(timeoutMs = 5_000): Promise<string> {
    if (this.status === 200) throw new Error('body() is for refused streams; this one is streaming');
    const deadline = Date.now() + timeoutMs;
    while (!this.isClosed) {
      if (Date.now() > deadline) throw new Error(`the ${this.status} response did not end within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.text;
  }

  /** Parsed JSON payload of an event. */
  static json<T>(e: SseEvent): T {
    return JSON.parse(e.data) as T;
  }

  close(): void {
    this.isClosed = true;
    this.req.destroy();
  }

  private read(): void {
    let buffer = '';
    let current: { id?: string; event?: string; data: string[] } = { data: [] };
    this.res.setEncoding('utf8');
    this.res.on('data', (chunk: string) => {
      if (this.status !== 200) {
        this.text += chunk;
        return;
      }
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (current.data.length > 0 || current.event !== undefined) {
            this.events.push({ id: current.id, event: current.event ?? 'message', data: current.data.join('\n') });
          }
          current = { data: [] };
          continue;
        }
        if (line.startsWith(':')) {
          this.comments++;
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') current.id = value;
        else if (field === 'event') current.event = value;
        else if (field === 'data') current.data.push(value);
      }
      this.wake();
    });
    const end = () => {
      this.isClosed = true;
      this.wake();
    };
    this.res.on('end', end);
    this.res.on('close', end);
    this.res.on('error', end);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
