/**
 * The arithmetic of bench/live.ts: delivery latencies over (target, viewer) pairs, deliveries in a
 * window, CPU of every process over a phase, and the machine's limits on how many viewers fit.
 */
import fs from 'node:fs';
import { percentile } from './lib.js';
import type { ViewerRecord } from './live-viewers.js';

/** Something every viewer should receive: the first event carrying `votes` ≥ this, due from `at`. */
export interface Target {
  votes: number;
  at: number;
}

/** A measured stretch of time, monotonic ms. */
export interface Window {
  from: number;
  to: number;
}

export const inWindows = (t: number, windows: Window[]): boolean => windows.some((w) => t >= w.from && t <= w.to);

export interface Latency {
  /** (target, viewer) pairs delivered. */
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Pairs whose event arrived before the target's time (clamped to 0): ranking read before the ack was parsed. */
  early: number;
  /** Pairs never delivered while the viewers were connected. */
  undelivered: number;
}

/**
 * For each target and each viewer, the time from the target's moment to the viewer's first
 * snapshot/ranking event with votes ≥ the target's votes (vote counts only grow along a stream).
 */
export function deliveryLatency(records: ViewerRecord[], targets: Target[]): Latency {
  const sorted = [...targets].sort((a, b) => a.votes - b.votes || a.at - b.at);
  const out = new Float64Array(sorted.length * records.length);
  let n = 0;
  let early = 0;
  let undelivered = 0;
  for (const r of records) {
    let j = 0;
    for (const t of sorted) {
      while (j < r.votes.length && (r.votes[j] as number) < t.votes) j++;
      if (j >= r.votes.length) {
        undelivered++;
        continue;
      }
      const d = (r.at[j] as number) - t.at;
      if (d < 0) early++;
      out[n++] = Math.max(0, d);
    }
  }
  const lat = out.subarray(0, n).sort();
  return { n, p50: percentile(lat, 50), p99: percentile(lat, 99), max: n > 0 ? (lat[n - 1] as number) : Number.NaN, early, undelivered };
}

/** Each ranking event's (by votes) first arrival at any viewer, as one record in votes order. */
export function firstArrivals(records: ViewerRecord[]): ViewerRecord {
  const first = new Map<number, number>();
  for (const r of records) {
    for (let k = 0; k < r.votes.length; k++) {
      if (r.kind[k] !== 1) continue;
      const v = r.votes[k] as number;
      const at = r.at[k] as number;
      const f = first.get(v);
      if (f === undefined || at < f) first.set(v, at);
    }
  }
  const sorted = [...first].sort((a, b) => a[0] - b[0]);
  return { votes: sorted.map((e) => e[0]), at: sorted.map((e) => e[1]), kind: sorted.map(() => 1), otherAt: [] };
}

/**
 * Fan-out spread: for every ranking event that first arrived inside the windows, the time from its
 * first arrival at any viewer to its arrival at each viewer. The server's own latency before the
 * first byte is not in it; the cost of writing to N sockets one after another is.
 */
export function fanOut(records: ViewerRecord[], windows: Window[]): Latency {
  const first = firstArrivals(records);
  const targets: Target[] = [];
  first.votes.forEach((votes, k) => {
    const at = first.at[k] as number;
    if (inWindows(at, windows)) targets.push({ votes, at });
  });
  return deliveryLatency(records, targets);
}

/** Ranking events (not snapshots) that arrived inside the windows, over all viewers; `other`: every other event. */
export function deliveriesIn(records: ViewerRecord[], windows: Window[]): number {
  let n = 0;
  for (const r of records) for (let k = 0; k < r.at.length; k++) if (r.kind[k] === 1 && inWindows(r.at[k] as number, windows)) n++;
  return n;
}

export function otherDeliveriesIn(records: ViewerRecord[], windows: Window[]): number {
  let n = 0;
  for (const r of records) for (const at of r.otherAt) if (inWindows(at, windows)) n++;
  return n;
}

export interface PhaseCpu {
  wallS: number;
  server: number;
  /** The server's main thread alone (the event loop: HTTP, fan-out); the rest is the rating worker, GC and I/O threads. */
  serverMain: number;
  viewers: number;
  /** This process: the pick driver (and the orchestration). */
  driver: number;
  other: number;
}

const CLOCK_TICKS = 100;

/** CPU seconds (user + system) of a process (all its threads) or, with `tid`, of one of its threads. */
export function procCpuSeconds(pid: number, tid?: number): number {
  try {
    const stat = fs.readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const v = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - (v[3] ?? 0) - (v[4] ?? 0)) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Cores used by the server, the viewer process, this process and everything else, from /proc. */
export function phaseCpuMeter(serverPid: number, viewers: () => number): () => PhaseCpu {
  const server = () => procCpuSeconds(serverPid);
  const main = () => procCpuSeconds(serverPid, serverPid);
  const t0 = performance.now();
  const s0 = server();
  const sm0 = main();
  const v0 = viewers();
  const d0 = process.cpuUsage();
  const m0 = machineBusySeconds();
  return () => {
    const wallS = (performance.now() - t0) / 1000;
    const s = server() - s0;
    const v = viewers() - v0;
    const du = process.cpuUsage(d0);
    const d = (du.user + du.system) / 1e6;
    const m = machineBusySeconds() - m0;
    return { wallS, server: s / wallS, serverMain: (main() - sm0) / wallS, viewers: v / wallS, driver: d / wallS, other: Math.max(0, m - s - v - d) / wallS };
  };
}

export interface Limits {
  /** Open-files limit (soft / hard) this process passes on to the server child. */
  nofileSoft: number;
  nofileHard: number;
  /** Local ports the kernel hands out to outgoing connections. */
  ephemeralPorts: number;
  /** Most viewers one server child can hold here: descriptors and ports, with room to spare. */
  maxViewers: number;
}

export function machineLimits(): Limits {
  let soft = 1024;
  let hard = 1024;
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const m = /Max open files\s+(\S+)\s+(\S+)/.exec(line ?? '');
    soft = m?.[1] === 'unlimited' ? 1 << 20 : Number(m?.[1] ?? soft);
    hard = m?.[2] === 'unlimited' ? 1 << 20 : Number(m?.[2] ?? hard);
  } catch {
    // not Linux: keep the conservative default
  }
  let ports = 28_232;
  try {
    const [lo, hi] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (lo !== undefined && hi !== undefined) ports = hi - lo + 1;
  } catch {
    // keep Linux's default range
  }
  // The server needs its own descriptors (database, WAL, listening socket, worker); the viewers'
  // process raises its soft limit to the hard one. Ports: each phase's viewers may linger in
  // TIME_WAIT while the next phase connects, so leave half the range free.
  const maxViewers = Math.max(0, Math.min(soft - 200, hard - 200, Math.floor(ports / 2)));
  return { nofileSoft: soft, nofileHard: hard, ephemeralPorts: ports, maxViewers };
}
