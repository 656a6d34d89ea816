/**
 * The baseline of bench/live.ts: a bare node:http Server-Sent-Events server. Every viewer of
 * GET /events gets the same headers as Versus' hub, a snapshot of SNAPSHOT_BYTES, then a `ranking`
 * event of PAYLOAD_BYTES (JSON with an increasing "votes") RATE times a second, framed once and
 * written to every viewer. No framework, no bus, no ranking: only the fan-out. A viewer whose socket
 * holds more than 256 KiB unsent is skipped, as the hub does (counted, no resync).
 *
 * It starts paused: GET /control?on=1 starts broadcasting, ?on=0 pauses (the benchmark alternates
 * rounds with Versus). GET /broadcasts lists every broadcast's votes and the moment (monotonic ms,
 * process.hrtime) it was decided, so the benchmark can time each delivery from the decision.
 * WRITE=string writes the frame as a string per viewer (encoded per write) instead of one Buffer.
 *
 * MODE=tally is the baseline of bench/rooms.ts, a live room's bare equivalent: any POST to a path
 * ending in /votes with `{"side":"left"|"right"}` counts it (count++) and answers 202; viewers get a
 * snapshot with the tally, then while on a `tally` event (the same JSON shape as Versus') RATE times
 * a second when the count changed since the last one. GET /tally answers the counts. SLICE=500
 * writes a tally to 500 viewers at a time with requests served in between (setImmediate), as
 * Versus' hub does; without it, to every viewer in one go.
 *
 * Run as a child process: PORT=… RATE=4 PAYLOAD_BYTES=12000 SNAPSHOT_BYTES=13000 node --import tsx bench/live-bare.ts
 */
import http from 'node:http';

const port = Number(process.env.PORT ?? 0);
const rate = Number(process.env.RATE ?? 4);
const payloadBytes = Number(process.env.PAYLOAD_BYTES ?? 12_000);
const snapshotBytes = Number(process.env.SNAPSHOT_BYTES ?? 13_000);
const asString = process.env.WRITE === 'string';
const tallyMode = process.env.MODE === 'tally';
const slice = Number(process.env.SLICE ?? 0) || Infinity;
const MAX_BUFFERED = 256 * 1024;

const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const viewers = new Set<http.ServerResponse>();
const broadcasts: [number, number][] = [];
let votes = 0;
let skipped = 0;
const tally = { left: 0, right: 0 };
let published = -1;

function tallyJson(): string {
  const { left, right } = tally;
  return `{"round":2,"matchIndex":0,"left":${left},"right":${right},"bySource":{"web":{"left":${left},"right":${right}},"chat":{"left":0,"right":0}}}`;
}

/** POST …/votes: the body's side counted, 202 (a bad body: 400, uncounted). */
function vote(req: http.IncomingMessage, res: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let side: unknown;
    try {
      side = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { side?: unknown }).side;
    } catch {
      side = undefined;
    }
    if (side !== 'left' && side !== 'right') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"bad_request"}}');
      return;
    }
    tally[side]++;
    const body = `{"side":"${side}","round":2,"matchIndex":0}`;
    res.writeHead(202, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
}

/** JSON of exactly `bytes` characters (ASCII) shaped like a ranking delta. */
function payload(n: number, bytes: number, wrap: boolean): string {
  const head = `{"worldcupId":"bare00000001","votes":${n},"games":0,"updatedAt":"${new Date().toISOString()}","items":[],"removed":[],"pad":"`;
  const open = wrap ? `{"ranking":` : '';
  const close = wrap ? '"}}' : '"}';
  return open + head + 'x'.repeat(Math.max(0, bytes - open.length - head.length - close.length)) + close;
}

function broadcast(): void {
  if (tallyMode) return broadcastTally();
  const at = monoMs();
  votes++;
  broadcasts.push([votes, at]);
  const text = `id: ${votes}\nevent: ranking\ndata: ${payload(votes, payloadBytes, false)}\n\n`;
  const frame = asString ? text : Buffer.from(text);
  for (const res of viewers) {
    if (res.writableLength > MAX_BUFFERED) skipped++;
    else res.write(frame);
  }
}

/** The tally to every viewer, when it changed since the last one. */
function broadcastTally(): void {
  const total = tally.left + tally.right;
  if (total === published) return;
  published = total;
  broadcasts.push([total, monoMs()]);
  const frame = Buffer.from(`event: tally\ndata: ${tallyJson()}\n\n`);
  const all = [...viewers];
  const write = (from: number) => {
    for (let i = from; i < Math.min(all.length, from + slice); i++) {
      const res = all[i] as http.ServerResponse;
      if (res.destroyed) continue;
      if (res.writableLength > MAX_BUFFERED) skipped++;
      else res.write(frame);
    }
    if (from + slice < all.length) setImmediate(() => write(from + slice));
  };
  write(0);
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url?.endsWith('/votes')) return vote(req, res);
  if (req.url === '/tally') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(tally));
    return;
  }
  if (req.url === '/api/v1/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, viewers: viewers.size }));
    return;
  }
  if (req.url?.startsWith('/control?on=')) {
    control(req.url.endsWith('=1'));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  if (req.url === '/broadcasts') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ broadcasts, skipped }));
    return;
  }
  if (req.url !== '/events') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  if (tallyMode) res.write(`event: snapshot\ndata: {"status":"voting","tally":${tallyJson()}}\n\n`);
  else res.write(`id: ${votes}\nevent: snapshot\ndata: ${payload(votes, snapshotBytes, true)}\n\n`);
  viewers.add(res);
  res.on('close', () => viewers.delete(res));
});

// While on, a fixed schedule (no drift): broadcast k is due at start + k / rate.
let timer: NodeJS.Timeout | undefined;
let start = 0;
let k = 0;
const tick = () => {
  broadcast();
  k++;
  timer = setTimeout(tick, Math.max(0, start + (k * 1000) / rate - performance.now()));
};
function control(on: boolean): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (!on) return;
  start = performance.now();
  k = 1;
  timer = setTimeout(tick, 1000 / rate);
}

server.listen(port, '127.0.0.1');
const stop = () => {
  control(false);
  for (const res of viewers) res.destroy();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
