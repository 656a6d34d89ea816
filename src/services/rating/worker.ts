/** Worker thread: runs ranking computations (or stages of one) so they never block request handling. */
import { parentPort } from 'node:worker_threads';
import { computeLeaderboard, finishLeaderboard, leaderboardReplicates, prepareLeaderboard } from '../../domain/rating/leaderboard.js';
import type { RatingRequest, RatingResponse, RatingResult } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('rating worker must run in a worker thread');

function run(req: RatingRequest): RatingResult {
  const opts = { rounds: req.rounds, init: req.init, groups: req.groups };
  const { job } = req;
  switch (job.kind) {
    case 'leaderboard':
      return { kind: 'leaderboard', ...computeLeaderboard(req, opts) };
    case 'prepare': {
      const { solver, theta } = prepareLeaderboard(req, opts);
      return { kind: 'prepare', solver, theta };
    }
    case 'replicates':
      return { kind: 'replicates', samples: leaderboardReplicates(prepareLeaderboard(req, opts, job.fit), job.from, job.to) };
    case 'finish':
      return { kind: 'leaderboard', ...finishLeaderboard(prepareLeaderboard(req, opts, job.fit), job.samples) };
  }
}

port.on('message', (req: RatingRequest) => {
  const started = performance.now();
  let res: RatingResponse;
  try {
    const result = run(req);
    res = { id: req.id, ok: true, ms: performance.now() - started, ...result };
  } catch (error) {
    res = { id: req.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  // Replicates are megabytes: hand the buffer over instead of copying it.
  const buffer = res.ok && res.kind === 'replicates' ? res.samples.buffer : undefined;
  port.postMessage(res, buffer instanceof ArrayBuffer ? [buffer] : []);
});
