/**
 * Shared bench plumbing: child-process servers on 127.0.0.1, CPU accounting, percentiles and a
 * small table printer that keeps Korean text aligned.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRUST_AND_SAFETY_OFF_ENV } from '../test/helpers/rules-off.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOST = '127.0.0.1';

/** True when the module at `metaUrl` is the process entry (`tsx bench/picks.ts`). */
export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(metaUrl);
}

/** A benchmark knob from the environment: its number when it is a positive finite one, else `fallback`. */
export const envNumber = (value: string | undefined, fallback: number): number =>
  value && Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : fallback;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on right now (the kernel's pick), for a child to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface ChildServer {
  name: string;
  pid: number;
  url: string;
  /**
   * The `cookie` header of a session this server issued (Versus accepts no other), so a load's
   * requests share one session and the server mints none per request; '' for the bare baselines.
   */
  session: string;
  /** CPU seconds (user + system) the child has used so far, from /proc. */
  cpuSeconds(): number;
  /** Sends `signal` and resolves once the process is gone (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  /** Last lines the child wrote, for error messages. */
  output(): string;
}

/**
 * `versus serve` from the sources as a benchmark child on a free port: API only (WEB_DIR points
 * nowhere, so no built web app is needed), SQLite in `dataDir`, and rate limits and fair play off,
 * since one client at machine speed would be refused or discounted. `profileDir` adds --cpu-prof.
 */
export async function startVersus(opts: {
  dataDir: string;
  seed: boolean;
  profileDir?: string | undefined;
  timeoutMs?: number;
  /** Names the child in messages ('versus' unless told). */
  name?: string;
  /** More environment on top of the defaults (a setting under test). */
  env?: Record<string, string>;
}): Promise<ChildServer> {
  const port = await freePort();
  const server = await startChild({
    name: opts.name ?? 'versus',
    script: 'src/cli/main.ts',
    args: ['serve'],
    nodeArgs: opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [],
    env: {
      PORT: String(port),
      HOST,
      DATA_DIR: opts.dataDir,
      SEED: opts.seed ? '1' : '0',
      LOG_LEVEL: 'warn',
      WEB_DIR: path.join(opts.dataDir, 'no-web'),
      ...TRUST_AND_SAFETY_OFF_ENV,
      ...opts.env,
    },
    port,
    healthPath: '/api/v1/health',
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
  });
  server.session = await issuedSession(server.url);
  return server;
}

/** A session cookie (`vs_session=…`) the server at `url` issues to a new visitor. */
export async function issuedSession(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/me`);
  await res.text();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('vs_session='));
  if (!cookie) throw new Error('the server set no session cookie');
  return cookie.split(';')[0] ?? '';
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

function procCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts `node [nodeArgs] script args` from the repo root and waits until `healthPath` answers 200.
 * The child gets its own process (and event loop), so the load generator never competes with it
 * inside one loop.
 */
export async function startChild(opts: {
  name: string;
  script: string;
  args?: string[];
  nodeArgs?: string[];
  env: Record<string, string>;
  port: number;
  healthPath: string;
  timeoutMs?: number;
}): Promise<ChildServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.script, ...(opts.args ?? [])],
    { cwd: REPO_ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${opts.name}: spawn failed`);
  const url = `http://${HOST}:${opts.port}`;
  const server: ChildServer = {
    name: opts.name,
    session: '',
    pid,
    url,
    cpuSeconds: () => procCpuSeconds(pid),
    output: () => tail.trim(),
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000) {
      if (exitCode !== undefined) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${opts.name} exited (${exitCode}) before it was ready:\n${server.output()}`);
    try {
      const res = await fetch(url + opts.healthPath, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new Error(`${opts.name} did not become healthy within ${opts.timeoutMs ?? 30_000} ms:\n${server.output()}`);
    }
    await sleep(100);
  }
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineBusySeconds(): number {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return (total - idle) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

export interface CpuReading {
  wallS: number;
  /** Cores used by this process (the load generator). */
  clientCpu: number;
  /** Cores used by the server child. */
  serverCpu: number;
  /** Cores used by everything else on the machine meanwhile: noise from other work. */
  otherCpu: number;
}

/** Measures wall time and the CPU of client, server and everyone else over one phase. */
export function cpuMeter(server: ChildServer): () => CpuReading {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const s0 = server.cpuSeconds();
  const m0 = machineBusySeconds();
  return () => {
    const wallS = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const clientS = (c.user + c.system) / 1e6;
    const serverS = server.cpuSeconds() - s0;
    const machineS = machineBusySeconds() - m0;
    return {
      wallS,
      clientCpu: clientS / wallS,
      serverCpu: serverS / wallS,
      otherCpu: Math.max(0, machineS - clientS - serverS) / wallS,
    };
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function summarize(samples: number[]): { n: number; p50: number; p99: number; mean: number } {
  const sorted = Float64Array.from(samples).sort();
  const mean = samples.reduce((a, b) => a + b, 0) / (samples.length || 1);
  return { n: samples.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean };
}

/** Deterministic PRNG (mulberry32), so generated data is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const fmtMs = (n: number): string => (!Number.isFinite(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const fmtPct = (n: number): string => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '–');

/** Terminal columns of a string: Hangul and other wide characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

const pad = (s: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

/** Renders rows as an aligned table; columns listed in `rightAlign` (by index) are right-aligned. */
export function table(header: string[], rows: string[][], rightAlign: number[] = []): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((c, i) => pad(c, widths[i] ?? 0, rightAlign.includes(i))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}
