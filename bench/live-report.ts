/** The printed part of bench/live.ts: one table with Versus next to the bare baseline, and notes. */
import { fmtInt, fmtMs, fmtPct, log, table } from './lib.js';
import type { LiveResult } from './live.js';
import type { Latency } from './live-stats.js';

const lat = (l: Latency) => `${fmtMs(l.p50)} / ${fmtMs(l.p99)} / ${fmtMs(l.max)}`;

export function printLive(r: LiveResult): void {
  const rows = [r.small.versus, r.small.bare, r.big.versus, r.big.bare].map((p) => [
    p.label.replace(/,.*$/, ''),
    fmtInt(p.viewers),
    p.eventsPerSec.toFixed(2),
    fmtInt(p.payloadBytes),
    (p.otherPerSec / p.viewers).toFixed(2),
    lat(p.latency),
    lat(p.fanOut),
    fmtInt(p.latency.undelivered),
    fmtInt(p.deliveriesPerSec),
    `${fmtPct(p.cpu.server)} (${fmtPct(p.cpu.serverMain)})`,
    fmtInt(p.perCore),
    ((p.cpu.server / p.deliveriesPerSec) * 1e6).toFixed(1),
    `${fmtPct(p.cpu.viewers)} / ${fmtPct(p.cpu.driver)} / ${fmtPct(p.cpu.other)}`,
    `${p.viewersSeen.resyncs} / ${p.viewersSeen.idGaps}`,
  ]);
  log('');
  log(
    table(
      [
        'server',
        'viewers',
        'rankings/s',
        'B/ranking',
        'other ev./s',
        'latency p50/p99/max ms',
        'fan-out p50/p99/max ms',
        'undeliv.',
        'deliveries/s',
        'server CPU (main)',
        'deliv./s/core',
        'µs/deliv.',
        'CPU viewers/driver/other',
        'resyncs/gaps',
      ],
      rows,
      [1, 2, 3, 4, 7, 8, 9, 10, 11],
    ),
  );
  log(
    '(per viewer: rankings/s, their mean data size and the other events/s (champion, activity) it got; latency: Versus from each pick ' +
      'acknowledgement, bare from each broadcast decision, to each viewer; fan-out: from the first viewer to each viewer; deliveries: ranking ' +
      'events received over all viewers; server CPU in cores, its main thread in parentheses; µs/deliv.: server CPU per ranking delivery)',
  );
  for (const v of [r.small.versus, r.big.versus]) {
    log(
      `${v.label}: p99 ${fmtMs(v.latency.p99)} ms from pick to every viewer (target ≤ 250 ms incl. debounce: ${v.latency.p99 <= 250 ? 'met' : 'MISSED'}); ` +
        `pick → first viewer p50/p99 ${fmtMs(v.toFirst.p50)} / ${fmtMs(v.toFirst.p99)} ms (debounce, computation, publish)` +
        (v.latency.early > 0 ? `; ${fmtInt(v.latency.early)} pairs arrived before the ack was parsed (counted as 0)` : ''),
    );
    log(
      `  ${(v.picksPerSec ?? 0).toFixed(0)} picks/s acknowledged, pick request p50/p99 ${fmtMs(v.pickLatency?.p50 ?? NaN)} / ${fmtMs(v.pickLatency?.p99 ?? NaN)} ms; ` +
        `votes ${v.votes.from} → ${v.votes.to}; snapshot ${fmtInt(v.snapshotBytes)} B, all ${fmtInt(v.ready.withSnapshot)} in ${(v.ready.connectMs / 1000).toFixed(1)} s` +
        (v.serverSide ? `; server: ${fmtInt(v.serverSide.viewers)} viewers, ${v.serverSide.lagging} lagging, ${v.serverSide.resyncs} resyncs` : ''),
    );
  }
  const net = r.big.versus.cpu.server - r.idle.serverCpu;
  log(
    `picks alone (no viewer) cost the server ${fmtPct(r.idle.serverCpu)} of a core (main thread ${fmtPct(r.idle.serverMain)}); net of that, Versus delivers ` +
      `${fmtInt(r.big.versus.deliveriesPerSec / Math.max(0.01, net))} ranking events/s per core at ${fmtInt(r.bigViewers)} viewers (bare: ${fmtInt(r.big.bare.perCore)})`,
  );
}
