/**
 * Page weight: the play page of a starter world cup, loaded the first time in chromium (a fresh
 * context each time: empty cache, its own session and game) against the real server with the
 * built web app (dist/web; built first when missing or older than its sources).
 *
 *   - JavaScript bytes on the wire until the first match is ready, with brotli accepted (the
 *     compressed bodies the server sends), against the same page's scripts with
 *     `Accept-Encoding: identity` (uncompressed, as every page was served before).
 *   - Largest contentful paint (PerformanceObserver 'largest-contentful-paint') under Lighthouse's
 *     "Slow 4G" mobile profile through CDP: 150 ms latency, 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up,
 *     CPU slowed 4×; again with brotli and with identity, the median of `rounds` loads each.
 *
 * Targets (issue 12): play page JS ≤ 60 kB compressed; LCP ≤ 1.5 s on that profile.
 * Env: BENCH_WEIGHT_ROUNDS (3). Standalone: tsx bench/weight.ts
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../test/helpers/env.js';
import { REPO_ROOT, envNumber, fmtInt, isMain, log, startVersus, table } from './lib.js';

export const JS_TARGET_BYTES = 60_000;
export const LCP_TARGET_MS = 1500;
/** Lighthouse's "Slow 4G" (mobile) profile, in CDP's units (bytes per second). */
export const SLOW_4G = { latencyMs: 150, downloadBps: ((1.6 * 1024 * 1024) / 8) * 0.9, uploadBps: ((750 * 1024) / 8) * 0.9, cpuSlowdown: 4 };

export interface Load {
  /** Bytes of script bodies received, as sent (compressed or not). */
  jsBytes: number;
  scripts: number;
  lcpMs: number;
}

export interface WeightResult {
  rounds: number;
  brotli: { bytes: Load; lcpMs: number };
  identity: { bytes: Load; lcpMs: number };
  /** Every script of the build, raw and brotli: what a page would cost if it loaded them all. */
  bundle: { raw: number; brotli: number; files: number };
  problems: string[];
}

const WEB_DIR = path.join(REPO_ROOT, 'dist/web');
const WEB_INPUTS = ['src/web', 'src/shared', 'vite.config.ts', 'svelte.config.js', 'package-lock.json'];

function newestMtime(entry: string): number {
  const full = path.join(REPO_ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(full).map((name) => newestMtime(path.join(entry, name))));
}

/** Whether dist/web holds a dev build (Svelte's dev mode names each component's source file): it would weigh more than users get. */
function isDevBuild(): boolean {
  const assets = path.join(WEB_DIR, 'assets');
  return fs.readdirSync(assets).some((f) => f.startsWith('index-') && f.endsWith('.js') && fs.readFileSync(path.join(assets, f), 'utf8').includes('src/web/App.svelte'));
}

/** Builds the web app unless dist/web is a production build newer than everything it is built from. */
function ensureWebBuild(): void {
  const index = path.join(WEB_DIR, 'index.html');
  const fresh = fs.existsSync(index) && fs.existsSync(`${index}.br`) && fs.statSync(index).mtimeMs >= Math.max(...WEB_INPUTS.map(newestMtime));
  if (fresh && !isDevBuild()) return;
  log('weight: building the web app (dist/web is missing, older than its sources, or a dev build)');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) throw new Error('vite build failed');
}

function bundleSize(): WeightResult['bundle'] {
  const dir = path.join(WEB_DIR, 'assets');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let brotli = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(dir, f));
    raw += bytes.length;
    brotli += fs.existsSync(path.join(dir, `${f}.br`)) ? fs.statSync(path.join(dir, `${f}.br`)).size : brotliCompressSync(bytes).length;
  }
  return { raw, brotli, files: files.length };
}

const LCP_OBSERVER = `(() => {
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = Math.max(window.__lcp, entry.startTime);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
})()`;

