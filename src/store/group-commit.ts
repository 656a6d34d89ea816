/**
 * Group commit: every write job submitted during one event-loop turn runs in a single transaction,
 * and each job's promise settles only after that transaction is committed and durable (see
 * `durable`). One sync then covers the whole batch instead of one per pick.
 *
 * Contract for jobs: a job that rejects with an expected (client) error must do so before it
 * writes anything, so the batch can commit the others. Any other error rolls the batch back and
 * each of its jobs is retried alone, so one bad job never takes a good one down with it. A job may
 * therefore run more than once (also when `transact` re-runs a batch PostgreSQL aborted for a
 * deadlock): it must only write through its `tx` and keep no effect of a run that did not commit.
 */
export type Transact<Tx> = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

interface Job<Tx> {
  run: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommitter<Tx> {
  private pending: Job<Tx>[] = [];
  private isFlushing = false;

  constructor(
    private readonly transact: Transact<Tx>,
    private readonly isExpectedError: (error: unknown) => boolean,
    /** Resolves when what was committed is on stable storage; jobs settle only after it. */
    private readonly durable: () => Promise<void> = () => Promise.resolve(),
    private readonly maxBatch = 512,
  ) {}

  submit<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.isFlushing) {
        this.isFlushing = true;
        // setImmediate, not a microtask: lets every request parsed in this I/O turn join the batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      await this.runBatch(batch);
    }
    this.isFlushing = false;
  }

  private async runBatch(batch: Job<Tx>[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.transact(async (tx) => {
        const results: Outcome[] = [];
        for (const job of batch) {
          try {
            results.push({ ok: true, value: await job.run(tx) });
          } catch (error) {
            if (!this.isExpectedError(error)) throw error;
            results.push({ ok: false, error });
          }
        }
        return results;
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // Isolate the failure: retry each job in its own transaction.
      for (const job of batch) await this.runBatch([job]);
      return;
    }
    // The next batch may commit while this one's sync runs (the sync is off the main thread); no
    // job is acknowledged before the sync that covers it has finished.
    this.durable().then(
      () =>
        batch.forEach((job, i) => {
          const o = outcomes[i] as Outcome;
          if (o.ok) job.resolve(o.value);
          else job.reject(o.error);
        }),
      (error: unknown) => batch.forEach((job) => job.reject(error)),
    );
  }
}
