/**
 * The baseline: a bare node:http server speaking just enough of the pick protocol for the same
 * client to drive it. It parses the JSON body, counts picks per game in memory and answers a
 * Game-shaped JSON of ~300 bytes. No framework, no validation library, no database.
 *
 * Run as a child process: PORT=… node --import tsx bench/bare-server.ts
 */
import http from 'node:http';

const port = Number(process.env.PORT ?? 0);
const TOTAL = Number(process.env.GAME_SIZE ?? 1024) - 1;
const picksByGame = new Map<string, number>();
const PICK_PATH = /^\/api\/v1\/games\/([^/]+)\/picks$/;

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/api/v1/health') return answer(res, 200, { ok: true });
  const m = req.method === 'POST' ? PICK_PATH.exec(req.url ?? '') : null;
  if (!m) return answer(res, 404, { error: { code: 'not_found', message: 'no route' } });
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let winner: unknown;
    try {
      winner = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { winner?: unknown }).winner;
    } catch {
      return answer(res, 400, { error: { code: 'invalid_json', message: 'body is not JSON' } });
    }
    if (typeof winner !== 'string') return answer(res, 400, { error: { code: 'invalid_request', message: 'winner' } });
    const id = m[1] as string;
    const picks = (picksByGame.get(id) ?? 0) + 1;
    picksByGame.set(id, picks);
    const done = picks >= TOTAL;
    const cand = (n: number) => ({ id: `c${String(n).padStart(11, '0')}`, name: `후보 ${n}`, group: null, caption: null, media: { kind: 'text', text: 'bare' } });
    answer(res, 200, {
      id,
      worldcupId: 'wcbare000001',
      worldcupTitle: 'bare',
      size: TOTAL + 1,
      done,
      match: done ? null : { round: 1024, index: picks % 512, total: 512, a: cand(2 * picks), b: cand(2 * picks + 1) },
      champion: null,
      picks,
      totalPicks: TOTAL,
      canUndo: true,
    });
  });
});

server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
