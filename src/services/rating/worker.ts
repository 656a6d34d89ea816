/** Worker thread: runs the ranking computation so it never blocks request handling. */
import { parentPort } from 'node:worker_threads';
import { computeLeaderboard } from '../../domain/rating/leaderboard.js';
import type { RatingRequest, RatingResponse } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('rating worker must run in a worker thread');

port.on('message', (req: RatingRequest) => {
  const started = performance.now();
  let res: RatingResponse;
  try {
    const board = computeLeaderboard(req, { rounds: req.rounds, init: req.init });
    res = { id: req.id, ok: true, ...board, ms: performance.now() - started };
  } catch (error) {
    res = { id: req.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(res);
});
