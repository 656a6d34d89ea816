/**
 * The arithmetic of bench/rooms.ts: the final tally against the acknowledged votes, the votes'
 * acknowledgement latency, and how old each viewer's tally was while the votes came in.
 */
import { percentile } from './lib.js';
import type { ViewerRecord } from './live-viewers.js';
import { machineBusySeconds, procCpuSeconds } from './live-stats.js';
import type { Side, VoteOutcome } from './room-votes.js';

export interface Tally {
  left: number;
  right: number;
}

export interface TallyCheck {
  /** Votes answered 202, per side. */
  acked: Tally;
  /** Votes that got no answer at all (they may or may not have been stored). */
  unanswered: Tally;
  final: Tally;
  /** Acknowledged votes missing from the final tally (over both sides). */
  lost: number;
  /** Votes in the final tally beyond the acknowledged and unanswered ones: counted twice, or from nowhere. */
  double: number;
  /** The final tally equals the acknowledged votes, side by side. */
  exact: boolean;
}

export function checkTally(outcomes: VoteOutcome[], final: Tally): TallyCheck {
  const acked: Tally = { left: 0, right: 0 };
  const unanswered: Tally = { left: 0, right: 0 };
  for (const o of outcomes) {
    if (o.status === 202) acked[o.side]++;
    else if (o.status === 0) unanswered[o.side]++;
  }
  const sides: Side[] = ['left', 'right'];
  const lost = sides.reduce((a, s) => a + Math.max(0, acked[s] - final[s]), 0);
  const double = sides.reduce((a, s) => a + Math.max(0, final[s] - acked[s] - unanswered[s]), 0);
  return { acked, unanswered, final, lost, double, exact: final.left === acked.left && final.right === acked.right };
}

export interface VoteSummary {
  sent: number;
  acked: number;
  /** Answers other than 202, by status ('0': no answer). */
  refused: Record<string, number>;
  /** Acknowledgement latency from when each vote was due (queueing in the client included), ms. */
  fromDue: { p50: number; p99: number; max: number };
  /** From when it went out on its connection, ms. */
  fromSent: { p50: number; p99: number };
  /** Acknowledged votes per second over the burst (first due → last acknowledgement). */
  perSec: number;
  firstDue: number;
  lastAck: number;
}

export function summarizeVotes(outcomes: VoteOutcome[]): VoteSummary {
  const ok = outcomes.filter((o) => o.status === 202);
  const refused: Record<string, number> = {};
  for (const o of outcomes) if (o.status !== 202) refused[String(o.status)] = (refused[String(o.status)] ?? 0) + 1;
  const due = Float64Array.from(ok.map((o) => o.at - o.due)).sort();
  const sent = Float64Array.from(ok.map((o) => o.at - o.sent)).sort();
  const firstDue = Math.min(...outcomes.map((o) => o.due));
  const lastAck = ok.reduce((a, o) => Math.max(a, o.at), firstDue);
  return {
    sent: outcomes.length,
    acked: ok.length,
    refused,
    fromDue: { p50: percentile(due, 50), p99: percentile(due, 99), max: due.length ? (due[due.length - 1] as number) : Number.NaN },
    fromSent: { p50: percentile(sent, 50), p99: percentile(sent, 99) },
    perSec: ok.length / Math.max(0.001, (lastAck - firstDue) / 1000),
    firstDue,
    lastAck,
  };
}

export interface TallyAge {
  viewers: number;
  /** Sample points (every `stepMs`) per viewer. */
  samples: number;
  /** Age of a viewer's tally at a sample point: how long ago the oldest acknowledged vote it lacks was acknowledged (0: none lacking). */
  worstMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Viewers whose tally was ever older than `limitMs`, and their share. */
  viewersOver: number;
  share: number;
  limitMs: number;
}

/**
 * At every `stepMs` from `from` to `to` (monotonic ms), each viewer's latest tally (left + right, from
 * its snapshot, state and tally events) against the votes acknowledged so far: if it counts fewer
 * than were acknowledged by t, it lacks at least the (count + 1)-th acknowledgement, and its age is
 * t minus that acknowledgement's time. A tally counts every stored vote (an acknowledged one, or one
 * whose answer is still on its way), each voter votes once, and counts only grow, so "count ≥ votes
 * acknowledged by t − 1 s" is "includes every vote acknowledged before t − 1 s".
 */
export function tallyAge(records: ViewerRecord[], ackTimes: number[], from: number, to: number, stepMs = 100, limitMs = 1000): TallyAge {
  const acks = Float64Array.from(ackTimes).sort();
  const points: number[] = [];
  for (let t = from; t <= to; t += stepMs) points.push(t);
  // Votes acknowledged by each sample point.
  const ackedBy = points.map((t) => {
    let lo = 0;
    let hi = acks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((acks[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
  const ages = new Float64Array(points.length * records.length);
  let n = 0;
  let viewersOver = 0;
  for (const r of records) {
    let j = 0;
    let count = 0;
    let over = false;
    points.forEach((t, p) => {
      while (j < r.at.length && (r.at[j] as number) <= t) count = Math.max(count, r.votes[j++] as number);
      const acked = ackedBy[p] as number;
      const age = count >= acked ? 0 : t - (acks[count] as number);
      if (age > limitMs) over = true;
      ages[n++] = age;
    });
    if (over) viewersOver++;
  }
  const sorted = ages.subarray(0, n).sort();
  return {
    viewers: records.length,
    samples: points.length,
    worstMs: n ? (sorted[n - 1] as number) : Number.NaN,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    viewersOver,
    share: viewersOver / Math.max(1, records.length),
    limitMs,
  };
}

/** Cores used over a stretch by a set of processes (the servers), and by everything else on the machine. */
export function coresMeter(serverPids: number[], viewerPids: number[]): () => { wallS: number; servers: number; viewers: number; driver: number; other: number } {
  const sum = (pids: number[]) => pids.reduce((a, p) => a + procCpuSeconds(p), 0);
  const t0 = performance.now();
  const s0 = sum(serverPids);
  const v0 = sum(viewerPids);
  const d0 = process.cpuUsage();
  const m0 = machineBusySeconds();
  return () => {
    const wallS = (performance.now() - t0) / 1000;
    const s = sum(serverPids) - s0;
    const v = sum(viewerPids) - v0;
    const du = process.cpuUsage(d0);
    const d = (du.user + du.system) / 1e6;
    const m = machineBusySeconds() - m0;
    return { wallS, servers: s / wallS, viewers: v / wallS, driver: d / wallS, other: Math.max(0, m - s - v - d) / wallS };
  };
}
