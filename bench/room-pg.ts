/**
 * Where PostgreSQL's time goes during bench/rooms.ts' burst on two instances: every `everyMs` it
 * reads pg_stat_activity for the bench's database and counts what each server connection was doing
 * (running, waiting on a lock, on the WAL's sync, on the client). Diagnostics only: it changes
 * nothing and checks nothing.
 */
import pg from 'pg';

export interface PgWaits {
  samples: number;
  /** Mean connections of the database in each state (`active`, `active: Lock/transactionid`, `idle in transaction: Client/ClientRead` …). */
  mean: Record<string, number>;
}

export class PgActivitySampler {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private busy = false;

  constructor(
    private readonly url: string,
    private readonly everyMs = 50,
  ) {}

  async start(): Promise<void> {
    this.client = new pg.Client({ connectionString: this.url });
    await this.client.connect();
    this.timer = setInterval(() => void this.sample(), this.everyMs);
  }

  async stop(): Promise<PgWaits> {
    clearInterval(this.timer);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
    const mean: Record<string, number> = {};
    for (const [k, n] of [...this.counts].sort((a, b) => b[1] - a[1])) mean[k] = n / Math.max(1, this.samples);
    return { samples: this.samples, mean };
  }

  private async sample(): Promise<void> {
    const c = this.client;
    if (!c || this.busy) return;
    this.busy = true;
    try {
      const r = await c.query<{ state: string | null; wait: string | null; n: string }>(
        `select state, wait_event_type || '/' || wait_event as wait, count(*) as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1, 2`,
      );
      this.samples++;
      for (const row of r.rows) {
        const key = `${row.state ?? '?'}${row.wait ? `: ${row.wait}` : ''}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + Number(row.n));
      }
    } catch {
      // the database is going away: stop counting
    } finally {
      this.busy = false;
    }
  }
}

/** `active 3.2, idle in transaction: Client/ClientRead 1.1, …`: the busiest states first. */
export function formatWaits(w: PgWaits, top = 6): string {
  return Object.entries(w.mean)
    .slice(0, top)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ');
}
