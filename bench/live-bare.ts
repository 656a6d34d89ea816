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
 * Run as a child process: PORT=… RATE=4 PAYLOAD_BYTES=12000 SNAPSHOT_BYTES=13000 node --import tsx bench/live-bare.ts
 */
import http from 'node:http';

const port = Number(process.env.PORT ?? 0);
const rate = Number(process.env.RATE ?? 4);
const payloadBytes = Number(process.env.PAYLOAD_BYTES ?? 12_000);
const snapshotBytes = Number(process.env.SNAPSHOT_BYTES ?? 13_000);
const asString = process.env.WRITE === 'string';
const MAX_BUFFERED = 256 * 1024;

const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const viewers = new Set<http.ServerResponse>();
const broadcasts: [number, number][] = [];
let votes = 0;
let skipped = 0;

/** JSON of exactly `bytes` characters (ASCII) shaped like a ranking delta. */
function payload(n: number, bytes: number, wrap: boolean): string {
  const head = `{"worldcupId":"bare00000001","votes":${n},"games":0,"updatedAt":"${new Date().toISOString()}","items":[],"removed":[],"pad":"`;
  const open = wrap ? `{"ranking":` : '';
  const close = wrap ? '"}}' : '"}';
  return open + head + 'x'.repeat(Math.max(0, bytes - open.length - head.length - close.length)) + close;
}

function broadcast(): void {
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

const server = http.createServer((req, res) => {
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
  res.write(`id: ${votes}\nevent: snapshot\ndata: ${payload(votes, snapshotBytes, true)}\n\n`);
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
