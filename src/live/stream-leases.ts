/**
 * Caps on open event streams (per session, per address), counted on every instance together
 * through the backend's leases. A stream holds one lease per cap while it is open: the hub renews
 * them on its heartbeat and releases them when the stream ends, and the leases of an instance
 * that died expire by themselves after a few missed heartbeats.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Lease, Leases } from './backend.js';

export interface StreamCap {
  /** What is counted, e.g. `streams:session:<viewer>`. */
  key: string;
  /** Streams allowed open at once under the key. */
  cap: number;
}

/** Either the stream may start, holding `leases`, or `full` is the cap it would exceed. */
export type Admission<C extends StreamCap = StreamCap> = { isAdmitted: true; leases: Lease[] } | { isAdmitted: false; full: C };

export class StreamLeases {
  /** Holders are `<instance>:<n>`: unique across instances without asking anyone. */
  private readonly instance = randomBytes(6).toString('base64url');
  private count = 0;
  /** The leases of every open stream, for the heartbeat's renewal. */
  private readonly held = new Set<Lease[]>();

  constructor(
    private readonly leases: Leases,
    /** How long a lease outlives its last renewal: a few heartbeats, so one late renewal loses nothing. */
    private readonly ttlMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Takes a slot under every cap, or none. If the backend fails (Redis down), the stream is
   * admitted with whatever it holds: a cap is a guard, and streams must not stop because of it.
   */
  async admit<C extends StreamCap>(caps: readonly C[]): Promise<Admission<C>> {
    const holder = `${this.instance}:${++this.count}`;
    const taken: Lease[] = [];
    try {
      for (const cap of caps) {
        if (!(await this.leases.acquire(cap.key, holder, cap.cap, this.ttlMs))) {
          this.release(taken);
          return { isAdmitted: false, full: cap };
        }
        taken.push({ key: cap.key, holder });
      }
    } catch (error) {
      this.onError(error);
    }
    return { isAdmitted: true, leases: taken };
  }

  /** Renews the stream's leases while `res` is open; once it closes, however it ends, its slots are free at once. */
  holdUntilClosed(res: ServerResponse, leases: Lease[]): void {
    if (leases.length === 0) return;
    this.held.add(leases);
    const end = () => {
      if (this.held.delete(leases)) this.release(leases);
    };
    res.once('close', end);
    // A response that closed already (its client left while the slots were being taken) sends no 'close'.
    if (res.destroyed) end();
  }

  /** Called on the hub's heartbeat. */
  renewAll(): void {
    if (this.held.size === 0) return;
    this.leases.renew([...this.held].flat(), this.ttlMs).catch(this.onError);
  }

  private release(leases: readonly Lease[]): void {
    if (leases.length > 0) this.leases.release([...leases]).catch(this.onError);
  }
}
