/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per origin (our src/,
 * each node_modules package, node internals, native/GC). Used by picks.ts when BENCH_PROFILE=1,
 * or standalone: tsx bench/cpuprofile.ts file.cpuprofile
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, isMain, log, table } from './lib.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotSpot {
  name: string;
  where: string;
  origin: string;
  selfMs: number;
  share: number;
}

function originOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? 'node_modules');
  }
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/src/')) return 'src (Versus)';
  return path.basename(url);
}

function shortUrl(url: string): string {
  if (!url) return '';
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('node_modules/');
  if (nm >= 0) return u.slice(nm + 'node_modules/'.length);
  return u.startsWith(REPO_ROOT) ? u.slice(REPO_ROOT.length + 1) : u;
}

/** Self time per function (by sample deltas) and per origin, largest first. */
export function summarizeProfile(file: string): {
  totalMs: number;
  idleMs: number;
  functions: HotSpot[];
  origins: HotSpot[];
  /** Our own (src/) functions by inclusive time: self plus everything they called. */
  inclusive: HotSpot[];
} {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the following delta to sample i.
    const dt = deltas[i + 1] ?? 0;
    const id = samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const byFunction = new Map<string, HotSpot>();
  const byOrigin = new Map<string, HotSpot>();
  let totalUs = 0;
  let idleUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)') {
      idleUs += us;
      continue;
    }
    totalUs += us;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}:${columnNumber + 1}` : '';
    const origin = originOf(url, name);
    const key = `${name}|${where}`;
    const f = byFunction.get(key) ?? { name, where, origin, selfMs: 0, share: 0 };
    f.selfMs += us / 1000;
    byFunction.set(key, f);
    const o = byOrigin.get(origin) ?? { name: origin, where: '', origin, selfMs: 0, share: 0 };
    o.selfMs += us / 1000;
    byOrigin.set(origin, o);
  }
  // Inclusive time of src/ functions: walk each sampled node's stack once per distinct function.
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parent.set(c, node.id);
  }
  const inclusive = new Map<string, HotSpot>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      if (!url.includes('/src/') || url.includes('node_modules')) continue;
      const name = functionName || '(anonymous)';
      const where = `${shortUrl(url)}:${lineNumber + 1}:${columnNumber + 1}`;
      const key = `${name}|${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const h = inclusive.get(key) ?? { name, where, origin: 'src (Versus)', selfMs: 0, share: 0 };
      h.selfMs += us / 1000;
      inclusive.set(key, h);
    }
  }
  const ranked = (m: Map<string, HotSpot>) =>
    [...m.values()].map((h) => ({ ...h, share: h.selfMs / (totalUs / 1000) })).sort((a, b) => b.selfMs - a.selfMs);
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    functions: ranked(byFunction),
    origins: ranked(byOrigin),
    inclusive: ranked(inclusive),
  };
}

/**
 * Prints the hot spots. With `per` (e.g. the number of picks served), each line also shows its
 * time per unit, which is comparable across runs of different length.
 * `where` is file:line:column of the function's start in the code V8 ran: for tsx-loaded files that
 * is the transpiled module (often all on line 1), so the column tells its functions apart.
 */
export function printProfile(file: string, top = 20, per?: { count: number; unit: string }): void {
  const s = summarizeProfile(file);
  const perCol = per ? [`µs/${per.unit}`] : [];
  const perCell = (ms: number) => (per ? [((ms * 1000) / Math.max(1, per.count)).toFixed(1)] : []);
  log(
    `\nCPU profile ${file}: ${(s.totalMs / 1000).toFixed(1)} s busy, ${(s.idleMs / 1000).toFixed(1)} s idle` +
      (per ? `, ${per.count} ${per.unit}s` : '') +
      ' (busy includes start-up and time blocked in synchronous native calls such as SQLite I/O)',
  );
  log(
    table(
      ['self ms', ...perCol, 'share', 'function', 'where'],
      s.functions.slice(0, top).map((f) => [f.selfMs.toFixed(0), ...perCell(f.selfMs), `${(f.share * 100).toFixed(1)}%`, f.name, f.where]),
      [0, 1, 2],
    ),
  );
  log('\nour functions by inclusive time (self + synchronous callees; time after an await is not included)');
  log(
    table(
      ['total ms', ...perCol, 'share', 'function', 'where'],
      s.inclusive.slice(0, 15).map((f) => [f.selfMs.toFixed(0), ...perCell(f.selfMs), `${(f.share * 100).toFixed(1)}%`, f.name, f.where]),
      [0, 1, 2],
    ),
  );
  log('\nby origin');
  log(
    table(
      ['self ms', ...perCol, 'share', 'origin'],
      s.origins.slice(0, 15).map((o) => [o.selfMs.toFixed(0), ...perCell(o.selfMs), `${(o.share * 100).toFixed(1)}%`, o.name]),
      [0, 1, 2],
    ),
  );
}

if (isMain(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: tsx bench/cpuprofile.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  printProfile(file, Number(process.argv[3] ?? 25));
}
