import { Worker } from 'node:worker_threads';
import type { Comparisons } from '../../domain/rating/comparisons.js';
import type { Leaderboard } from '../../domain/rating/leaderboard.js';
import type { RatingRequest, RatingResponse } from './protocol.js';

/**
 * One worker thread that computes leaderboards, one request at a time in arrival order. When run
 * from TypeScript sources (tests, `npm run dev`) the worker is loaded through tsx.
 */
export class RatingWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (b: Leaderboard & { ms: number }) => void; reject: (e: Error) => void }>();

  private start(): Worker {
    const fromSource = import.meta.url.endsWith('.ts');
    const file = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
    // From sources, a worker has no TypeScript loader of its own: register tsx's, then load the file.
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`,
          { eval: true },
        )
      : new Worker(file);
    worker.on('message', (res: RatingResponse) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (this.pending.size === 0) worker.unref();
      if (res.ok) p.resolve(res);
      else p.reject(new Error(res.error));
    });
    const failAll = (error: Error) => {
      this.worker = undefined;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`rating worker exited with code ${code}`)));
    // An idle worker must not keep a finished process alive; a busy one must (see compute).
    worker.unref();
    return worker;
  }

  compute(c: Comparisons, rounds: number, init = new Float64Array(c.n)): Promise<Leaderboard & { ms: number }> {
    this.worker ??= this.start();
    const id = this.nextId++;
    const req: RatingRequest = { id, n: c.n, i: c.i, j: c.j, winsI: c.winsI, winsJ: c.winsJ, ties: c.ties, rounds, init };
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