/** One first load of /play/<game> in a fresh context (empty cache, its own session and game). */
async function loadPlayPage(browser: Browser, url: string, worldcupId: string, encoding: 'br' | 'identity', throttled: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, bypassCSP: true });
  try {
    // The context's own request client shares its cookies: the game belongs to the page's session.
    const res = await context.request.post(`${url}/api/v1/worldcups/${worldcupId}/games`, { data: { size: 16 } });
    if (res.status() !== 201) throw new Error(`starting a game answered ${res.status()}: ${await res.text()}`);
    const game = (await res.json()) as { id: string };
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (encoding === 'identity') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: SLOW_4G.latencyMs,
        downloadThroughput: SLOW_4G.downloadBps,
        uploadThroughput: SLOW_4G.uploadBps,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpuSlowdown });
    }
    const scripts = new Set<string>();
    let jsBytes = 0;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scripts.add(e.requestId);
    });
    cdp.on('Network.dataReceived', (e) => {
      if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
    });
    await page.addInitScript(LCP_OBSERVER);
    await page.goto(`${url}/play/${game.id}`);
    await page.waitForSelector('[data-testid="match"][aria-busy="false"]', { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const lcpMs = await page.evaluate<number>('window.__lcp');
    return { jsBytes, scripts: scripts.size, lcpMs };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

export async function runWeightBench(): Promise<WeightResult> {
  const rounds = Math.round(envNumber(process.env.BENCH_WEIGHT_ROUNDS, 3));
  log('\n## page weight: the play page, first load (chromium)');
  ensureWebBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-bench-weight-'));
  const server = await startVersus({ dataDir, seed: true, name: 'versus (web app)', env: { WEB_DIR } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const problems: string[] = [];
  try {
    const list = (await (await fetch(`${server.url}/api/v1/worldcups?sort=popular`)).json()) as { items: { id: string; title: string }[] };
    const starter = list.items[0];
    if (!starter) throw new Error('no starter world cup');
    log(`world cup: ${starter.title}; ${rounds} throttled loads each way, profile: latency ${SLOW_4G.latencyMs} ms, ${fmtInt(SLOW_4G.downloadBps)} B/s down, CPU ×${SLOW_4G.cpuSlowdown}`);
    const brBytes = await loadPlayPage(browser, server.url, starter.id, 'br', false);
    const idBytes = await loadPlayPage(browser, server.url, starter.id, 'identity', false);
    const lcp = { br: [] as number[], identity: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      // Alternate, so other work on the machine hits both alike.
      lcp.br.push((await loadPlayPage(browser, server.url, starter.id, 'br', true)).lcpMs);
      lcp.identity.push((await loadPlayPage(browser, server.url, starter.id, 'identity', true)).lcpMs);
    }
    const result: WeightResult = {
      rounds,
      brotli: { bytes: brBytes, lcpMs: median(lcp.br) },
      identity: { bytes: idBytes, lcpMs: median(lcp.identity) },
      bundle: bundleSize(),
      problems,
    };
    if (brBytes.jsBytes === 0 || brBytes.scripts === 0) problems.push('no script was loaded: the measurement did not happen');
    if (!(result.brotli.lcpMs > 0)) problems.push('no largest-contentful-paint entry was observed');
    log(`LCP samples ms: brotli ${lcp.br.map((x) => x.toFixed(0)).join(', ')}; identity ${lcp.identity.map((x) => x.toFixed(0)).join(', ')}`);
    log(table(['figure', 'Versus (brotli)', 'baseline (identity)', 'ratio / target'], weightRows(result)));
    return result;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const kB = (n: number): string => `${(n / 1000).toFixed(1)} kB`;

/** The summary rows (also used by bench/run.ts). */
export function weightRows(r: WeightResult): string[][] {
  const b = r.brotli;
  const i = r.identity;
  return [
    [
      `play page JS, first load (${b.bytes.scripts} scripts)`,
      kB(b.bytes.jsBytes),
      `${kB(i.bytes.jsBytes)} (uncompressed)`,
      `${(b.bytes.jsBytes / i.bytes.jsBytes).toFixed(2)}; target ≤ 60 kB ${b.bytes.jsBytes <= JS_TARGET_BYTES ? 'met' : 'MISSED'}`,
    ],
    [
      'play page LCP, Slow 4G + CPU ×4, median (ms)',
      b.lcpMs.toFixed(0),
      `${i.lcpMs.toFixed(0)} (uncompressed)`,
      `${(b.lcpMs / i.lcpMs).toFixed(2)}; target ≤ 1,500 ms ${b.lcpMs <= LCP_TARGET_MS ? 'met' : 'MISSED'}`,
    ],
    ['  all scripts of the build (raw / brotli)', `${kB(r.bundle.raw)} / ${kB(r.bundle.brotli)}`, `${r.bundle.files} files`, ''],
  ];
}

if (isMain(import.meta.url)) {
  runWeightBench().then(
    (r) => process.exit(r.problems.length > 0 ? 1 : 0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
