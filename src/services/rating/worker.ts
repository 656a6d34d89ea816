/** Worker thread: runs ranking computations (or stages of one) so they never block request handling. */
import { parentPort, workerData } from 'node:worker_threads';
import { computeLeaderboard, finishLeaderboard, leaderboardReplicates, prepareLeaderboard } from '../../domain/rating/leaderboard.js';
import { openSqliteReader } from '../../store/db.js';
import { VotesRepo } from '../../store/votes-repo.js';
import { cellsOf } from './pair-cells.js';
import type { RatingRequest, RatingResponse, RatingResult, WorkerSetup } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('rating worker must run in a worker thread');
const setup = (workerData ?? {}) as WorkerSetup;
/** The vote ledger on a read-only connection of this thread's own, opened on first use (SQLite only). */
let votes: VotesRepo | undefined;

async function run(req: RatingRequest): Promise<RatingResult> {
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
    case 'pairs': {
      if (!setup.sqlitePath) throw new Error('this rating worker has no database to read');
      votes ??= new VotesRepo(openSqliteReader(setup.sqlitePath));
      const rows = await votes.pairCounts(job.worldcupId, job.filter);
      return { kind: 'pairs', cells: cellsOf(rows, new Map(job.candidateIds.map((id, k) => [id, k]))) };
    }
  }
}

async function answer(req: RatingRequest): Promise<void> {
  const started = performance.now();
  let res: RatingResponse;
  try {
    const result = await run(req);
    res = { id: req.id, ok: true, ms: performance.now() - started, ...result };
  } catch (error) {
    res = { id: req.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port?.postMessage(res, transferable(res));
}

/** Replicates and pair cells are megabytes: their buffers are handed over instead of copied. */
function transferable(res: RatingResponse): ArrayBuffer[] {
  if (!res.ok) return [];
  const arrays = res.kind === 'replicates' ? [res.samples] : res.kind === 'pairs' ? [res.cells.lo, res.cells.hi, res.cells.loWins, res.cells.hiWins, res.cells.ties] : [];
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

port.on('message', (req: RatingRequest) => void answer(req));
