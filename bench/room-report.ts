/**
 * The printed tables of bench/rooms.ts: per set-up, Versus beside the bare counter, and the rows it
 * adds to `npm run bench`'s summary.
 */
import { fmtInt, fmtMs, fmtPct, log, table } from './lib.js';
import { type PgWaits, formatWaits } from './room-pg.js';
import type { TallyAge, TallyCheck, VoteSummary } from './room-stats.js';

/** One burst on one target (Versus on one or two instances, or the bare counter). */
export interface RoomRun {
  label: string;
  servers: number;
  viewers: number;
  ready: { withSnapshot: number; connectMs: number };
  votes: VoteSummary;
  check: TallyCheck;
  age: TallyAge;
  /** Cores used from the first vote to the end of the tail: the server(s), the viewers' processes, the voter (this process), everything else. */
  cores: { wallS: number; servers: number; viewers: number; driver: number; other: number };
  /** Tally events a viewer received, on average. */
  tallyEvents: number;
  resyncs: number;
  /** PostgreSQL's connections during the burst, when the servers share one. */
  pgWaits?: PgWaits | undefined;
  problems: string[];
}

/** The parts of a scenario the report needs (rooms.ts' Scenario). */
interface ScenarioLike {
  label: string;
  versus: RoomRun;
  bare: RoomRun;
}

export const ACK_P99_TARGET_MS = 300;

const ratio = (x: number): string => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×` : '–');
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');

const acks = (r: RoomRun): string =>
  `${fmtInt(r.votes.acked)}/${fmtInt(r.votes.sent)} (left ${fmtInt(r.check.acked.left)}, right ${fmtInt(r.check.acked.right)})`;

const tallyLine = (c: TallyCheck): string =>
  `${fmtInt(c.final.left)} / ${fmtInt(c.final.right)}: lost ${fmtInt(c.lost)}, double ${fmtInt(c.double)}${c.exact ? '' : ' (NOT EXACT)'}`;

const ageLine = (a: TallyAge): string => `${fmtMs(a.worstMs)} / ${fmtMs(a.p99Ms)}, ${fmtPct(a.share)} (${fmtInt(a.viewersOver)})`;

const ackMs = (v: VoteSummary): string => `${fmtMs(v.fromDue.p50)} / ${fmtMs(v.fromDue.p99)}`;

function ackOk(r: RoomRun): boolean {
  return r.votes.fromDue.p99 <= ACK_P99_TARGET_MS && r.votes.acked === r.votes.sent;
}

function ageOk(r: RoomRun): boolean {
  return r.age.viewersOver === 0 && r.ready.withSnapshot === r.viewers;
}

export function printScenario(s: ScenarioLike): void {
  const { versus: v, bare: b } = s;
  const cores = (r: RoomRun) => `${r.cores.servers.toFixed(2)} / ${r.cores.viewers.toFixed(2)} / ${r.cores.driver.toFixed(2)} / ${r.cores.other.toFixed(2)}`;
  const rows = [
    ['viewers with a snapshot (connect s)', `${fmtInt(v.ready.withSnapshot)} (${(v.ready.connectMs / 1000).toFixed(1)})`, `${fmtInt(b.ready.withSnapshot)} (${(b.ready.connectMs / 1000).toFixed(1)})`, ''],
    ['votes acknowledged (202) / sent', acks(v), acks(b), Object.keys(v.votes.refused).length ? `refused ${JSON.stringify(v.votes.refused)}` : ''],
    ['final tally left / right vs acknowledged', tallyLine(v.check), tallyLine(b.check), v.check.lost + v.check.double === 0 ? 'none lost, none double' : 'FAILED'],
    ['ack p50 / p99 ms (from due)', ackMs(v.votes), ackMs(b.votes), `p99 ${ratio(v.votes.fromDue.p99 / b.votes.fromDue.p99)} bare; target ≤ ${ACK_P99_TARGET_MS} ms ${verdict(ackOk(v))}`],
    ['  ack p50 / p99 ms (from sent), max from due', `${fmtMs(v.votes.fromSent.p50)} / ${fmtMs(v.votes.fromSent.p99)}, ${fmtMs(v.votes.fromDue.max)}`, `${fmtMs(b.votes.fromSent.p50)} / ${fmtMs(b.votes.fromSent.p99)}, ${fmtMs(b.votes.fromDue.max)}`, ''],
    ['  acknowledged votes/s over the burst', fmtInt(v.votes.perSec), fmtInt(b.votes.perSec), ''],
    ['tally age worst / p99 ms, share (viewers) > 1 s', ageLine(v.age), ageLine(b.age), `target every viewer ≤ 1 s ${verdict(ageOk(v))}`],
    ['  tally events per viewer; resyncs', `${v.tallyEvents.toFixed(1)}; ${fmtInt(v.resyncs)}`, `${b.tallyEvents.toFixed(1)}; ${fmtInt(b.resyncs)}`, ''],
    ['cores: server(s) / viewers / voter / other', cores(v), cores(b), `over ${v.cores.wallS.toFixed(1)} s / ${b.cores.wallS.toFixed(1)} s`],
  ];
  log(`\n${table([s.label, 'Versus', 'bare node:http counter', 'verdict'], rows)}`);
  if (v.pgWaits) log(`PostgreSQL connections during the burst (mean of ${v.pgWaits.samples} samples): ${formatWaits(v.pgWaits)}`);
}

/** Rows for the summary of bench/run.ts. */
export function roomsRows(r: { options: { viewers: number; votes: number; seconds: number }; single: ScenarioLike; cluster: ScenarioLike | { skipped: string } }): string[][] {
  const o = r.options;
  const rows: string[][] = [];
  for (const s of [r.single, r.cluster]) {
    if ('skipped' in s) {
      rows.push(['live room, PostgreSQL + Redis', `skipped: ${s.skipped}`, '', '']);
      continue;
    }
    const { versus: v, bare: b } = s;
    rows.push(
      [
        `live room, ${s.label}: ${fmtInt(o.votes)} votes in ${o.seconds} s, ${fmtInt(o.viewers)} viewers: ack p50 / p99 ms`,
        ackMs(v.votes),
        `${ackMs(b.votes)} (bare counter)`,
        `p99 ${ratio(v.votes.fromDue.p99 / b.votes.fromDue.p99)}; target ≤ ${ACK_P99_TARGET_MS} ms ${verdict(ackOk(v))}`,
      ],
      [
        '  acknowledged / final tally (lost, double)',
        `${fmtInt(v.votes.acked)} / ${fmtInt(v.check.final.left + v.check.final.right)} (${v.check.lost}, ${v.check.double})`,
        `${fmtInt(b.votes.acked)} / ${fmtInt(b.check.final.left + b.check.final.right)} (${b.check.lost}, ${b.check.double})`,
        v.check.lost + v.check.double === 0 && v.check.exact ? 'exact' : 'FAILED',
      ],
      ['  tally age worst / p99 ms, share > 1 s', ageLine(v.age), ageLine(b.age), `target ≤ 1 s ${verdict(ageOk(v))}`],
    );
  }
  return rows;
}
